using System.Buffers;
using System.Security.Cryptography;
using Labels.Application.Commun;

namespace Labels.Application.Imports;

/// <summary>
/// The body of an import as received, hashed (SHA-256) and counted as the loader reads it (<see cref="Flux"/>). Every run records
/// the file it was sent (docs/import.md, The report), also one refused before its end: the rest is then read here
/// (<see cref="LireLaSuiteAsync"/>), within the size limit the body itself enforces.
/// </summary>
internal sealed class CorpsRecu : IDisposable
{
    private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly FluxCompte _flux;

    public CorpsRecu(Stream corps) => _flux = new FluxCompte(corps, _sha);

    /// <summary>What the loader reads. Its readers dispose it as they end; that leaves the body to its owner (the request, the queued file).</summary>
    public Stream Flux => _flux;

    /// <summary>The bytes read so far: the size of a streamed body, which has no length of its own.</summary>
    public long Octets => _flux.Octets;

    /// <summary>SHA-256 (hex) of the bytes read so far.</summary>
    public string Empreinte() => Convert.ToHexStringLower(_sha.GetCurrentHash());

    /// <summary>Reads what the loader left unread, for the size and SHA-256 of the whole body.</summary>
    public async Task LireLaSuiteAsync(CancellationToken ct)
    {
        var tampon = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            while (await _flux.ReadAsync(tampon, ct) > 0) { }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(tampon);
        }
    }

    public void Dispose() => _sha.Dispose();
}
