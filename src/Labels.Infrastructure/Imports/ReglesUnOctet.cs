using System.Buffers;
using System.Text;

namespace Labels.Infrastructure.Imports;

/// <summary>windows-1252, ISO-8859-1 and ISO-8859-15: every byte a character, but those no text holds in the encoding.</summary>
internal sealed class ReglesUnOctet(string declare, int pageDeCode, SearchValues<byte> interdits) : ReglesEncodage(declare)
{
    // .NET itself knows none of these code pages: they come with this provider.
    static ReglesUnOctet() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public override Encoding Decodeur { get; } = Encoding.GetEncoding(pageDeCode, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    // A BOM is not windows-1252 or Latin-1 text: it says the file is in another encoding than declared.
    public override int Marque(ReadOnlySpan<byte> debut) => EstMarqueUtf8(debut) || EstMarqueUtf16(debut) ? -1 : 0;

    public override int Verifier(ReadOnlySpan<byte> octets, bool fin, out int invalide)
    {
        invalide = octets.IndexOfAny(interdits);
        return invalide < 0 ? octets.Length : invalide;
    }

    protected override string Raison(ReadOnlySpan<byte> octets, int position) =>
        pageDeCode == 1252
            ? $"L'octet 0x{octets[position]:X2} n'a pas de sens en windows-1252."
            : $"L'octet 0x{octets[position]:X2} est un caractère de contrôle en {Nom}, qu'aucun texte ne contient : "
              + "le fichier est sans doute en windows-1252 (où il est par exemple « € » ou « œ »).";
}
