using System.Text;
using System.Text.Unicode;

namespace Labels.Cli.Import;

/// <summary>What a look at the file's bytes says of its encoding.</summary>
/// <param name="Encodage">The charset to declare (utf-8, utf-16), or null when the file is not UTF-8.</param>
/// <param name="Ligne">Where it stops being UTF-8: the physical line (header = 1) of its first invalid byte.</param>
public sealed record Sondage(string? Encodage, int Ligne = 0, byte Octet = 0, long Position = 0);

/// <summary>
/// The API reads a file as UTF-8 unless told otherwise, and refuses one that is not (docs/import.md, Encodings). A spreadsheet's
/// « CSV (séparateur : point-virgule) » is windows-1252, so before sending, the CLI checks what it is about to send: a BOM
/// names UTF-8 or UTF-16; otherwise the whole file is read once (it stops at the first byte that is not UTF-8), and a
/// file that is not UTF-8 is sent only once its encoding is known — given with --encoding, or confirmed as windows-1252.
/// </summary>
public static class EncodageDuFichier
{
    public const string Windows1252 = "windows-1252";

    static EncodageDuFichier() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static async Task<Sondage> SonderAsync(string fichier, CancellationToken ct)
    {
        await using var flux = new FileStream(fichier, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
        var tampon = new byte[1 << 20];
        int fin = 0, reste = 0, lignes = 0;
        long avant = 0;
        var premier = true;
        while (true)
        {
            var lus = await flux.ReadAsync(tampon.AsMemory(reste), ct);
            fin = reste + lus;
            var donnees = tampon.AsSpan(0, fin);
            if (premier)
            {
                premier = false;
                if (donnees.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return new Sondage("utf-8");
                if (donnees.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || donnees.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
                    return new Sondage("utf-16");
            }
            // A character cut by this read is checked with the next one.
            var entiers = lus == 0 ? fin : fin - Coupe(donnees);
            var part = donnees[..entiers];
            if (!Utf8.IsValid(part))
            {
                var i = PremierInvalide(part);
                return new Sondage(null, lignes + part[..i].Count((byte)'\n') + 1, part[i], avant + i);
            }
            if (lus == 0) return new Sondage("utf-8");
            lignes += part.Count((byte)'\n');
            avant += entiers;
            reste = fin - entiers;
            tampon.AsSpan(entiers, reste).CopyTo(tampon);
        }
    }

    /// <summary>The line of <paramref name="sondage"/> read as windows-1252, for the person to judge (at most 200 characters).</summary>
    public static string Extrait(string fichier, Sondage sondage)
    {
        using var flux = new FileStream(fichier, FileMode.Open, FileAccess.Read, FileShare.Read);
        var debut = Math.Max(0, sondage.Position - 400);
        flux.Position = debut;
        var octets = new byte[800];
        var n = flux.ReadAtLeast(octets, octets.Length, throwOnEndOfStream: false);
        var avant = octets.AsSpan(0, (int)(sondage.Position - debut));
        var apres = octets.AsSpan((int)(sondage.Position - debut), n - (int)(sondage.Position - debut));
        var a = avant.LastIndexOf((byte)'\n');
        var b = apres.IndexOf((byte)'\n');
        var ligne = Encoding.GetEncoding(1252).GetString([.. avant[(a + 1)..], .. b < 0 ? apres : apres[..b]]).TrimEnd('\r');
        return ligne.Length > 200 ? ligne[..200] + "…" : ligne;
    }

    private static int Coupe(ReadOnlySpan<byte> octets)
    {
        for (var i = 1; i <= Math.Min(3, octets.Length); i++)
        {
            var b = octets[^i];
            if ((b & 0xC0) == 0x80) continue;
            var longueur = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return longueur > i ? i : 0;
        }
        return 0;
    }

    private static int PremierInvalide(ReadOnlySpan<byte> octets)
    {
        var i = 0;
        while (i < octets.Length)
        {
            if (Rune.DecodeFromUtf8(octets[i..], out _, out var lus) != System.Buffers.OperationStatus.Done) return i;
            i += lus;
        }
        return octets.Length - 1;
    }
}
