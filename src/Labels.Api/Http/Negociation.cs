using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Labels.Api.Http;

/// <summary>
/// Content negotiation as RFC 9110 (12.5.1) has it, for every route: of the media types a route serves, the one the
/// client's Accept prefers (quality values; the most specific range naming a type decides its quality; on a tie, the
/// route's own order); none acceptable answers 406 with a problem body. Errors themselves are problem details whatever
/// Accept says.
/// </summary>
public static class Negociation
{
    /// <returns>The type to answer with, or null when the client accepts none of <paramref name="offerts"/>.</returns>
    public static string? Choisir(HttpRequest requete, IReadOnlyList<string> offerts)
    {
        var valeurs = requete.Headers.Accept;
        // No Accept, or one that does not parse: the client takes anything (RFC 9110, 12.5.1).
        if (valeurs.Count == 0 || !MediaTypeHeaderValue.TryParseList(valeurs, out var plages) || plages.Count == 0) return offerts[0];
        string? choisi = null;
        var meilleure = 0.0;
        foreach (var offert in offerts)
        {
            var qualite = Qualite(plages, offert);
            if (qualite > meilleure)
            {
                meilleure = qualite;
                choisi = offert;
            }
        }
        return choisi;
    }

    private static double Qualite(IList<MediaTypeHeaderValue> plages, string offert)
    {
        var barre = offert.IndexOf('/');
        var (type, sousType) = (offert[..barre], offert[(barre + 1)..]);
        var precision = -1;
        var qualite = 0.0;
        foreach (var plage in plages)
        {
            var p = plage.MediaType.Equals("*/*", StringComparison.Ordinal) ? 0
                : plage.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && plage.SubType.Equals("*", StringComparison.Ordinal) ? 1
                : plage.Type.Equals(type, StringComparison.OrdinalIgnoreCase) && plage.SubType.Equals(sousType, StringComparison.OrdinalIgnoreCase) ? 2
                : -1;
            if (p > precision)
            {
                precision = p;
                qualite = plage.Quality ?? 1;
            }
        }
        return qualite;
    }

    /// <summary>The media types a route answers with on success, from its declared responses, JSON first.</summary>
    private static string[] Offerts(Endpoint route) =>
        route.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Where(m => m.StatusCode is >= 200 and < 300)
            .SelectMany(m => m.ContentTypes).Select(t => t.Split(';')[0].Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

    /// <summary>A request whose Accept excludes every type its route answers with gets 406, before the route does any work.</summary>
    public static IApplicationBuilder UseNegociation(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.Request.Headers.Accept.Count > 0 && http.GetEndpoint() is { } route && Offerts(route) is { Length: > 0 } offerts
            && Choisir(http.Request, offerts) is null)
        {
            await TypedResults.Problem($"Cette route répond en {string.Join(", ", offerts)} ; l'en-tête Accept n'en accepte aucun.",
                statusCode: StatusCodes.Status406NotAcceptable, title: "Représentation non acceptable").ExecuteAsync(http);
            return;
        }
        await next();
    });
}
