using Labels.Application.Commun;
using Labels.Domain.Commun;
using Labels.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Webhooks;

/// <summary>Sends a delivery again, now, under the same <c>webhook-id</c>, its schedule of retries starting over.</summary>
public sealed record RenvoyerLivraison(Guid AbonnementId, Guid LivraisonId) : ICommand<LivraisonDto>;

public sealed class RenvoyerLivraisonHandler(ILabelsDbContext db, ILivreurWebhooks livreur, Journal journal, TimeProvider horloge)
    : ICommandHandler<RenvoyerLivraison, LivraisonDto>
{
    public async ValueTask<LivraisonDto> Handle(RenvoyerLivraison command, CancellationToken ct)
    {
        var abonnement = await db.Abonnements.ChargerAsync(command.AbonnementId, ct);
        var livraison = await db.Livraisons.FirstOrDefaultAsync(l => l.Id == command.LivraisonId && l.AbonnementId == abonnement.Id, ct)
            ?? throw new NotFoundException($"Livraison {command.LivraisonId} introuvable pour cet abonnement.");
        if (abonnement.Etat != EtatAbonnement.Actif)
            throw new DomainException("L'abonnement n'est pas actif : réactivez-le (actif: true) avant de renvoyer une livraison.");
        var evenement = await db.Evenements.AsNoTracking().FirstAsync(e => e.Id == livraison.EvenementId, ct);
        livraison.Renvoyer(horloge.GetUtcNow());
        journal.Enregistrer("webhook.livraison.renvoi", $"abonnement:{abonnement.Id}", new { livraison = livraison.Id, evenement.Type });
        await db.SaveChangesAsync(ct);
        await livreur.SignalerAsync(ct);
        return new LivraisonDto(livraison.Id, evenement.IdentifiantWebhook, evenement.Type, evenement.EditionAnnee, evenement.Version, livraison.Etat,
            livraison.Tentatives, livraison.ProchaineTentative, livraison.CreeLe, livraison.TermineeLe);
    }
}
