using Labels.Api.Securite;
using Labels.Application.Candidatures;
using Labels.Domain.Candidatures;
using Mediator;

namespace Labels.Api.Endpoints;

public sealed record CandidatureSaisie(Guid CollectiviteId);

public static class CandidaturesEndpoints
{
    private const string TagFiches = "Fiches actions";

    public static IEndpointRouteBuilder MapCandidaturesEndpoints(this IEndpointRouteBuilder app)
    {
        var parEdition = app.MapGroup("/api/v1/editions/{annee:int}/candidatures").WithTags("Candidatures")
            .ProducesProblem(StatusCodes.Status404NotFound);

        parEdition.MapPost("/", async (int annee, CandidatureSaisie saisie, ISender sender, CancellationToken ct) =>
            {
                var c = await sender.Send(new CreerCandidature(annee, saisie.CollectiviteId), ct);
                return TypedResults.Created($"/api/v1/candidatures/{c.Id}", c);
            })
            .RequireAuthorization(Politiques.AdminOuCollectivite)
            .WithName("CreerCandidature")
            .WithSummary("Crée le dossier (brouillon) d'une collectivité ; une collectivité ne crée que le sien.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        parEdition.MapGet("/", async (int annee, string? statut, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerCandidatures(annee, ParametresDeRequete.Enum<StatutCandidature>(statut, "statut"), pagination.Numero, pagination.Taille), ct)))
            .RequireAuthorization(Politiques.Admin)
            .WithName("ListerCandidatures")
            .WithSummary("Les dossiers de l'édition (statut : brouillon, deposee, retiree), paginés.");

        app.MapGet("/api/v1/collectivites/{id}/candidatures", async (string id, int? edition, string? statut, [AsParameters] PageDemandee pagination,
                ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerCandidaturesDeLaCollectivite(ParametresDeRequete.Collectivite(id, "id"), edition,
                    ParametresDeRequete.Enum<StatutCandidature>(statut, "statut"), pagination.Numero, pagination.Taille), ct)))
            .RequireAuthorization(Politiques.AdminOuCollectivite)
            .WithTags("Candidatures")
            .WithName("ListerCandidaturesDeLaCollectivite")
            .WithSummary("Les dossiers d'une collectivité (identifiant, code INSEE ou SIREN) dans toutes les éditions, la plus récente d'abord, "
                + "filtrables par édition et statut, paginés : l'administration, ou les comptes de cette collectivité (une autre : 404).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        var candidatures = app.MapGroup("/api/v1/candidatures/{id:guid}").WithTags("Candidatures")
            .ProducesProblem(StatusCodes.Status404NotFound);
        // A dossier's jurors read it but never change it: the reads and the writes are two policies, each carried by its own group.
        var lectures = candidatures.MapGroup("").RequireAuthorization(Politiques.LecteurDeDossier);
        var ecritures = candidatures.MapGroup("").RequireAuthorization(Politiques.AdminOuCollectivite);

        lectures.MapGet("/", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireCandidature(id), ct)))
            .WithName("LireCandidature")
            .WithSummary("Le dossier, son état et son nombre de fiches (l'administration, sa collectivité, ses jurés).");

        MapTransition(ecritures, "/depot", "DeposerCandidature", "Dépose le dossier (brouillon → deposee) pendant les candidatures.",
            id => new DeposerCandidature(id));
        MapTransition(ecritures, "/retrait", "RetirerCandidature", "Retire le dossier ; il reste enregistré.",
            id => new RetirerCandidature(id));

        ecritures.MapDelete("/", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new SupprimerCandidature(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("SupprimerCandidature")
            .WithSummary("Supprime un dossier en brouillon et ses fiches.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        var fichesLues = lectures.MapGroup("/fiches").WithTags(TagFiches);
        var fichesEcrites = ecritures.MapGroup("/fiches").WithTags(TagFiches);

        fichesEcrites.MapPost("/", async (Guid id, FicheSaisie saisie, ISender sender, CancellationToken ct) =>
            {
                var f = await sender.Send(new AjouterFiche(id, saisie), ct);
                return TypedResults.Created($"/api/v1/candidatures/{id}/fiches/{f.Id}", f);
            })
            .WithName("AjouterFiche")
            .WithSummary("Ajoute une fiche action au dossier (services, ou enjeux quand l'édition n'a pas de services).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        fichesLues.MapGet("/", async (Guid id, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerFiches(id, pagination.Numero, pagination.Taille), ct)))
            .WithName("ListerFiches")
            .WithSummary("Les fiches du dossier, paginées (l'administration, sa collectivité, ses jurés).");

        fichesLues.MapGet("/{ficheId:guid}", async (Guid id, Guid ficheId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireFiche(id, ficheId), ct)))
            .WithName("LireFiche")
            .WithSummary("Une fiche du dossier.");

        fichesEcrites.MapPut("/{ficheId:guid}", async (Guid id, Guid ficheId, FicheSaisie saisie, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ModifierFiche(id, ficheId, saisie), ct)))
            .WithName("ModifierFiche")
            .WithSummary("Remplace le contenu d'une fiche du dossier pendant les candidatures (corrections de l'administration journalisées).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        fichesEcrites.MapDelete("/{ficheId:guid}", async (Guid id, Guid ficheId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new SupprimerFiche(id, ficheId), ct);
                return TypedResults.NoContent();
            })
            .WithName("SupprimerFiche")
            .WithSummary("Supprime une fiche du dossier pendant les candidatures (corrections de l'administration journalisées).")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static void MapTransition(RouteGroupBuilder groupe, string chemin, string nom, string resume,
        Func<Guid, ICommand<CandidatureDto>> commande) =>
        groupe.MapPost(chemin, async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(commande(id), ct)))
            .WithName(nom)
            .WithSummary(resume)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
