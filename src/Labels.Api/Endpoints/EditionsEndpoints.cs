using Labels.Api.Securite;
using Labels.Application.Editions;
using Labels.Domain.Editions;
using Mediator;

namespace Labels.Api.Endpoints;

public sealed record StatutSaisi(StatutEdition Statut);

public sealed record ReferentielSaisi(IReadOnlyList<EnjeuDto> Enjeux, IReadOnlyList<MentionDto> Mentions);

public static class EditionsEndpoints
{
    public static IEndpointRouteBuilder MapEditionsEndpoints(this IEndpointRouteBuilder app)
    {
        var editions = app.MapGroup("/api/v1/editions").WithTags("Éditions");
        var administration = editions.MapGroup("").RequireAuthorization(Politiques.Admin);
        var publiques = editions.MapGroup("").LecturePublique();

        administration.MapPost("/", async (OuvrirEdition commande, ISender sender, CancellationToken ct) =>
            {
                var e = await sender.Send(commande, ct);
                return TypedResults.Created($"/api/v1/editions/{e.Annee}", e);
            })
            .WithName("OuvrirEdition")
            .WithSummary("Ouvre une édition ; son référentiel est cloné de l'édition précédente, sinon le référentiel par défaut.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        publiques.MapGet("/", async ([AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerEditions(pagination.Numero, pagination.Taille), ct)))
            .WithName("ListerEditions")
            .WithSummary("Les éditions du label, de la plus récente à la plus ancienne, paginées.");

        publiques.MapGet("/{annee:int}", async (int annee, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireEdition(annee), ct)))
            .WithName("LireEdition")
            .WithSummary("Une édition : son statut, son calendrier, son référentiel en bref.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        administration.MapPut("/{annee:int}/statut", async (int annee, StatutSaisi saisie, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ChangerStatutEdition(annee, saisie.Statut), ct)))
            .WithName("ChangerStatutEdition")
            .WithSummary("Passe l'édition à l'étape suivante : candidatures, evaluation, deliberation. 409 pour un saut ou un retour.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        publiques.MapGet("/{annee:int}/referentiel", async (int annee, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireReferentiel(annee), ct)))
            .WithName("LireReferentiel")
            .WithSummary("Le référentiel de l'édition : enjeux, services, mentions.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        administration.MapPut("/{annee:int}/referentiel", async (int annee, ReferentielSaisi saisie, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RemplacerReferentiel(annee, saisie.Enjeux, saisie.Mentions), ct)))
            .WithName("RemplacerReferentiel")
            .WithSummary("Remplace le référentiel (enjeux, services, mentions) ; 409 si un code encore utilisé disparaît.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        publiques.MapGet("/{annee:int}/enjeux", async (int annee, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireEnjeux(annee), ct)))
            .WithName("LireEnjeux")
            .WithSummary("Les enjeux du référentiel de l'édition et leurs services.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
