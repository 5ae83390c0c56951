using System.Text.Json;
using Labels.Api.Publication;

namespace Labels.Api.Http;

/// <summary>
/// Reads answered conditionally (RFC 9110, 13.2.2): the strong ETag of the exact bytes sent and the Cache-Control the read
/// chooses, then 304 when the client's copy is current. The palmarès and its export, the key figures, a collectivité's
/// historique and the COG's régions and départements answer so.
/// </summary>
internal static class LecturesConditionnelles
{
    /// <summary>For an answer that may hold what the public may not see yet (releases under embargo): no shared cache keeps it.</summary>
    internal const string PasEnCachePartage = "private, no-store";

    /// <summary>A JSON read answered with the strong ETag of its bytes and this Cache-Control, or 304 when the client's copy is current.</summary>
    internal static IResult JsonConditionnel<T>(HttpContext http, T valeur, JsonSerializerOptions options, string cacheControl)
    {
        var representation = Representation.De(JsonSerializer.SerializeToUtf8Bytes(valeur, options), Representation.TypeJson);
        return CopieAJour(http, representation.ETag, cacheControl)
            ? TypedResults.StatusCode(StatusCodes.Status304NotModified)
            : TypedResults.Bytes(representation.Octets, representation.TypeDeContenu);
    }

    /// <summary>Writes the ETag and Cache-Control of a read; tells whether the client's copy (If-None-Match) is current.</summary>
    /// <remarks>
    /// RFC 9110 (13.2.2): If-None-Match decides when present; otherwise If-Modified-Since, against
    /// <paramref name="derniereModification"/> when the read sends one.
    /// </remarks>
    internal static bool CopieAJour(HttpContext http, string etag, string cacheControl, DateTimeOffset? derniereModification = null)
    {
        var entetes = http.Response.Headers;
        entetes.ETag = etag;
        entetes.CacheControl = cacheControl;
        // A read that answers JSON only answers 406 to another Accept: a shared cache must not give its JSON to that request.
        if (entetes.Vary.Count == 0) entetes.Vary = Microsoft.Net.Http.Headers.HeaderNames.Accept;
        var requete = http.Request.GetTypedHeaders();
        if (http.Request.Headers.IfNoneMatch.Count > 0) return requete.IfNoneMatch.Any(e => e.Tag == etag || e.Tag == "*");
        // HTTP dates have whole seconds: the instant is compared as the header carries it.
        return derniereModification is { } modifie && requete.IfModifiedSince is { } depuis
            && modifie.AddTicks(-(modifie.Ticks % TimeSpan.TicksPerSecond)) <= depuis;
    }
}
