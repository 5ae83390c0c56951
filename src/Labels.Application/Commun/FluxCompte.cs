using System.Security.Cryptography;

namespace Labels.Application.Commun;

/// <summary>
/// A body's bytes handed on as they are read, and counted: the size of a streamed body, which has no length of its own. Given a
/// hash, it feeds it what it hands on (a run records the SHA-256 of the file it received, <see cref="Imports.CorpsRecu"/>); given
/// a limit, it stops the body there, before it costs memory or disk (the import's route, ImportsEndpoints.cs), after handing on the
/// bytes within the limit, so that a run still records what it received up to it. Disposing it leaves the stream it reads to that
/// stream's owner (the request, the queued file), and leaves itself readable: what the loader's readers, which dispose it as they
/// end, left unread is read on for the record.
/// </summary>
/// <param name="limite">How many bytes may come, and the exception that refuses more.</param>
public sealed class FluxCompte(Stream interne, IncrementalHash? empreinte = null, (long Octets, Func<Exception> Refus)? limite = null)
    : FluxEnLecture
{
    private readonly long _limite = limite?.Octets ?? long.MaxValue;
    private Func<Exception>? _arret;

    /// <summary>The bytes handed on so far.</summary>
    public long Octets { get; private set; }

    public override long Position { get => Octets; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_arret is { } arret) throw arret();
        return Compter(buffer[..interne.Read(buffer[..Permis(buffer.Length)])]);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_arret is { } arret) throw arret();
        var lus = await interne.ReadAsync(buffer[..Permis(buffer.Length)], cancellationToken);
        return Compter(buffer.Span[..lus]);
    }

    /// <summary>Up to one byte past the limit, which tells that the body goes beyond it.</summary>
    private int Permis(int demande) => _limite - Octets < demande ? (int)(_limite - Octets + 1) : demande;

    private int Compter(ReadOnlySpan<byte> lus)
    {
        var rendus = lus.Length;
        if (limite is { } l && Octets + rendus > l.Octets)
        {
            // That byte is not handed on; those before it are, and the next read stops.
            _arret = l.Refus;
            if (--rendus == 0) throw l.Refus();
        }
        empreinte?.AppendData(lus[..rendus]);
        Octets += rendus;
        return rendus;
    }
}
