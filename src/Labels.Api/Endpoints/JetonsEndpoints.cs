using Labels.Api.Securite;
using Labels.Application.Securite;
using Mediator;

namespace Labels.Api.Endpoints;

public static class JetonsEndpoints
{
    public static IEndpointRouteBuilder MapJetonsEndpoints(this IEndpointRouteBuilder app)
    {
        var jetons = app.MapGroup("/api/v1/jetons").WithTags("Jetons d'API").RequireAuthorization(Politiques.Admin);

        jetons.MapPost("/", async (CreerJeton commande, ISender sender, CancellationToken ct) =>
            {
                var cree = await sender.Send(commande, ct);
                return TypedResults.Created($"/api/v1/jetons/{cree.Jeton.Id}", cree);
            })
            .WithName("CreerJeton")
            .WithSummary("Crée un jeton nommé pour un script : scopes (imports:write, palmares:read, audit:read, webhooks:write, metriques:read) et expiration ; "
                + "le secret n'est montré qu'ici. S'utilise en Authorization: Bearer lbl_….")
            .ProducesProblem(StatusCodes.Status409Conflict);

        jetons.MapGet("/", async ([AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerJetons(pagination.Numero, pagination.Taille), ct)))
            .WithName("ListerJetons")
            .WithSummary("Les jetons, sans leur secret.");

        jetons.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RevoquerJeton(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("RevoquerJeton")
            .WithSummary("Révoque un jeton : il répond 401 dès lors.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
