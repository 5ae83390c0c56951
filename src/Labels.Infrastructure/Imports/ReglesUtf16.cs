using System.Text;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// utf-16, utf-16le and utf-16be: whole code units, surrogates in pairs; the byte order told by the BOM (utf-16) or by the name.
/// </summary>
internal sealed class ReglesUtf16(string? declare, bool? grosBoutiste) : ReglesEncodage(declare)
{
    private bool _grosBoutiste = grosBoutiste ?? false;
    private Encoding? _decodeur;

    // Asked for once the BOM is read (FluxVerifie.OuvrirAsync).
    public override Encoding Decodeur => _decodeur ??= new UnicodeEncoding(_grosBoutiste, byteOrderMark: false, throwOnInvalidBytes: true);

    /// <summary>utf-16 is told apart by its BOM (required); utf-16le and utf-16be may have theirs.</summary>
    public override int Marque(ReadOnlySpan<byte> debut)
    {
        var le = debut.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]);
        var be = debut.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
        if (grosBoutiste is null)
        {
            if (!le && !be) return -1;
            _grosBoutiste = be;
            return 2;
        }
        return (grosBoutiste.Value ? be : le) ? 2 : 0;
    }

    private int Unite(ReadOnlySpan<byte> octets, int i) => _grosBoutiste ? octets[i] << 8 | octets[i + 1] : octets[i + 1] << 8 | octets[i];

    public override int Verifier(ReadOnlySpan<byte> octets, bool fin, out int invalide)
    {
        var pairs = octets.Length & ~1;
        var i = 0;
        for (; i < pairs; i += 2)
        {
            var u = Unite(octets, i);
            if (char.IsLowSurrogate((char)u)) break;
            if (!char.IsHighSurrogate((char)u)) continue;
            if (i + 2 >= pairs)
            {
                if (fin) break;
                invalide = -1;
                return i; // its pair comes with the next read
            }
            if (!char.IsLowSurrogate((char)Unite(octets, i + 2))) break;
            i += 2;
        }
        if (i < pairs || (fin && pairs < octets.Length))
        {
            invalide = i;
            return i;
        }
        invalide = -1;
        return pairs;
    }

    public override int Lignes(ReadOnlySpan<byte> octets)
    {
        var n = 0;
        for (var i = 0; i + 1 < octets.Length; i += 2)
            if (Unite(octets, i) == '\n') n++;
        return n;
    }

    /// <summary>Only at the file's start: a position 0 further on is that of a read, and a file cut short is no file without BOM.</summary>
    protected override string? RaisonDuDebut(ReadOnlySpan<byte> octets) => base.RaisonDuDebut(octets)
        ?? (grosBoutiste is null && !EstMarqueUtf16(octets)
            ? "Un fichier déclaré utf-16 commence par sa marque (BOM) FF FE ou FE FF ; sans elle, déclarez utf-16le ou utf-16be."
            : null);

    protected override string Raison(ReadOnlySpan<byte> octets, int position)
    {
        // Verifier refuses these only at the end of the file: an odd byte, or the first half of a pair, is all that is left.
        if (position + 1 >= octets.Length || position + 3 >= octets.Length && char.IsHighSurrogate((char)Unite(octets, position)))
            return "Le fichier finit au milieu d'un caractère UTF-16.";
        return $"La suite 0x{Unite(octets, position):X4} n'est pas de l'UTF-16 valide (demi-caractère isolé).";
    }
}
