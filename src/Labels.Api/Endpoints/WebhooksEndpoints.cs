using Labels.Api.Securite;
using Labels.Application.Webhooks;
using Labels.Domain.Securite;
using Mediator;

namespace Labels.Api.Endpoints;

/// <summary>A subscription as its admin writes it, whole (PUT): <c>actif: false</c> pauses it, <c>true</c> enables it again.</summary>
public sealed record AbonnementSaisie(string Url, string[] Types, int? Edition, string? Description, bool Actif);

public static class WebhooksEndpoints
{
    public const string Racine = "/api/v1/webhooks/abonnements";

    public static IEndpointRouteBuilder MapWebhooksEndpoints(this IEndpointRouteBuilder app)
    {
        var abonnements = app.MapGroup(Racine).WithTags("Webhooks").RequireAuthorization(Politiques.Admin).RequireScope(JetonApi.ScopeWebhooks);

        abonnements.MapPost("/", async (CreerAbonnement commande, ISender sender, CancellationToken ct) =>
            {
                var cree = await sender.Send(commande, ct);
                return TypedResults.Created($"{Racine}/{cree.Abonnement.Id}", cree);
            })
            .WithName("CreerAbonnement")
            .WithSummary("Abonne l'URL d'un portail à des événements (types), d'une édition ou de toutes ; le secret de signature (whsec_…) "
                + "n'est montré qu'ici. HTTPS vers une adresse publique.");

        abonnements.MapGet("/", async ([AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerAbonnements(pagination.Numero, pagination.Taille), ct)))
            .WithName("ListerAbonnements")
            .WithSummary("Les abonnements, sans leur secret.");

        abonnements.MapGet("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new LireAbonnement(id), ct)))
            .WithName("LireAbonnement")
            .WithSummary("Un abonnement, sans son secret : son état (actif, enPause, desactive et pourquoi) et ses échecs en cours.");

        abonnements.MapPut("/{id:guid}", async (Guid id, AbonnementSaisie saisie, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ModifierAbonnement(id, saisie.Url, saisie.Types, saisie.Edition, saisie.Description, saisie.Actif), ct)))
            .WithName("ModifierAbonnement")
            .WithSummary("Remplace la cible, les événements, l'édition et la description ; actif: false met en pause, actif: true réactive "
                + "(aussi un abonnement désactivé par un jour d'échecs ou un 410).");

        abonnements.MapDelete("/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new SupprimerAbonnement(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("SupprimerAbonnement")
            .WithSummary("Supprime un abonnement, ses livraisons et leurs tentatives.");

        abonnements.MapPost("/{id:guid}/secret", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RenouvelerSecretAbonnement(id), ct)))
            .WithName("RenouvelerSecretAbonnement")
            .WithSummary("Un nouveau secret, montré ici seulement ; l'ancien signe encore à côté du nouveau pendant 24 h (deux signatures v1) ; "
                + "une seconde rotation pendant ces 24 h est refusée (409).")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);

        abonnements.MapPost("/{id:guid}/test", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Accepted($"{Racine}/{id}/livraisons", await sender.Send(new EnvoyerPing(id), ct)))
            .WithName("EnvoyerPing")
            .WithSummary("Envoie un événement ping à cet abonnement seul (même en pause), pour essayer le destinataire et sa vérification.")
            .ProducesProblem(StatusCodes.Status409Conflict);

        abonnements.MapGet("/{id:guid}/livraisons", async (Guid id, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerLivraisons(id, pagination.Numero, pagination.Taille), ct)))
            .WithName("ListerLivraisons")
            .WithSummary("Les livraisons de l'abonnement, les plus récentes d'abord : état, tentatives, prochaine tentative.");

        abonnements.MapGet("/{id:guid}/tentatives", async (Guid id, [AsParameters] PageDemandee pagination, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListerTentatives(id, pagination.Numero, pagination.Taille), ct)))
            .WithName("ListerTentatives")
            .WithSummary("Chaque tentative de livraison, la plus récente d'abord : instant, code HTTP ou erreur, latence, début de la réponse, "
                + "prochaine tentative.");

        abonnements.MapPost("/{id:guid}/livraisons/{livraisonId:guid}/renvoi", async (Guid id, Guid livraisonId, ISender sender, CancellationToken ct) =>
                TypedResults.Accepted($"{Racine}/{id}/livraisons", await sender.Send(new RenvoyerLivraison(id, livraisonId), ct)))
            .WithName("RenvoyerLivraison")
            .WithSummary("Renvoie une livraison maintenant, sous le même webhook-id ; ses nouvelles tentatives suivent le calendrier.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
