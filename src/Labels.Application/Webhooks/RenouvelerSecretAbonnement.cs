using Labels.Application.Commun;
using Labels.Domain.Webhooks;
using Mediator;

namespace Labels.Application.Webhooks;

/// <summary>
/// A new signing secret, shown in the answer only; the previous one keeps signing beside it for
/// <see cref="Abonnement.RecouvrementDesSecrets"/> (each delivery then carries both signatures), time for the receiver to switch.
/// </summary>
public sealed record RenouvelerSecretAbonnement(Guid Id) : ICommand<AbonnementCreeDto>;

public sealed class RenouvelerSecretAbonnementHandler(ILabelsDbContext db, ISecretsWebhooks secrets, Journal journal, TimeProvider horloge)
    : ICommandHandler<RenouvelerSecretAbonnement, AbonnementCreeDto>
{
    public async ValueTask<AbonnementCreeDto> Handle(RenouvelerSecretAbonnement command, CancellationToken ct)
    {
        // Two rotations at once: the row's version (Persistance/ConfigurationsWebhooks.cs) lets one through, the other is a 412.
        var abonnement = await db.Abonnements.ChargerAsync(command.Id, ct);
        var (enClair, protege) = secrets.Nouveau();
        abonnement.RenouvelerSecret(protege, horloge.GetUtcNow());
        journal.Enregistrer("webhook.abonnement.secret", $"abonnement:{abonnement.Id}", new { ancienValableJusqua = abonnement.AncienSecretExpireLe });
        await db.SaveChangesAsync(ct);
        return new AbonnementCreeDto(AbonnementDto.De(abonnement), enClair);
    }
}
