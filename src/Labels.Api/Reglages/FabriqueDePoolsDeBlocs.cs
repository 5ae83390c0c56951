using System.Buffers;
using Microsoft.AspNetCore.Connections;

namespace Labels.Api.Reglages;

/// <summary>
/// Kestrel's memory for sockets, in blocks larger than its own 4 KiB. A response body is copied into the
/// connection's pipe block by block and sent as one list of blocks: a 70 kB palmarès took 17 blocks, the
/// 1.4 MB one 335, and the per-block work (renting, linking, pinning each one for the send) cost more CPU
/// than the copy itself. With 32 KiB blocks the same answers take 3 and 42 (README, Benchmarks, has the figures). A tuning,
/// hence its folder: measured again against Kestrel's own pool (<c>Serveur__TailleDesBlocs=0 bench/palmares.sh</c>), it still
/// spends markedly less CPU per large answer.
/// Idle keep-alive connections hold no block (Kestrel waits for data before renting one), so the larger
/// size weighs only on requests being read and answers being sent.
/// </summary>
public sealed class FabriqueDePoolsDeBlocs(int tailleDesBlocs, TimeProvider horloge) : IMemoryPoolFactory<byte>
{
    /// <summary>Kestrel creates one pool per listening endpoint and disposes it when it stops.</summary>
    public MemoryPool<byte> Create(MemoryPoolOptions? options = null) => new PoolDeBlocs(tailleDesBlocs, horloge);
}
