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
    private readonly Stream _corps;

    public CorpsRecu(Stream corps)
    {
        _corps = corps;
        Flux = new Lecteur(this);
    }

    /// <summary>What the loader reads. Its readers dispose it as they end; that leaves the body to its owner (the request, the queued file).</summary>
    public Stream Flux { get; }

    /// <summary>The bytes read so far: the size of a streamed body, which has no length of its own.</summary>
    public long Octets { get; private set; }

    /// <summary>SHA-256 (hex) of the bytes read so far.</summary>
    public string Empreinte() => Convert.ToHexStringLower(_sha.GetCurrentHash());

    /// <summary>Reads what the loader left unread, for the size and SHA-256 of the whole body.</summary>
    public async Task LireLaSuiteAsync(CancellationToken ct)
    {
        var tampon = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            while (await LireAsync(tampon, ct) > 0) { }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(tampon);
        }
    }

    private async ValueTask<int> LireAsync(Memory<byte> tampon, CancellationToken ct)
    {
        var lus = await _corps.ReadAsync(tampon, ct);
        return Compter(tampon.Span[..lus]);
    }

    private int Lire(Span<byte> tampon) => Compter(tampon[.._corps.Read(tampon)]);

    private int Compter(ReadOnlySpan<byte> lus)
    {
        _sha.AppendData(lus);
        Octets += lus.Length;
        return lus.Length;
    }

    public void Dispose() => _sha.Dispose();

    private sealed class Lecteur(CorpsRecu recu) : FluxEnLecture
    {

        public override int Read(byte[] buffer, int offset, int count) => recu.Lire(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer) => recu.Lire(buffer);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => recu.LireAsync(buffer, cancellationToken);
    }
}
