using Labels.Api.Securite;
using Labels.Application.Audit;
using Labels.Domain.Securite;
using Mediator;

namespace Labels.Api.Endpoints;

public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/audit", async (string? action, string? cible, Guid? acteurId, InstantDeRequete? depuis, InstantDeRequete? jusqua,
                [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireAudit(action, cible, acteurId, depuis?.Valeur, jusqua?.Valeur, pagination.Numero, pagination.Taille), ct)))
            .RequireAuthorization(Politiques.Admin)
            .RequireScope(JetonApi.ScopeAudit)
            .WithTags("Audit")
            .WithName("LireAudit")
            .WithSummary("Le journal d'audit : connexions (auth.connexion, auth.echec), jetons, décisions, publications, imports, corrections ; "
                + "filtres action (préfixe avec un point final, ex. « auth. »), cible, acteurId, depuis, jusqua.");
        return app;
    }
}
