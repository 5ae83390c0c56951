using System.IO.Compression;
using System.Security.Cryptography;

namespace Labels.Api.Publication;

/// <summary>A representation ready to send: its exact bytes, their strong ETag and, when compressed, their Content-Encoding.</summary>
public sealed record Representation(byte[] Octets, string ETag, string TypeDeContenu, string? Codage = null)
{
    public const string TypeJson = "application/json; charset=utf-8";
    public const string TypeCsv = "text/csv; charset=utf-8";

    public static Representation De(byte[] octets, string type, string? codage = null) =>
        new(octets, $"\"{Convert.ToBase64String(SHA256.HashData(octets), 0, 18).Replace('+', '-').Replace('/', '_')}\"", type, codage);

    /// <summary>
    /// The representation compressed, or itself when compressing does not make it smaller (a few dozen bytes).
    /// Brotli at quality 9 and gzip at level 9: done once per release and filter, so the smaller the better, within
    /// a fraction of a second for the largest palmarès.
    /// </summary>
    public Representation Comprimee(Compression compression)
    {
        using var sortie = new MemoryStream(Octets.Length / 4);
        using (Stream flux = compression == Compression.Brotli
                   ? new BrotliStream(sortie, new BrotliCompressionOptions { Quality = 9 }, leaveOpen: true)
                   : new GZipStream(sortie, new ZLibCompressionOptions { CompressionLevel = 9 }, leaveOpen: true))
            flux.Write(Octets);
        if (sortie.Length >= Octets.Length) return this;
        return Representation.De(sortie.ToArray(), TypeDeContenu, compression == Compression.Brotli ? "br" : "gzip");
    }
}
