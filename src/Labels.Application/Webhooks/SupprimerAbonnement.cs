using Labels.Application.Commun;
using Mediator;

namespace Labels.Application.Webhooks;

/// <summary>Ends a subscription: its deliveries and their attempts go with it, and nothing more is sent to it.</summary>
public sealed record SupprimerAbonnement(Guid Id) : ICommand;

public sealed class SupprimerAbonnementHandler(ILabelsDbContext db, Journal journal) : ICommandHandler<SupprimerAbonnement>
{
    public async ValueTask<Unit> Handle(SupprimerAbonnement command, CancellationToken ct)
    {
        var abonnement = await db.Abonnements.ChargerAsync(command.Id, ct);
        db.Abonnements.Remove(abonnement);
        journal.Enregistrer("webhook.abonnement.suppression", $"abonnement:{abonnement.Id}", new { abonnement.Url });
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
