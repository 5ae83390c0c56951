using Labels.Api.Securite;
using Labels.Application.Collectivites;
using Labels.Domain.Collectivites;
using Mediator;

namespace Labels.Api.Endpoints;

public static class CollectivitesEndpoints
{
    public static IEndpointRouteBuilder MapCollectivitesEndpoints(this IEndpointRouteBuilder app)
    {
        var collectivites = app.MapGroup("/api/v1/collectivites").WithTags("Collectivités");
        var publiques = collectivites.MapGroup("").LecturePublique();

        collectivites.MapPost("/", async (CreerCollectivite commande, ISender sender, CancellationToken ct) =>
            {
                var c = await sender.Send(commande, ct);
                return TypedResults.Created($"/api/v1/collectivites/{c.Id}", c);
            })
            .RequireAuthorization(Politiques.Admin)
            .WithName("CreerCollectivite")
            .WithSummary("Enregistre une collectivité depuis le COG : { codeInsee } pour une commune, { siren } pour un EPCI.")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        publiques.MapGet("/{id}", async (string id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireCollectivite(ParametresDeRequete.Collectivite(id, "id")), ct)))
            .WithName("LireCollectivite")
            .WithSummary("Une collectivité enregistrée, par son identifiant (UUID), son code INSEE ou son SIREN.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        publiques.MapGet("/", async (string? codeInsee, string? siren, string? departement, string? region,
                string? categorie, string? q, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerCollectivites(codeInsee, siren, departement, region,
                    ParametresDeRequete.Enum<Categorie>(categorie, "categorie"), q,
                    pagination.Numero, pagination.Taille), ct)))
            .WithName("ListerCollectivites")
            .WithSummary("Les collectivités enregistrées, filtrées et paginées (q cherche dans le nom ; categorie : village, ville, intercommunalite).");

        return app;
    }
}
