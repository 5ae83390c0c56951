using Labels.Domain.Palmares;
using Microsoft.Net.Http.Headers;

namespace Labels.Api.Publication;

/// <summary>
/// How long a cache may keep what the public reads of the results, so that a shared cache in front of the API (deploy/)
/// never serves a release before its instant and serves a correction within <see cref="DelaiDesCorrections"/>.
/// </summary>
internal static class Fraicheur
{
    /// <summary>
    /// What "the latest" answers (the latest version of a palmarès, its key figures, a collectivité's historique, the
    /// open-data export) may be kept. A correction reaches the readers of a shared cache within this delay, plus
    /// <see cref="MemoRecent{T}.Duree"/> for the instance that answers its revalidation, plus the cache's own rounding to
    /// whole seconds (README, Production at scale, states the sum).
    /// </summary>
    internal static readonly TimeSpan DelaiDesCorrections = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Beyond its max-age, a cache may serve its copy while it revalidates it (briefly: nginx revalidates in the background
    /// at the first request) and while the API cannot answer (every instance or the database down), a day at most (RFC 5861).
    /// Said by each answer rather than by the cache's configuration, so that a 404 of the results, which says neither, is
    /// never served past its Expires (deploy/nginx/cache-publique.conf).
    /// </summary>
    private const string Perime = "stale-while-revalidate=5, stale-if-error=86400";

    internal static readonly string Dernier = $"public, max-age={(int)DelaiDesCorrections.TotalSeconds}, {Perime}";

    /// <summary>A numbered version never changes.</summary>
    internal const string Version = $"public, max-age=31536000, immutable, {Perime}";

    /// <summary>
    /// How long a 404 of a results read may be kept (before an édition's release, or of a version not yet made): a crowd
    /// asking before a ceremony costs the API one request per second per representation at a shared cache, and a release
    /// published without embargo shows through it within two seconds.
    /// </summary>
    internal static readonly TimeSpan DelaiDesAbsences = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The Cache-Control of a published read: before its instant only the staff see a release, and their answer stays out
    /// of shared caches.
    /// </summary>
    internal static string DePublication(DateTimeOffset publieLe, bool immuable, DateTimeOffset maintenant) =>
        !Visibilite.Le(maintenant).Voit(publieLe) ? Http.LecturesConditionnelles.PasEnCachePartage : immuable ? Version : Dernier;

    /// <summary>
    /// The 404 of a results read whose answer becomes a 200 at <paramref name="prochaineParution"/> (null when no release is
    /// due): kept by any cache until the last whole second before that instant at the latest, and at most
    /// <see cref="DelaiDesAbsences"/>. An absolute Expires rather than max-age: HTTP dates and nginx's cache count whole
    /// seconds, and a max-age counts from when a cache receives the answer, which may be a second later than the API wrote it.
    /// When no whole second is left before the instant, nothing keeps the answer. What a 404 tells of the instant is thus
    /// never more than the next two seconds will (docs/securite.md, the embargo).
    /// </summary>
    internal static IResult Introuvable(HttpContext http, string detail, DateTimeOffset? prochaineParution, DateTimeOffset maintenant)
    {
        EntetesDAbsence(http, prochaineParution, maintenant);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Introuvable");
    }

    private static void EntetesDAbsence(HttpContext http, DateTimeOffset? prochaineParution, DateTimeOffset maintenant)
    {
        var entetes = http.Response.Headers;
        if (http.User.Identity?.IsAuthenticated == true) entetes.CacheControl = Http.LecturesConditionnelles.PasEnCachePartage;
        else
        {
            var seconde = SecondeEntiere(maintenant);
            var fin = seconde + DelaiDesAbsences;
            if (prochaineParution is { } instant && instant > maintenant && SecondeEntiere(instant).AddSeconds(-1) < fin)
                fin = SecondeEntiere(instant).AddSeconds(-1);
            // An Expires equal to Date is already stale for a cache that computes ages (RFC 9111, 4.2.1); nginx keeps it to the
            // end of that second, which still ends before the instant.
            if (fin < seconde) entetes.CacheControl = "no-store";
            else entetes.Expires = HeaderUtilities.FormatDate(fin);
        }
    }

    private static DateTimeOffset SecondeEntiere(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerSecond));
}
