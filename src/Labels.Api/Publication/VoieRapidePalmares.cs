using Labels.Api.Endpoints;
using Labels.Api.Securite;
using Labels.Domain.Palmares;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Labels.Api.Publication;

/// <summary>
/// The palmarès is read far more than anything else, almost always by anonymous portals, and its
/// bytes are ready in memory: authentication, authorization, CORS policy evaluation and endpoint
/// binding would cost more than sending them. An anonymous GET (or HEAD) of a visible release with
/// well-formed parameters is answered here, with the endpoint's own code for headers and body and
/// the same public-reading allowance; every other request (signed in, malformed or repeated
/// parameter, unknown or embargoed release…) goes on to the endpoint, which answers it as always.
/// </summary>
public sealed class VoieRapidePalmares(RequestDelegate suite, PalmaresPublies publies, LimiteurLecturePublique limiteur, TimeProvider horloge,
    ICorsService cors, IOptions<CorsOptions> optionsCors, Application.Cog.ITerritoires territoires, EndpointDataSource sources)
{
    /// <summary>The endpoint's paths on either side of the year: /api/v1/editions/, then palmares or palmares.csv.</summary>
    private static readonly string Prefixe = PalmaresEndpoints.CheminPalmares[..PalmaresEndpoints.CheminPalmares.IndexOf('{')];
    private static readonly string Suffixe = ApresLAnnee(PalmaresEndpoints.CheminPalmares);
    private static readonly string SuffixeCsv = ApresLAnnee(PalmaresEndpoints.CheminPalmaresCsv);

    private static string ApresLAnnee(string chemin) => chemin[(chemin.IndexOf("}/", StringComparison.Ordinal) + 2)..];

    /// <summary>The route's CORS policy, applied by the CORS service itself, as the CORS middleware would.</summary>
    private readonly CorsPolicy _politique = optionsCors.Value.GetPolicy(Origines.PolitiqueLecturePublique)
        ?? throw new InvalidOperationException($"Politique CORS {Origines.PolitiqueLecturePublique} absente.");

    /// <summary>
    /// The endpoints answered here, by format and method (JSON GET, JSON HEAD, CSV GET, CSV HEAD): read once, when the routes are all
    /// mapped, and named on the request this path answers, so that its duration is recorded under the route (http.route) and its
    /// trace named after it, as when the endpoint answers.
    /// </summary>
    private Endpoint?[]? _routes;

    private Endpoint? Route(bool csv, bool head) => (_routes ??= Routes(sources))[(csv ? 2 : 0) + (head ? 1 : 0)];

    private static Endpoint?[] Routes(EndpointDataSource sources)
    {
        Endpoint? Trouver(string chemin, string methode) => sources.Endpoints.OfType<RouteEndpoint>().FirstOrDefault(e =>
            e.RoutePattern.RawText?.Trim('/') == chemin.Trim('/')
            && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()?.HttpMethods.Contains(methode) == true);
        return
        [
            Trouver(PalmaresEndpoints.CheminPalmares, HttpMethods.Get), Trouver(PalmaresEndpoints.CheminPalmares, HttpMethods.Head),
            Trouver(PalmaresEndpoints.CheminPalmaresCsv, HttpMethods.Get), Trouver(PalmaresEndpoints.CheminPalmaresCsv, HttpMethods.Head),
        ];
    }

    public async Task InvokeAsync(HttpContext http)
    {
        var requete = http.Request;
        if (!(HttpMethods.IsGet(requete.Method) || HttpMethods.IsHead(requete.Method)) || requete.Headers.ContainsKey(HeaderNames.Authorization)
            || !LireChemin(requete.Path.Value, out var annee, out var csvParChemin)
            || !LireParametres(requete.Query, territoires, out var version, out var filtres))
        {
            await suite(http);
            return;
        }
        // Before the limit, as the CORS middleware comes before it on the endpoint's way: a page refused with 429 can read Retry-After.
        if (requete.Headers.ContainsKey(HeaderNames.Origin)) cors.ApplyResult(cors.EvaluatePolicy(http, _politique), http.Response);
        else Origines.OuvrirSansOrigine(http);
        // The allowance is spent before any work, so that a client past its limit costs nothing more; a request passed on
        // to the endpoint is not counted twice.
        using var bail = limiteur.Acquerir(http);
        if (!bail.IsAcquired)
        {
            http.SetEndpoint(Route(csvParChemin, HttpMethods.IsHead(requete.Method)));
            await Protections.RefuserAsync(http, bail);
            return;
        }
        var release = await publies.ObtenirAsync(annee, version);
        var maintenant = horloge.GetUtcNow();
        if (release is null || !Visibilite.Le(maintenant).Voit(release.Palmares.PublieLe) || release.DefautDeMention(filtres.Mention) is not null)
        {
            LimiteurLecturePublique.MarquerCompte(http);
            await suite(http);
            return;
        }
        // An Accept the route cannot serve goes on to the endpoint's way, which answers 406.
        if (ReponsePalmares.FormatAccepte(http, csvParChemin) is not { } format)
        {
            LimiteurLecturePublique.MarquerCompte(http);
            await suite(http);
            return;
        }
        var csv = format == "text/csv";
        http.SetEndpoint(Route(csvParChemin, HttpMethods.IsHead(requete.Method)));
        await ReponsePalmares.Repondre(http, release, filtres, version is not null, csv, publies, maintenant).ExecuteAsync(http);
    }

    /// <summary>/api/v1/editions/{annee}/palmares or …/palmares.csv, the year in plain digits.</summary>
    internal static bool LireChemin(string? chemin, out int annee, out bool csv)
    {
        annee = 0;
        csv = false;
        if (chemin is null || !chemin.StartsWith(Prefixe, StringComparison.OrdinalIgnoreCase)) return false;
        var reste = chemin.AsSpan(Prefixe.Length);
        var barre = reste.IndexOf('/');
        if (barre is < 1 or > 4) return false;
        foreach (var c in reste[..barre])
        {
            if (!char.IsAsciiDigit(c)) return false;
            annee = annee * 10 + (c - '0');
        }
        var fin = reste[(barre + 1)..];
        if (fin.Equals(Suffixe, StringComparison.OrdinalIgnoreCase)) return true;
        csv = fin.Equals(SuffixeCsv, StringComparison.OrdinalIgnoreCase);
        return csv;
    }

    /// <summary>
    /// The endpoint's parameters (<see cref="ParametresPalmares"/>) in their plain form; a filter out of its bounds is the
    /// endpoint's to refuse, with its message (checked only when one is given: the common read, with none, stays free of it).
    /// </summary>
    internal static bool LireParametres(IQueryCollection requete, Application.Cog.ITerritoires territoires, out int? version, out FiltresPalmares filtres)
    {
        var lus = ParametresPalmares.EssayerLire(requete, out var parametres, out filtres);
        version = parametres.version;
        return lus && (version is null && filtres.Vides || !filtres.Defauts(version, territoires).Any());
    }
}
