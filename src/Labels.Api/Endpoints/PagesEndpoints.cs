using Labels.Api.Http;
using Microsoft.AspNetCore.WebUtilities;
using Labels.Api.Pages;
using Labels.Api.Publication;
using Labels.Api.Securite;
using Labels.Application.Cog;
using Labels.Application.Collectivites;
using Labels.Application.Commun;
using Labels.Application.Palmares;
using Labels.Domain.Collectivites;
using Labels.Domain.Palmares;
using Mediator;

namespace Labels.Api.Endpoints;

/// <summary>
/// The results as pages people read and pieces other sites embed: HTML rendered on the server from the same releases in memory
/// as the JSON (PalmaresPublies, ChiffresClesPublies), cached as the JSON is (Publication/Fraicheur.cs). Every page shows
/// what the public sees, whoever asks: never a release under embargo, even to a signed-in caller; an édition under embargo
/// and an unknown one get the same 404 page. Anyone may call them; they are left out of the API's OpenAPI document.
/// </summary>
public static class PagesEndpoints
{
    private const int FichesParPage = 20;

    public static IEndpointRouteBuilder MapPagesEndpoints(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").LecturePublique().AllowAnonymous().ExcludeFromDescription().WithMetadata(PoliceDeContenu.Page)
            .AddEndpointFilter(AdressesDesPages.RedirigerVersLAdresseCanonique);

        Page(pages, "/palmares", ListerEditionsAsync, "PageEditions");
        Page(pages, "/palmares/{annee:int}", PalmaresAsync, "PagePalmares", AdressesDesPages.RequeteEcriteParLaPage.Marque);
        Page(pages, "/palmares/{annee:int}/chiffres", ChiffresAsync, "PageChiffresCles");
        Page(pages, "/collectivites/{id}", CollectiviteAsync, "PageCollectivite");
        Page(pages, "/collectivites/{id}/badge.svg", BadgeAsync, "BadgeCollectivite", Badge.Marque);
        Page(pages, "/pages/labels.css", (string? v, HttpContext http) => Servir(http, FeuilleDeStyle.Contenu, FeuilleDeStyle.CacheControl(v)),
            "FeuilleDeStylePages");

        Page(app.MapGroup("").LecturePublique().AllowAnonymous().ExcludeFromDescription().WithMetadata(PoliceDeContenu.Widget)
                .AddEndpointFilter(AdressesDesPages.RedirigerVersLAdresseCanonique),
            "/widget/palmares/{annee:int}", WidgetAsync, "WidgetPalmares", AdressesDesPages.RequeteEcriteParLaPage.Marque);
        return app;
    }

    /// <summary>
    /// A page answers GET and HEAD, as HTTP has it for every GET: link checkers and caches ask HEAD (Kestrel sends the
    /// headers without the body).
    /// </summary>
    private static void Page(IEndpointRouteBuilder groupe, string modele, Delegate gestionnaire, string nom, params object[] metadonnees)
    {
        groupe.MapGet(modele, gestionnaire).WithName(nom).WithMetadata(metadonnees);
        groupe.MapMethods(modele, [HttpMethods.Head], gestionnaire).WithMetadata(metadonnees);
    }

