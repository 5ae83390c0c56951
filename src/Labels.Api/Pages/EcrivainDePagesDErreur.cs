using System.Diagnostics;

namespace Labels.Api.Pages;

/// <summary>
/// Every error at a page's address is a page too (<see cref="AdressesDesPages"/>): a reader who mistypes a year, follows a link
/// with a stale parameter, or whose browser sends an old Authorization header gets a French HTML page saying what is wrong, with
/// the error's status — not a JSON problem. Registered ahead of the problem writers (DependencyInjection.cs), it
/// writes every problem the API writes at those addresses, whoever wrote it (routing, binding, limits, the exception handler,
/// the pages themselves).
/// </summary>
internal sealed class EcrivainDePagesDErreur(RenduHtml rendu) : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => AdressesDesPages.EstUnePage(context.HttpContext);

    public async ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var http = context.HttpContext;
        var probleme = context.ProblemDetails;
        var statut = probleme.Status ?? http.Response.StatusCode;
        probleme.Status = statut;
        Erreurs.TitresFrancais.Completer(probleme, http);
        var route = AdressesDesPages.Route(http);
        if (AdressesDesPages.EstUnBadge(http))
        {
            // The badge's own 404s say in a line what is missing; any other error, its title.
            await EcrireAsync(http, Badge.Absence((statut == StatusCodes.Status404NotFound && route is RouteEndpoint ? probleme.Detail : null)
                ?? probleme.Title ?? "Erreur"));
            return;
        }
        var (titre, message) = statut switch
        {
            // No route: the address names no page (« /palmares/abc »), whatever routing's detail says of routes.
            StatusCodes.Status404NotFound when route is null => ("Page introuvable", "Cette page n'existe pas, ou pas encore."),
            StatusCodes.Status404NotFound => ("Page introuvable", probleme.Detail),
            StatusCodes.Status400BadRequest => ("Demande invalide", probleme.Detail),
            _ => (probleme.Title ?? "Erreur", probleme.Detail),
        };
        var page = await rendu.RendreAsync<PageIntrouvable>(new Dictionary<string, object?>
        {
            ["Titre"] = titre,
            ["Message"] = message,
            // A server's failure names the trace to quote to the team, as the JSON problem's traceId does.
            ["Reference"] = statut >= 500 ? Activity.Current?.Id ?? http.TraceIdentifier : null,
            ["Widget"] = AdressesDesPages.Police(http) is { CadrageOuvert: true },
        });
        await EcrireAsync(http, page);
    }

    private static async Task EcrireAsync(HttpContext http, Publication.Representation representation)
    {
        http.Response.ContentType = representation.TypeDeContenu;
        http.Response.ContentLength = representation.Octets.Length;
        await http.Response.Body.WriteAsync(representation.Octets, http.RequestAborted);
    }
}
