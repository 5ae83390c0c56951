using System.Text;
using Labels.Application.Imports;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// How the bytes of an imported file become text, decided here only. Without a declared charset the file must be UTF-8
/// (a BOM is fine); a declared one (<see cref="EncodagesImport"/>) is honoured. The first byte that is not valid in the
/// encoding stops the import with its physical line (<see cref="EncodageInvalideException"/>): a decoder left to itself
/// would store U+FFFD in place of the letter, the silent loss a spreadsheet's windows-1252 CSV read as UTF-8 used to cause.
/// UTF-8, the common case, is never checked apart from its decoding: in CSV the decoder that makes the text Sep parses
/// refuses what is invalid (<see cref="FluxUtf8"/>), and JSON goes as UTF-8 bytes (RFC 8259) to System.Text.Json, which
/// refuses it where it makes text of a value (LecteurJson names the line). Other charsets are checked byte by byte as they
/// stream (<see cref="FluxVerifie"/>), then decoded for Sep, or transcoded into UTF-8 for JSON. A U+FFFD in the file itself,
/// which says it already lost characters in some earlier conversion, is refused where the text is read: on its CSV line
/// (LectureDuFichier), in its JSON value (LecteurJson).
/// </summary>
internal static class CorpsImport
{
    // Smaller than Sep's buffer, so that the reader decodes straight into it.
    private const int TailleDuLecteur = 4096;

    /// <summary>The text of a CSV file, decoded from <paramref name="encodage"/> (a canonical name, null for UTF-8 by default).</summary>
    public static async Task<TextReader> TexteAsync(Stream octets, string? encodage, CancellationToken ct)
    {
        var regle = ReglesEncodage.Pour(encodage);
        if (regle is ReglesUtf8 utf8)
        {
            var flux = new FluxUtf8(octets, utf8, compterLesLignes: true);
            return new StreamReader(flux, flux.Decodeur, detectEncodingFromByteOrderMarks: false, bufferSize: TailleDuLecteur);
        }
        var verifie = await FluxVerifie.OuvrirAsync(octets, regle, ct);
        // Its decoder throws rather than substitutes, should anything get past the check; the BOM is the check's to skip.
        return new StreamReader(verifie, verifie.Regle.Decodeur, detectEncodingFromByteOrderMarks: false, bufferSize: TailleDuLecteur);
    }

    /// <summary>
    /// The bytes of a JSON file in UTF-8, transcoded as they stream when another charset is declared. UTF-8 ones are handed on
    /// as they are (BOM skipped): System.Text.Json throws on an invalid sequence where it turns a value into text, never
    /// substitutes, and the JSON reader then names its line (<see cref="Utf8Invalide"/>).
    /// </summary>
    public static async Task<Stream> Utf8Async(Stream octets, string? encodage, CancellationToken ct)
    {
        var regle = ReglesEncodage.Pour(encodage);
        if (regle is ReglesUtf8 utf8) return new FluxUtf8(octets, utf8, compterLesLignes: false);
        var verifie = await FluxVerifie.OuvrirAsync(octets, regle, ct);
        return Encoding.CreateTranscodingStream(verifie, verifie.Regle.Decodeur, new UTF8Encoding(false));
    }

    /// <summary>
    /// Where the UTF-8 of <paramref name="octets"/> is invalid (an incomplete character at their end is not: it may go on
    /// further in the file); -1 when it is not.
    /// </summary>
    public static int PremierOctetInvalide(ReadOnlySpan<byte> octets) => ReglesUtf8.PremierDefaut(octets, finDuFichier: false);

    /// <summary>The refusal of a UTF-8 JSON file (declared so, or not declared) at the invalid byte <paramref name="position"/> of <paramref name="octets"/>.</summary>
    public static EncodageInvalideException Utf8Invalide(string? encodage, int ligne, ReadOnlySpan<byte> octets, int position) =>
        ReglesEncodage.Pour(encodage).Invalide(ligne, octets, position, debutDuFichier: false);
}
