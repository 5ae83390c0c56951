using Labels.Application.Cog;
using Labels.Api.Http;
using Labels.Api.Publication;
using Labels.Api.Securite;
using Labels.Application.Commun;
using Labels.Application.Palmares;
using Labels.Domain.Collectivites;
using Mediator;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Labels.Api.Endpoints;

public sealed record PublicationSaisie(DateTimeOffset? PublieLe);

public static class PalmaresEndpoints
{
    /// <summary>
    /// An édition's palmarès, in JSON and in CSV. The anonymous fast path (Publication/VoieRapidePalmares.cs) recognises its requests
    /// by these paths: one spelling for both, so that a request it lets through is one the endpoint would have taken.
    /// </summary>
    public const string CheminPalmares = "/api/v1/editions/{annee:int}/palmares";
    public const string CheminPalmaresCsv = CheminPalmares + ".csv";

    public static IEndpointRouteBuilder MapPalmaresEndpoints(this IEndpointRouteBuilder app)
    {
        var edition = app.MapGroup("/api/v1/editions/{annee:int}").WithTags("Palmarès");

        edition.MapPost("/publication", async (int annee, PublicationSaisie? saisie, ISender sender, CancellationToken ct) =>
            {
                var version = await sender.Send(new PublierPalmares(annee, saisie?.PublieLe), ct);
                return TypedResults.Created($"/api/v1/editions/{annee}/palmares?version={version.Version}", version);
            })
            .RequireAuthorization(Politiques.Admin)
            .WithName("PublierPalmares")
            .WithSummary("Fige et publie le palmarès (version 1), visible dès publieLe (défaut : maintenant ; futur = embargo) ; calcule les TEN. "
                + "Sur une édition publiée dont des décisions ont été corrigées : version suivante avec son journal des changements.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var publiques = app.MapGroup("").LecturePublique()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        var palmares = publiques.MapGroup("").WithTags("Palmarès");

        palmares.MapGet(CheminPalmares, LirePalmares)
            .WithName("LirePalmares")
            .WithSummary("Le palmarès publié (JSON, ou CSV avec Accept: text/csv), filtrable ; compressé (br, gzip) selon Accept-Encoding ; "
                + "ETag fort, 304, Cache-Control public, CORS. HEAD : les mêmes en-têtes, sans le corps.")
            .Produces<PalmaresDto>(StatusCodes.Status200OK, "application/json", "text/csv")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .DisableRequestTimeout(); // served from memory: no timer per request on the hottest route

        palmares.MapGet(CheminPalmaresCsv, LirePalmaresCsv)
            .WithName("LirePalmaresCsv")
            .WithSummary("Le palmarès en CSV (UTF-8 avec BOM, séparateur ;), compressé (br, gzip) selon Accept-Encoding. HEAD : les en-têtes seuls.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .DisableRequestTimeout();

        // HEAD, as HTTP has it for every GET: caches and portals check a release's ETag or size without its bytes. Same
        // answer as the GET without the body; left out of the OpenAPI document, where it would repeat the GET.
        palmares.MapMethods(CheminPalmares, [HttpMethods.Head], LirePalmares).ExcludeFromDescription().DisableRequestTimeout();
        palmares.MapMethods(CheminPalmaresCsv, [HttpMethods.Head], LirePalmaresCsv).ExcludeFromDescription().DisableRequestTimeout();

        palmares.MapGet("/api/v1/palmares", LireExport)
            .WithName("ExporterPalmares")
            .WithSummary("Tous les palmarès publiés pour la réutilisation en données ouvertes, une page d'éditions de la plus ancienne à la "
                + "plus récente ; ETag fort, 304, Cache-Control public.")
            .WithDescription("Chaque élément est le palmarès d'une édition tel que /editions/{annee}/palmares le sert, dans sa dernière "
                + "version visible. L'export montre ce que le public voit à l'instant de la requête, quel que soit l'appelant : jamais une "
                + "édition sous embargo, ni une correction avant son instant. Le même export en un seul fichier : /palmares.csv. "
                + "Compressé (br, gzip) selon Accept-Encoding ; Last-Modified : la parution la plus récente. HEAD : les en-têtes seuls.")
            .Produces<PageDe<PalmaresDto>>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified);

        palmares.MapGet("/api/v1/palmares.csv", LireExportCsv)
            .WithName("ExporterPalmaresCsv")
            .WithSummary("Tous les palmarès publiés en un fichier CSV pour la réutilisation en données ouvertes : une ligne par lauréat et "
                + "par édition, les colonnes du CSV d'une édition ; ETag fort, 304, Cache-Control public.")
            .WithDescription("Les lignes de chaque édition sont celles de /editions/{annee}/palmares.csv (dernière version visible), les "
                + "éditions de la plus ancienne à la plus récente, sous une seule ligne d'en-tête ; chaque ligne porte son édition, sa "
                + "version, son instant de publication et la licence. Ce que le public voit à l'instant de la requête, quel que soit "
                + "l'appelant : jamais une édition sous embargo, ni une correction avant son instant. Un fichier borné (quelques milliers "
                + "de lignes), non paginé. Compressé (br, gzip) selon Accept-Encoding. HEAD : les en-têtes seuls.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .Produces(StatusCodes.Status304NotModified);

        // HEAD as for the palmarès; the declared types stay, so that an Accept neither serves answers 406 as on GET.
        palmares.MapMethods("/api/v1/palmares", [HttpMethods.Head], LireExport).ExcludeFromDescription()
            .Produces<PageDe<PalmaresDto>>(StatusCodes.Status200OK, "application/json");
        palmares.MapMethods("/api/v1/palmares.csv", [HttpMethods.Head], LireExportCsv).ExcludeFromDescription()
            .Produces<string>(StatusCodes.Status200OK, "text/csv");

        palmares.MapGet(CheminPalmares + "/versions", async (int annee, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerVersionsPalmares(annee, pagination.Numero, pagination.Taille), ct)))
            .WithName("ListerVersionsPalmares")
            .WithSummary("Les versions du palmarès et, pour chacune, ce qui a changé (collectivité, avant, après).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        palmares.MapGet("/api/v1/editions/{annee:int}/chiffres-cles", async (int annee, HttpContext http, ChiffresClesPublies publies, PalmaresPublies releases,
                Acces acces, TimeProvider horloge) =>
            {
                var (chiffres, prochaine) = await publies.VisiblesAsync(annee, acces.Visibilite, releases);
                if (chiffres is null)
                    return Fraicheur.Introuvable(http, $"Aucun palmarès publié pour l'édition {annee}.", prochaine, horloge.GetUtcNow());
                return LecturesConditionnelles.CopieAJour(http, chiffres.Json.ETag, Fraicheur.DePublication(chiffres.Chiffres.PublieLe, immuable: false, horloge.GetUtcNow()))
                    ? (IResult)TypedResults.StatusCode(StatusCodes.Status304NotModified)
                    : TypedResults.Bytes(chiffres.Json.Octets, chiffres.Json.TypeDeContenu);
            })
            .WithName("LireChiffresCles")
            .WithSummary("Les chiffres clés de l'édition publiée, comparés à l'édition précédente ; ETag fort, 304, Cache-Control public.")
            .Produces<ChiffresClesDto>(contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        publiques.MapGet("/api/v1/collectivites/{id}/historique", async (string id, [AsParameters] PageDemandee pagination, HttpContext http, ISender sender, Acces acces,
                IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct) =>
            {
                var historique = await sender.Send(new LireHistorique(ParametresDeRequete.Collectivite(id, "id"), pagination.Numero, pagination.Taille), ct);
                // It changes only when a palmarès is published; what an admin reads may hold releases under embargo.
                return LecturesConditionnelles.JsonConditionnel(http, historique, json.Value.SerializerOptions,
                    acces.Visibilite.VoitTout ? LecturesConditionnelles.PasEnCachePartage : Fraicheur.Dernier);
            })
            .WithTags("Collectivités")
            .WithName("LireHistorique")
            .WithSummary("Les distinctions publiées de la collectivité (désignée par son identifiant, son code INSEE ou son SIREN), une par édition, "
                + "de la plus ancienne à la plus récente ; ETag fort, 304.")
            .Produces<PageDe<DistinctionPublieeDto>>(contentType: "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status404NotFound);

        publiques.MapGet("/api/v1/editions/{annee:int}/fiches", async (int annee, string? q, string? enjeu, string? departement, string? region,
                string? categorie, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RechercherFiches(annee, q, enjeu, departement, region,
                    ParametresDeRequete.Enum<Categorie>(categorie, "categorie"), pagination.Numero, pagination.Taille), ct)))
            .WithTags("Catalogue")
            .WithName("RechercherFiches")
            .WithSummary("Le catalogue public des fiches d'une édition publiée : recherche plein texte en français (accents ignorés, classée), filtres.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<IResult> LireExport([AsParameters] PageDemandee pagination, HttpContext http, ISender sender, ExportPalmares export,
        CancellationToken ct)
    {
        var demande = await sender.Send(new ExporterPalmares(pagination.Numero, pagination.Taille), ct);
        var instantane = await export.ObtenirAsync(demande.Releases);
        return ServirExport(http, instantane, export.Json(instantane, demande.Page, ReponsePalmares.CompressionAcceptee(http.Request)), fichier: null);
    }

    private static async Task<IResult> LireExportCsv(HttpContext http, ISender sender, ExportPalmares export, CancellationToken ct)
    {
        var instantane = await export.ObtenirAsync((await sender.Send(new ExporterPalmares(), ct)).Releases);
        return ServirExport(http, instantane, ExportPalmares.Csv(instantane, ReponsePalmares.CompressionAcceptee(http.Request)), "palmares.csv");
    }

    /// <summary>
    /// The open-data export: the same for every caller (the public's view), so cacheable by anyone; it changes when a
    /// release becomes visible, which a cache notices within Fraicheur.DelaiDesCorrections, as for the latest palmarès.
    /// </summary>
    private static IResult ServirExport(HttpContext http, ExportPalmares.Instantane instantane, Representation representation, string? fichier)
    {
        var entetes = http.Response.Headers;
        entetes.Vary = ReponsePalmares.VarieSelon;
        if (instantane.DerniereModification is { } modifie) entetes.LastModified = HeaderUtilities.FormatDate(modifie);
        if (LecturesConditionnelles.CopieAJour(http, representation.ETag, Fraicheur.Dernier, instantane.DerniereModification))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        if (representation.Codage is { } codage) entetes.ContentEncoding = codage;
        if (fichier is not null) entetes.ContentDisposition = $"inline; filename=\"{fichier}\"";
        if (HttpMethods.IsHead(http.Request.Method))
        {
            http.Response.ContentType = representation.TypeDeContenu;
            http.Response.ContentLength = representation.Octets.Length;
            return TypedResults.Ok();
        }
        return TypedResults.Bytes(representation.Octets, representation.TypeDeContenu);
    }

    private static Task<IResult> LirePalmares(int annee, [AsParameters] ParametresPalmares parametres, HttpContext http, PalmaresPublies publies,
        Acces acces, TimeProvider horloge, ITerritoires territoires) =>
        ServirAsync(annee, parametres.version, parametres.Filtres(), ReponsePalmares.FormatAccepte(http, csvParChemin: false) == "text/csv", http, publies, acces,
            horloge, territoires);

    private static Task<IResult> LirePalmaresCsv(int annee, [AsParameters] ParametresPalmares parametres, HttpContext http, PalmaresPublies publies,
        Acces acces, TimeProvider horloge, ITerritoires territoires) =>
        ServirAsync(annee, parametres.version, parametres.Filtres(), csv: true, http, publies, acces, horloge, territoires);

    private static async Task<IResult> ServirAsync(int annee, int? version, FiltresPalmares filtres, bool csv, HttpContext http,
        PalmaresPublies publies, Acces acces, TimeProvider horloge, ITerritoires territoires)
    {
        filtres.Verifier(version, territoires);
        var (release, prochaine) = await publies.VisibleAsync(annee, version, acces.Visibilite);
        if (release is null)
            return Fraicheur.Introuvable(http, version is null
                ? $"Aucun palmarès publié pour l'édition {annee}."
                : $"Pas de version {version} publiée du palmarès {annee}.", prochaine, horloge.GetUtcNow());
        // Known once the release is: its édition's référentiel (an embargoed release says nothing before, as above).
        release.VerifierMention(filtres.Mention);
        return ReponsePalmares.Repondre(http, release, filtres, version is not null, csv, publies, horloge.GetUtcNow());
    }
}
