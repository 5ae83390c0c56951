using Labels.Application.Commun;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Labels.Api.Erreurs;

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

    /// <summary>
    /// A route that reads a JSON body is sent JSON, in UTF-8 (RFC 8259, 8.1), or answers 415 in French before it reads anything:
    /// a Content-Type that is not JSON (or none, where the body is required), or a <c>charset</c> other than utf-8 (quoted or
    /// not, any case), where the framework would answer in English or fail on a name it does not know. utf-8 itself is dropped
    /// from the Content-Type so that the framework reads the body as one without. The import route reads its own body, with
    /// the charsets of docs/import.md, and declares no JSON body: it is not concerned.
    /// </summary>
    public static IApplicationBuilder UseCorpsJson(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: not null } corps
            && corps.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase))
            && (http.Request.ContentType is not null || !corps.IsOptional))
        {
            var type = http.Request.ContentType;
            var lu = type is null ? null : MediaTypeHeaderValue.TryParse(type, out var m) ? m : null;
            if (lu is null || !(lu.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                    || lu.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase)))
            {
                await Refuser(http, TypeRefuse(type));
                return;
            }
            if (lu.Charset.HasValue)
            {
                var charset = HeaderUtilities.RemoveQuotes(lu.Charset).ToString().Trim();
                if (!string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase))
                {
                    await Refuser(http, $"Le corps JSON s'écrit en UTF-8 : le charset « {ChaineSansNul.Citer(charset)} » n'est pas pris en charge "
                        + "(Content-Type: application/json, ou application/json; charset=utf-8).");
                    return;
                }
                lu.Charset = null;
                http.Request.ContentType = lu.ToString();
            }
        }
        await next();
    });

    /// <summary>The refusal of a body that is not JSON, also for the 415 routing gives before this step runs.</summary>
    internal static string TypeRefuse(string? type) =>
        $"Cette route lit un corps JSON : envoyez Content-Type: application/json (reçu : {(type is null ? "aucun" : $"« {ChaineSansNul.Citer(type)} »")}).";

    private static Task Refuser(HttpContext http, string detail) => TypedResults.Problem(detail,
        statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Type de contenu non pris en charge").ExecuteAsync(http);
}