    /// <summary>
    /// The bytes, compressed as the client prefers (as the JSON is: Publication/ReponsePalmares.cs), with their strong ETag and
    /// Cache-Control, or 304 when the client's copy is current (its If-None-Match, else its If-Modified-Since against the release's
    /// instant, as the JSON answers). A page of a release comes already compressed from its memo.
    /// </summary>
    private static IResult Servir(HttpContext http, Representation representation, string cacheControl, bool dejaComprimee = false,
        DateTimeOffset? derniereModification = null)
    {
        if (!dejaComprimee) representation = Comprimer(representation, ReponsePalmares.CompressionAcceptee(http.Request));
        http.Response.Headers.Vary = Microsoft.Net.Http.Headers.HeaderNames.AcceptEncoding;
        if (LecturesConditionnelles.CopieAJour(http, representation.ETag, cacheControl, derniereModification)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        if (representation.Codage is { } codage) http.Response.Headers.ContentEncoding = codage;
        return TypedResults.Bytes(representation.Octets, representation.TypeDeContenu);
    }

    private static Representation Comprimer(Representation representation, Compression compression) =>
        compression == Compression.Aucune ? representation : representation.Comprimee(compression);

    /// <summary>A page of a release, rendered once and compressed once per coding, kept with the release.</summary>
    private static async Task<Representation> PageDeReleaseAsync(HttpContext http, PalmaresPublies.Release release, object cle,
        Func<Task<Representation>> rendre)
    {
        var compression = ReponsePalmares.CompressionAcceptee(http.Request);
        return compression == Compression.Aucune
            ? await release.PageAsync(cle, rendre)
            : await release.PageAsync((cle, compression), async () => Comprimer(await release.PageAsync(cle, rendre), compression));
    }

    /// <summary>
    /// The 404, the same whatever is missing, kept by a cache as the JSON's 404 (never past the instant of the release it waits
    /// for); written as a page, like every problem at a page's address (Pages/EcrivainDePagesDErreur.cs).
    /// </summary>
    private static IResult Introuvable(HttpContext http, DateTimeOffset? prochaineParution, DateTimeOffset maintenant,
        string message = "Aucun palmarès publié pour cette édition.") => Fraicheur.Introuvable(http, message, prochaineParution, maintenant);

    /// <summary>
    /// The filters as the JSON route reads them and refuses them (a 400 naming each fault, written as a page), and the release the
    /// public sees (the JSON route's rule, whoever asks).
    /// </summary>
    private static async Task<(FiltresPalmares Filtres, PalmaresPublies.Release? Release, DateTimeOffset? Prochaine)> LireAsync(int annee,
        ParametresPalmares parametres, PalmaresPublies publies, ITerritoires territoires, DateTimeOffset maintenant)
    {
        var filtres = parametres.Filtres();
        filtres.Verifier(parametres.version, territoires);
        var (release, prochaine) = await publies.VisibleAsync(annee, parametres.version, Visibilite.Le(maintenant));
        release?.VerifierMention(filtres.Mention);
        return (filtres, release, prochaine);
    }

    private static async Task<IResult> ListerEditionsAsync(HttpContext http, ISender sender, ExportPalmares export, RenduHtml rendu, CancellationToken ct)
    {
        // The export's use case lists what the public sees now, whoever asks.
        var instantane = await export.ObtenirAsync((await sender.Send(new ExporterPalmares(), ct)).Releases);
        var page = await rendu.RendreAsync<PageEditions>(new Dictionary<string, object?>
        {
            ["Editions"] = instantane.Releases.Select(r => r.Palmares).ToList(),
        });
        return Servir(http, page, Fraicheur.Dernier);
    }

    private static async Task<IResult> PalmaresAsync(int annee, [AsParameters] ParametresPalmares parametres, string? q, HttpContext http,
        PalmaresPublies publies, ITerritoires territoires, TimeProvider horloge, RenduHtml rendu)
    {
        var maintenant = horloge.GetUtcNow();
        var (filtres, release, prochaine) = await LireAsync(annee, parametres, publies, territoires, maintenant);
        if (release is null) return Introuvable(http, prochaine, maintenant);
        var recherche = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        if (recherche is { Length: > 100 })
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("q", "La recherche tient en 100 caractères au plus.")]);
        if (AdressesDesPages.VersLaRequeteCanonique(http, VuePalmares.Url($"/palmares/{annee}", filtres, recherche, parametres.version)) is { } ailleurs)
            return ailleurs;

