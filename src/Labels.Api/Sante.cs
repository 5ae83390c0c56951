using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Labels.Api;

/// <summary>
/// Readiness as the other answers are written while the database is away (README, PostgreSQL away): 503, a problem in
/// French and <c>Retry-After</c>, so that a balancer or a client knows when to ask again.
/// </summary>
internal static class Sante
{
    public static Task EcrireAsync(HttpContext http, HealthReport rapport)
    {
        if (http.Response.StatusCode != StatusCodes.Status503ServiceUnavailable)
        {
            http.Response.ContentType = "text/plain";
            return http.Response.WriteAsync(rapport.Status.ToString());
        }
        http.Response.Headers.RetryAfter = "2";
        return TypedResults.Problem("La base de données ne répond pas : l'API n'est pas prête ; réessayez dans un instant.",
            statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service momentanément indisponible").ExecuteAsync(http);
    }
}
