using System.Threading.RateLimiting;

namespace Labels.Api.Securite;

/// <summary>
/// Requests per minute and per client address on the public reads. One limiter for the whole
/// process, so that the palmarès fast path and the endpoints count against the same allowance.
/// </summary>
public sealed class LimiteurLecturePublique(int parMinute) : IDisposable
{
    public sealed class MarqueLecturePublique;

    public static readonly MarqueLecturePublique Marque = new();

    private readonly PartitionedRateLimiter<HttpContext> _limiteur =
        PartitionedRateLimiter.Create<HttpContext, string>(http => Protections.ParClient(http, parMinute));

    public RateLimitLease Acquerir(HttpContext http) => _limiteur.AttemptAcquire(http);

    private static readonly object CleCompte = new();

    /// <summary>This request has spent its allowance already (the palmarès fast path, before passing it on).</summary>
    public static void MarquerCompte(HttpContext http) => http.Items[CleCompte] = true;

    public static bool EstCompte(HttpContext http) => http.Items.ContainsKey(CleCompte);

    public void Dispose() => _limiteur.Dispose();
}
