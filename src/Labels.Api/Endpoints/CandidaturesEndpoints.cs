using Labels.Api.Securite;
using Labels.Application.Candidatures;
using Labels.Domain.Candidatures;
using Mediator;

namespace Labels.Api.Endpoints;

public sealed record CandidatureSaisie(Guid CollectiviteId);

public static class CandidaturesEndpoints
{
    public static IEndpointRouteBuilder MapCandidaturesEndpoints(this IEndpointRouteBuilder app)
    {
        var parEdition = app.MapGroup("/api/v1/editions/{annee:int}/candidatures").WithTags("Candidatures");

        parEdition.MapPost("/", async (int annee, CandidatureSaisie saisie, ISender sender, CancellationToken ct) =>
            {
                var c = await sender.Send(new CreerCandidature(annee, saisie.CollectiviteId), ct);
                return TypedResults.Created($"/api/v1/candidatures/{c.Id}", c);
            })
            .RequireAuthorization(Politiques.AdminOuCollectivite)
            .WithName("CreerCandidature")
            .WithSummary("Crée le dossier (brouillon) d'une collectivité ; une collectivité ne crée que le sien.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        parEdition.MapGet("/", async (int annee, string? statut, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerCandidatures(annee, ParametresDeRequete.Enum<StatutCandidature>(statut, "statut"), pagination.Numero, pagination.Taille), ct)))
            .RequireAuthorization(Politiques.Admin)
            .WithName("ListerCandidatures")
            .WithSummary("Les dossiers de l'édition (statut : brouillon, deposee, retiree), paginés.")
            .ProducesProblem(StatusCodes.Status404NotFound);

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

        var candidatures = app.MapGroup("/api/v1/candidatures/{id:guid}").WithTags("Candidatures");

        candidatures.MapGet("/", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireCandidature(id), ct)))
            .RequireAuthorization(Politiques.LecteurDeDossier)
            .WithName("LireCandidature")
            .WithSummary("Le dossier, son état et son nombre de fiches (l'administration, sa collectivité, ses jurés).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        MapTransition(candidatures, "/depot", "DeposerCandidature", "Dépose le dossier (brouillon → deposee) pendant les candidatures.",
            id => new DeposerCandidature(id));
        MapTransition(candidatures, "/retrait", "RetirerCandidature", "Retire le dossier ; il reste enregistré.",
            id => new RetirerCandidature(id));

        candidatures.MapDelete("/", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new SupprimerCandidature(id), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Politiques.AdminOuCollectivite)
            .WithName("SupprimerCandidature")
            .WithSummary("Supprime un dossier en brouillon et ses fiches.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        var fiches = candidatures.MapGroup("/fiches").WithTags("Fiches actions");

        fiches.MapPost("/", async (Guid id, FicheSaisie saisie, ISender sender, CancellationToken ct) =>
            {
                var f = await sender.Send(new AjouterFiche(id, saisie), ct);
                return TypedResults.Created($"/api/v1/candidatures/{id}/fiches/{f.Id}", f);
            })
            .RequireAuthorization(Politiques.AdminOuCollectivite)
            .WithName("AjouterFiche")
            .WithSummary("Ajoute une fiche action au dossier (services, ou enjeux quand l'édition n'a pas de services).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        fiches.MapGet("/", async (Guid id, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerFiches(id, pagination.Numero, pagination.Taille), ct)))
            .RequireAuthorization(Politiques.LecteurDeDossier)
            .WithName("ListerFiches")
            .WithSummary("Les fiches du dossier, paginées (l'administration, sa collectivité, ses jurés).")
            .ProducesProblem(StatusCodes.Status404NotFound);

        fiches.MapGet("/{ficheId:guid}", async (Guid id, Guid ficheId, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireFiche(id, ficheId), ct)))
            .RequireAuthorization(Politiques.LecteurDeDossier)
            .WithName("LireFiche")
            .WithSummary("Une fiche du dossier.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        fiches.MapPut("/{ficheId:guid}", async (Guid id, Guid ficheId, FicheSaisie saisie, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ModifierFiche(id, ficheId, saisie), ct)))
            .RequireAuthorization(Politiques.AdminOuCollectivite)
            .WithName("ModifierFiche")
            .WithSummary("Remplace le contenu d'une fiche du dossier pendant les candidatures (corrections de l'administration journalisées).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        fiches.MapDelete("/{ficheId:guid}", async (Guid id, Guid ficheId, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new SupprimerFiche(id, ficheId), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Politiques.AdminOuCollectivite)
            .WithName("SupprimerFiche")
            .WithSummary("Supprime une fiche du dossier pendant les candidatures (corrections de l'administration journalisées).")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }

    private static void MapTransition(RouteGroupBuilder groupe, string chemin, string nom, string resume,
        Func<Guid, ICommand<CandidatureDto>> commande) =>
        groupe.MapPost(chemin, async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(commande(id), ct)))
            .RequireAuthorization(Politiques.AdminOuCollectivite)
            .WithName(nom)
            .WithSummary(resume)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
}
