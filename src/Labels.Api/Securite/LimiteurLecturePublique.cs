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

    public void Dispose() => _limiteur.Dispose();
}
