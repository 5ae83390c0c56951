using System.Buffers;
using System.Collections.Concurrent;

namespace Labels.Api.Reglages;

/// <summary>
/// Blocks of one size, pinned (the socket layer hands them to the kernel) and reused. Free blocks beyond what
/// a recent burst needed are let go: every <see cref="PeriodeDEviction"/>, the blocks that stayed free through
/// the whole period go back to the GC, so memory follows the load instead of its all-time peak.
/// </summary>
public sealed class PoolDeBlocs : MemoryPool<byte>
{
    public static readonly TimeSpan PeriodeDEviction = TimeSpan.FromSeconds(10);

    /// <summary>Free blocks kept at most, whatever the period says: 64 MiB of them.</summary>
    public int MaximumLibres { get; }

    private readonly int _taille;
    private readonly ConcurrentQueue<Bloc> _libres = new();
    private readonly ITimer _eviction;
    private int _nombreLibres;
    // The fewest free blocks seen during the current period: that many were not needed by anyone.
    private int _moinsDeLibres;
    private int _dispose;

    public PoolDeBlocs(int taille, TimeProvider horloge)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(taille, 4096);
        _taille = taille;
        MaximumLibres = Math.Max(1, (64 << 20) / taille);
        _eviction = horloge.CreateTimer(_ => Evincer(), null, PeriodeDEviction, PeriodeDEviction);
    }

    public override int MaxBufferSize => _taille;

    /// <summary>Free blocks held now (for the tests and diagnostics).</summary>
    public int NombreLibres => Volatile.Read(ref _nombreLibres);

    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minBufferSize, _taille);
        if (_libres.TryDequeue(out var bloc))
        {
            var restants = Interlocked.Decrement(ref _nombreLibres);
            if (restants < Volatile.Read(ref _moinsDeLibres)) Volatile.Write(ref _moinsDeLibres, restants);
            bloc.Louer();
            return bloc;
        }
        Volatile.Write(ref _moinsDeLibres, 0);
        var nouveau = new Bloc(this, GC.AllocateUninitializedArray<byte>(_taille, pinned: true));
        nouveau.Louer();
        return nouveau;
    }

    private void Rendre(Bloc bloc)
    {
        if (Volatile.Read(ref _dispose) != 0 || Volatile.Read(ref _nombreLibres) >= MaximumLibres) return;
        _libres.Enqueue(bloc);
        Interlocked.Increment(ref _nombreLibres);
    }

    /// <summary>Lets go of the blocks that stayed free through the period that ends, then starts the next one.</summary>
    internal void Evincer()
    {
        var inutiles = Interlocked.Exchange(ref _moinsDeLibres, int.MaxValue);
        for (var i = Math.Min(inutiles, NombreLibres); i > 0 && _libres.TryDequeue(out _); i--)
            Interlocked.Decrement(ref _nombreLibres);
        Volatile.Write(ref _moinsDeLibres, NombreLibres);
    }

    protected override void Dispose(bool disposing)
    {
        if (Interlocked.Exchange(ref _dispose, 1) != 0) return;
        _eviction.Dispose();
        _libres.Clear();
        Volatile.Write(ref _nombreLibres, 0);
    }

    private sealed class Bloc(PoolDeBlocs pool, byte[] octets) : IMemoryOwner<byte>
    {
        private int _loue;

        public Memory<byte> Memory => octets;

        internal void Louer() => Volatile.Write(ref _loue, 1);

        /// <summary>A block given back twice would be handed to two connections at once: the second return is ignored.</summary>
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _loue, 0) == 1) pool.Rendre(this);
        }
    }
}
