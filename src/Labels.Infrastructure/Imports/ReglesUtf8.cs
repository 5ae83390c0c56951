using System.Buffers;
using System.Text;

namespace Labels.Infrastructure.Imports;

/// <summary>UTF-8's messages and BOM: its bytes are checked by the CSV's decoder or the JSON's reader (see <see cref="FluxUtf8"/>).</summary>
internal sealed class ReglesUtf8(string? declare) : ReglesEncodage(declare)
{
    public override Encoding Decodeur => throw new NotSupportedException("L'UTF-8 est décodé par FluxUtf8.");

    public override int Marque(ReadOnlySpan<byte> debut) => EstMarqueUtf8(debut) ? 3 : 0;

    public override int Verifier(ReadOnlySpan<byte> octets, bool fin, out int invalide) =>
        throw new NotSupportedException("L'UTF-8 est vérifié par son décodeur (CSV) ou son lecteur (JSON).");

    /// <summary>The first byte of <paramref name="octets"/> that starts no valid character; -1 if none (an incomplete one at their end counts only at the file's end).</summary>
    public static int PremierDefaut(ReadOnlySpan<byte> octets, bool finDuFichier)
    {
        var i = 0;
        while (i < octets.Length)
        {
            var ascii = octets[i..].IndexOfAnyExceptInRange((byte)0, (byte)0x7F);
            if (ascii < 0) return -1;
            i += ascii;
            switch (System.Text.Rune.DecodeFromUtf8(octets[i..], out _, out var lus))
            {
                case OperationStatus.Done:
                    i += lus;
                    break;
                case OperationStatus.NeedMoreData when !finDuFichier:
                    return -1;
                default:
                    return i;
            }
        }
        return -1;
    }

    protected override string Raison(ReadOnlySpan<byte> octets, int position) =>
        position >= octets.Length || System.Text.Rune.DecodeFromUtf8(octets[position..], out _, out _) == OperationStatus.NeedMoreData
            ? "Le fichier finit au milieu d'un caractère UTF-8."
            : $"L'octet 0x{octets[position]:X2} n'est pas de l'UTF-8 valide.";
}
