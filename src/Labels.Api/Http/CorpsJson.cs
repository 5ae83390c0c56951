using Labels.Application.Commun;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;

namespace Labels.Api.Http;

/// <summary>What a route that reads a JSON body is sent: JSON, in UTF-8; anything else is refused with 415 before the route reads it.</summary>
public static class CorpsJson
{
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
