using Labels.Api.Securite;
using Labels.Application.Comptes;
using Mediator;

namespace Labels.Api.Endpoints;

/// <summary>A status of account is a choice the caller makes: required, no default that would disable an account by omission.</summary>
public sealed record StatutCompteSaisi(bool Actif);

public static class ComptesEndpoints
{
    public static IEndpointRouteBuilder MapComptesEndpoints(this IEndpointRouteBuilder app)
    {
        var comptes = app.MapGroup("/api/v1/comptes").WithTags("Comptes");
        var administration = comptes.MapGroup("").RequireAuthorization(Politiques.Admin);

        administration.MapPost("/", async (CreerCompte commande, ISender sender, CancellationToken ct) =>
                TypedResults.Created((string?)null, await sender.Send(commande, ct)))
            .WithName("CreerCompte")
            .WithSummary("Crée un compte (admin, jure, ou collectivite rattaché à une collectivité).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        administration.MapGet("/", async (string? role, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerComptes(role, pagination.Numero, pagination.Taille), ct)))
            .WithName("ListerComptes")
            .WithSummary("Les comptes, par adresse e-mail, filtrés par rôle (admin, jure, collectivite), avec leur statut (actif).");

        administration.MapPut("/{id:guid}/statut", async (Guid id, StatutCompteSaisi saisie, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ChangerStatutCompte(id, saisie.Actif), ct)))
            .WithName("ChangerStatutCompte")
            .WithSummary("Désactive un compte ({ actif: false } : plus de connexion, toutes ses sessions et ses jetons d'API prennent fin) "
                + "ou le réactive ({ actif: true } : ses anciennes sessions restent closes). Journalisé.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        comptes.MapPut("/moi/mot-de-passe", async (ChangerMonMotDePasse commande, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(commande, ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization()
            .RequireRateLimiting(Protections.PolitiqueAuthentification)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("ChangerMonMotDePasse")
            .WithSummary("Change le mot de passe de la personne connectée ; toutes les sessions du compte prennent fin, celle-ci comprise "
                + "(reconnectez-vous).");
        return app;
    }
}
