using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Labels.Api.Pages;

/// <summary>
/// The addresses people and browsers read (Endpoints/PagesEndpoints.cs), apart from the API's under <c>/api/</c>: whatever
/// answers there — a page, an error, a malformed address, a refused method — is HTML, with the pages' security headers.
/// </summary>
public static class AdressesDesPages
{
    private static readonly PathString[] Racines = ["/palmares", "/collectivites", "/widget", "/pages"];

    /// <summary>
    /// The Content-Security-Policy of the request's page, or null when it is not for a page: the route's own, else, where no
    /// route matched (an address that does not parse, a method refused), the one of the pages under that path.
    /// </summary>
    public static PoliceDeContenu? Police(HttpContext http) => Route(http) switch
    {
        { } route when route.Metadata.GetMetadata<PoliceDeContenu>() is { } police => police,
        RouteEndpoint => null,
        _ when http.Request.Path.StartsWithSegments("/widget") => PoliceDeContenu.Widget,
        _ => Racines.Any(r => http.Request.Path.StartsWithSegments(r)) ? PoliceDeContenu.Page : null,
    };

    public static bool EstUnePage(HttpContext http) => Police(http) is not null;

    /// <summary>
    /// A badge's address (Pages/Badge.cs): by its route, or, for an error met before routing (a parameter given twice, a NUL),
    /// by its path.
    /// </summary>
    public static bool EstUnBadge(HttpContext http) => Route(http) is { } route
        ? route.Metadata.GetMetadata<Badge.MarqueBadge>() is not null
        : http.Request.Path.StartsWithSegments("/collectivites", out var reste)
            && reste.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is [_, var fichier]
            && fichier.Equals("badge.svg", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The request's endpoint, also while the exception handler writes an error (it clears the endpoint before, and keeps the
    /// one that failed in its feature): a parameter that does not bind fails that way.
    /// </summary>
    public static Endpoint? Route(HttpContext http) =>
        http.GetEndpoint() ?? http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint;

    /// <summary>
    /// One address per page, for links, bookmarks and a cache's key: routing matches <c>/PALMARES/02021/</c> like
    /// <c>/palmares/2021</c>; such a request is sent to the address as the route writes it (308, the query kept).
    /// </summary>
    public static ValueTask<object?> RedirigerVersLAdresseCanonique(EndpointFilterInvocationContext contexte, EndpointFilterDelegate suivant)
    {
        var http = contexte.HttpContext;
        // A page that writes its query itself sends path and query at once (VersLaRequeteCanonique): one redirect, not two.
        if (http.GetEndpoint() is RouteEndpoint { RoutePattern: var modele } route && route.Metadata.GetMetadata<RequeteEcriteParLaPage>() is null
            && Canonique(modele, http.Request.RouteValues) is { } chemin
            && !string.Equals(chemin, http.Request.Path.Value, StringComparison.Ordinal))
            return ValueTask.FromResult<object?>(Rediriger(http, new PathString(chemin).ToUriComponent() + http.Request.QueryString));
        return suivant(contexte);
    }

    /// <summary>The same page's address for good: kept a day by caches, as a page's address does not move.</summary>
    private static IResult Rediriger(HttpContext http, string adresse)
    {
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.Redirect(adresse, permanent: true, preserveMethod: true);
    }

    /// <summary>
    /// A page whose query the page writes itself (the palmarès' filters, in its links): another writing of its path or of the same
    /// selection — <c>/PALMARES/02022/</c>, <c>?version=01</c>, <c>?REGION=84</c>, an empty <c>q=</c>, another order, a parameter
    /// no page reads — is sent to the page's own in one redirect (308); null when the request is already there. Compared unescaped, so that the escaping of a form
    /// (« + » for a space, a raw apostrophe) sends nobody round in circles.
    /// </summary>
    public static IResult? VersLaRequeteCanonique(HttpContext http, string adresse)
    {
        var (chemin, requete) = adresse.IndexOf('?') is var i and >= 0 ? (adresse[..i], adresse[i..]) : (adresse, "");
        static string Lue(string? texte) => Uri.UnescapeDataString((texte ?? "").TrimStart('?').Replace('+', ' '));
        return http.Request.Path.Value == chemin && Lue(http.Request.QueryString.Value) == Lue(requete) ? null : Rediriger(http, adresse);
    }

    /// <summary>Marks a page that writes its own address, query included (<see cref="VersLaRequeteCanonique"/>).</summary>
    public sealed record RequeteEcriteParLaPage
    {
        public static readonly RequeteEcriteParLaPage Marque = new();
    }

    /// <summary>The path as the route writes it, unescaped as <see cref="HttpRequest.Path"/> is.</summary>
    private static string? Canonique(RoutePattern modele, RouteValueDictionary valeurs)
    {
        var chemin = new StringBuilder();
        foreach (var segment in modele.PathSegments)
        {
            chemin.Append('/');
            foreach (var partie in segment.Parts)
            {
                switch (partie)
                {
                    case RoutePatternLiteralPart litteral:
                        chemin.Append(litteral.Content);
                        break;
                    case RoutePatternSeparatorPart separateur:
                        chemin.Append(separateur.Content);
                        break;
                    case RoutePatternParameterPart parametre:
                        if (valeurs[parametre.Name] is not string valeur) return null;
                        // An integer as it is written: no sign, no leading zero (« 02021 » → « 2021 »).
                        chemin.Append(parametre.ParameterPolicies.Any(p => p.Content == "int")
                            && int.TryParse(valeur, NumberStyles.Integer, CultureInfo.InvariantCulture, out var entier)
                                ? entier.ToString(CultureInfo.InvariantCulture)
                                : valeur);
                        break;
                }
            }
        }
        return chemin.ToString();
    }
}
