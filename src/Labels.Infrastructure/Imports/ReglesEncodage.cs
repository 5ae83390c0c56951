using System.Buffers;
using System.Text;
using Labels.Application.Imports;

namespace Labels.Infrastructure.Imports;

/// <summary>What is valid in one encoding, its BOM, how its lines are counted, and how to tell the caller.</summary>
internal abstract class ReglesEncodage(string? declare)
{
    // The five bytes windows-1252 leaves undefined: no text has them.
    private static readonly SearchValues<byte> IndefinisEn1252 = SearchValues.Create([0x81, 0x8D, 0x8F, 0x90, 0x9D]);

    // C1 controls in ISO-8859-1 and -15: no text has them, whereas a windows-1252 file declared as Latin-1 does (for « € », « œ », « ’ »).
    private static readonly SearchValues<byte> ControlesC1 = SearchValues.Create(Enumerable.Range(0x80, 32).Select(b => (byte)b).ToArray());

    public static ReglesEncodage Pour(string? encodage) => encodage switch
    {
        null or EncodagesImport.Utf8 => new ReglesUtf8(encodage),
        EncodagesImport.Utf16 => new ReglesUtf16(encodage, grosBoutiste: null),
        EncodagesImport.Utf16Le => new ReglesUtf16(encodage, grosBoutiste: false),
        EncodagesImport.Utf16Be => new ReglesUtf16(encodage, grosBoutiste: true),
        EncodagesImport.Windows1252 => new ReglesUnOctet(encodage, 1252, IndefinisEn1252),
        EncodagesImport.Iso88591 => new ReglesUnOctet(encodage, 28591, ControlesC1),
        EncodagesImport.Iso885915 => new ReglesUnOctet(encodage, 28605, ControlesC1),
        _ => throw new ArgumentOutOfRangeException(nameof(encodage), encodage, "Encodage non reconnu par EncodagesImport."),
    };

    protected string Nom => declare ?? EncodagesImport.Utf8;

    /// <summary>A decoder that throws on what it cannot decode, never substitutes; without preamble (the BOM is skipped before).</summary>
    public abstract Encoding Decodeur { get; }

    /// <summary>How many bytes of BOM to skip at the start; -1 when the start is not acceptable.</summary>
    public abstract int Marque(ReadOnlySpan<byte> debut);

    /// <returns>How many bytes from the start are whole valid characters; <paramref name="invalide"/> the first bad one, or -1.</returns>
    public abstract int Verifier(ReadOnlySpan<byte> octets, bool fin, out int invalide);

    public virtual int Lignes(ReadOnlySpan<byte> octets) => octets.Count((byte)'\n');

    /// <summary>Why the byte at <paramref name="position"/> of <paramref name="octets"/> is refused.</summary>
    protected abstract string Raison(ReadOnlySpan<byte> octets, int position);

    /// <param name="debutDuFichier">The byte is the file's first (after a BOM of the encoding): a BOM of another one is said so.</param>
    public EncodageInvalideException Invalide(int ligne, ReadOnlySpan<byte> octets, int position, bool debutDuFichier) =>
        Invalide(ligne, debutDuFichier && RaisonDuDebut(octets) is { } debut ? debut : Raison(octets, position));

    public EncodageInvalideException Invalide(int ligne, string raison)
    {
        var conseil = declare is null
            ? "Sans charset déclaré, un fichier importé doit être en UTF-8. Un tableur enregistre d'ordinaire un « CSV (séparateur : "
              + "point-virgule) » en windows-1252 : déclarez l'encodage réel, par exemple Content-Type: text/csv; charset=windows-1252"
            : $"Le fichier n'est pas en {declare} comme déclaré : déclarez son encodage réel dans le Content-Type (par exemple charset=windows-1252)";
        return new EncodageInvalideException(ligne,
            $"{raison} {conseil} ; encodages acceptés : {string.Join(", ", EncodagesImport.Acceptes)}. Rien n'a été écrit.");
    }

    /// <summary>A file whose BOM says another encoding than the declared one: say that rather than name a byte.</summary>
    protected virtual string? RaisonDuDebut(ReadOnlySpan<byte> octets)
    {
        if (this is not ReglesUtf8 && EstMarqueUtf8(octets))
            return $"Le fichier commence par la marque (BOM) de l'UTF-8, il est donc en UTF-8, et non en {Nom} comme déclaré.";
        if (this is not ReglesUtf16 && EstMarqueUtf16(octets))
            return $"Le fichier commence par la marque (BOM) de l'UTF-16 : déclarez charset=utf-16 ; il n'est pas en {Nom}.";
        return null;
    }

    internal static bool EstMarqueUtf8(ReadOnlySpan<byte> debut) => debut.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);

    internal static bool EstMarqueUtf16(ReadOnlySpan<byte> debut) =>
        debut.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || debut.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
}
