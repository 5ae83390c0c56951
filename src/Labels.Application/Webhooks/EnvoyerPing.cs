using Labels.Application.Commun;
using Labels.Domain.Commun;
using Labels.Domain.Webhooks;
using Mediator;

namespace Labels.Application.Webhooks;

/// <summary>Sends a <c>ping</c> event to this subscription alone, to try its receiver and its signature check; its delivery is listed as any other.</summary>
public sealed record EnvoyerPing(Guid AbonnementId) : ICommand<LivraisonDto>;

public sealed class EnvoyerPingHandler(ILabelsDbContext db, ILivreurWebhooks livreur, TimeProvider horloge) : ICommandHandler<EnvoyerPing, LivraisonDto>
{
    public async ValueTask<LivraisonDto> Handle(EnvoyerPing command, CancellationToken ct)
    {
        var abonnement = await db.Abonnements.ChargerAsync(command.AbonnementId, ct);
        if (abonnement.Etat == EtatAbonnement.Desactive)
            throw new DomainException("L'abonnement est désactivé : réactivez-le (actif: true) avant de l'essayer.");
        var maintenant = horloge.GetUtcNow();
        var ping = Evenement.Ping(abonnement.Id, maintenant);
        // Its delivery is made here rather than by the outbox's reading: a paused subscription can be tried before it is enabled again.
        var livraison = Livraison.Pour(ping, abonnement, maintenant);
        db.Evenements.Add(ping);
        db.Livraisons.Add(livraison);
        await db.SaveChangesAsync(ct);
        await livreur.SignalerAsync(ct);
        return new LivraisonDto(livraison.Id, ping.IdentifiantWebhook, ping.Type, null, null, livraison.Etat, 0, livraison.ProchaineTentative,
            livraison.CreeLe, null);
    }
}