        var page = await PageDeReleaseAsync(http, release, (filtres, recherche, parametres.version is not null), () =>
            rendu.RendreAsync<PagePalmares>(new Dictionary<string, object?>
            {
                ["Vue"] = VuePalmares.Construire(release, filtres, recherche, parametres.version is not null, territoires, $"/palmares/{annee}"),
            }));
        http.Response.Headers.LastModified = release.DerniereModification;
        return Servir(http, page, Fraicheur.DePublication(release.Palmares.PublieLe, immuable: parametres.version is not null, maintenant), dejaComprimee: true,
            release.Palmares.PublieLe);
    }

    private static async Task<IResult> WidgetAsync(int annee, string? region, string? departement, HttpContext http, PalmaresPublies publies,
        ITerritoires territoires, TimeProvider horloge, RenduHtml rendu)
    {
        var maintenant = horloge.GetUtcNow();
        var (filtres, release, prochaine) = await LireAsync(annee, new ParametresPalmares(null, region, departement, null, null, null), publies,
            territoires, maintenant);
        if (release is null) return Introuvable(http, prochaine, maintenant);
        if (AdressesDesPages.VersLaRequeteCanonique(http, VuePalmares.Url($"/widget/palmares/{annee}", filtres, null, null)) is { } ailleurs) return ailleurs;
        var territoire = departement is { } d ? $"{territoires.Departements.First(x => x.Code == d).Nom} ({d})"
            : region is { } r ? territoires.Regions.First(x => x.Code == r).Nom : "France";
        var page = await PageDeReleaseAsync(http, release, ("widget", filtres), () => rendu.RendreAsync<WidgetPalmares>(new Dictionary<string, object?>
        {
            ["Vue"] = VuePalmares.Construire(release, filtres, null, false, territoires, $"/palmares/{annee}"),
            ["Territoire"] = territoire,
        }));
        return Servir(http, page, Fraicheur.DePublication(release.Palmares.PublieLe, immuable: false, maintenant), dejaComprimee: true);
    }

    private static async Task<IResult> ChiffresAsync(int annee, HttpContext http, ChiffresClesPublies publies, PalmaresPublies palmares, TimeProvider horloge,
        RenduHtml rendu)
    {
        var maintenant = horloge.GetUtcNow();
        var (chiffres, prochaine) = await publies.VisiblesAsync(annee, Visibilite.Le(maintenant), palmares);
        if (chiffres is null) return Introuvable(http, prochaine, maintenant);
        var release = await palmares.ObtenirAsync(annee, chiffres.Chiffres.Version);
        var page = await rendu.RendreAsync<PageChiffres>(new Dictionary<string, object?>
        {
            ["Chiffres"] = chiffres.Chiffres,
            ["NomsDesMentions"] = release?.Mentions ?? new Dictionary<string, string>(),
        });
        return Servir(http, page, Fraicheur.DePublication(chiffres.Chiffres.PublieLe, immuable: false, maintenant));
    }

    private static async Task<IResult> CollectiviteAsync(string id, int? edition, int? page, HttpContext http, ISender sender, RenduHtml rendu,
        PalmaresPublies publies, TimeProvider horloge, CancellationToken ct)
    {
        var maintenant = horloge.GetUtcNow();
        // A text that is no identifier is a 400 naming it, as the JSON route answers.
        var identifiant = ParametresDeRequete.Collectivite(id, "id");
        CollectiviteDto collectivite;
        PageDe<DistinctionPublieeDto> historique;
        try
        {
            collectivite = await sender.Send(new LireCollectivite(identifiant), ct);
            historique = await sender.Send(new LireHistorique(identifiant, 1, Pagination.TailleMax, VueDuPublic: true), ct);
        }
        catch (NotFoundException)
        {
            return Introuvable(http, null, maintenant, "Aucune collectivité ne porte cet identifiant.");
        }
        var annee = edition ?? historique.Items.LastOrDefault()?.Edition;
        PageDe<FicheCatalogueDto>? fiches = null;
        if (annee is { } a && historique.Items.Any(h => h.Edition == a))
        {
            fiches = await sender.Send(new RechercherFiches(a, null, null, null, null, null, page ?? 1, FichesParPage, collectivite.Id,
                VueDuPublic: true), ct);
            // A page past the last is not « no fiche »: the fiches exist on the pages the list links to.
            if (page > 1 && fiches.Items.Count == 0)
                return Introuvable(http, null, maintenant, $"Pas de page {page} des fiches de cette collectivité pour l'édition {a}.");
        }
        else if (edition is not null)
            return Introuvable(http, null, maintenant, "Cette collectivité n'a pas de distinction publiée pour cette édition.");
        var rendue = await rendu.RendreAsync<PageCollectivite>(new Dictionary<string, object?>
        {
            ["Collectivite"] = collectivite,
            ["Historique"] = historique.Items,
            // The releases in memory (PalmaresPublies) name the mentions of each édition as its palmarès page does.
            ["NomsDesMentions"] = await NomsDesMentionsAsync(publies, historique.Items),
            ["EditionDesFiches"] = fiches is null ? null : annee,
            // By its UUID, whichever identifier the address used; the query as the page's own links write it.
            ["Canonique"] = QueryHelpers.AddQueryString($"/collectivites/{collectivite.Id}", new Dictionary<string, string?>
            {
                ["edition"] = edition?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["page"] = page > 1 ? page.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            }.Where(p => p.Value is not null)),
            ["Fiches"] = fiches,
        });
        return Servir(http, rendue, Fraicheur.Dernier);
    }

    private static async Task<IReadOnlyDictionary<int, IReadOnlyDictionary<string, string>>> NomsDesMentionsAsync(PalmaresPublies publies,
        IEnumerable<DistinctionPublieeDto> historique)
    {
        var noms = new Dictionary<int, IReadOnlyDictionary<string, string>>();
        foreach (var h in historique.Where(h => h.Mentions.Length > 0))
            if (await publies.ObtenirAsync(h.Edition, h.Version) is { } release) noms[h.Edition] = release.Mentions;
        return noms;
    }

    /// <summary>
    /// The badge, or the same frame saying in a line why there is none (Pages/Badge.cs): an image in a site's page stays an
    /// image, with the status the JSON would have.
    /// </summary>
    private static async Task<IResult> BadgeAsync(string id, int? edition, HttpContext http, ISender sender, TimeProvider horloge,
        CancellationToken ct)
    {
        var maintenant = horloge.GetUtcNow();
        var identifiant = ParametresDeRequete.Collectivite(id, "id");
        try
        {
            var collectivite = await sender.Send(new LireCollectivite(identifiant), ct);
            var historique = await sender.Send(new LireHistorique(identifiant, 1, Pagination.TailleMax, VueDuPublic: true), ct);
            var distinction = edition is { } a ? historique.Items.FirstOrDefault(h => h.Edition == a) : historique.Items.LastOrDefault();
            if (distinction is null)
                return Introuvable(http, null, maintenant, edition is { } e ? $"Pas de distinction en {e}" : "Aucune distinction publiée");
            return Servir(http, Badge.Dessiner(collectivite.Nom, distinction.Edition, distinction.Arobases), Fraicheur.Dernier);
        }
        catch (NotFoundException)
        {
            return Introuvable(http, null, maintenant, "Collectivité inconnue");
        }
    }
}
