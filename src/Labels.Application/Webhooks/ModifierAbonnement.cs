using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Webhooks;

/// <summary>
/// Replaces a subscription's target, events, édition and description, and pauses it (<c>actif: false</c>) or enables it again —
/// after a pause, or after it was disabled by a day of failures or a 410. Its secret is unchanged (see the rotation).
/// </summary>
public sealed record ModifierAbonnement(Guid Id, string Url, string[] Types, int? Edition, string? Description, bool Actif) : ICommand<AbonnementDto>;

public sealed class ModifierAbonnementValidator : AbstractValidator<ModifierAbonnement>
{
    public ModifierAbonnementValidator()
    {
        this.Url(x => x.Url);
        this.Types(x => x.Types);
        this.Description(x => x.Description);
    }
}

public sealed class ModifierAbonnementHandler(ILabelsDbContext db, ICiblesWebhooks cibles, Journal journal, TimeProvider horloge)
    : ICommandHandler<ModifierAbonnement, AbonnementDto>
{
    public async ValueTask<AbonnementDto> Handle(ModifierAbonnement command, CancellationToken ct)
    {
        var abonnement = await db.Abonnements.ChargerAsync(command.Id, ct);
        await ReglesAbonnement.VerifierAsync(db, cibles, command.Url, command.Edition, ct);
        var maintenant = horloge.GetUtcNow();
        abonnement.Modifier(command.Url, command.Types, command.Edition, command.Description, command.Actif, maintenant);
        // Paused (or still disabled): what waited is not sent; it can be resent by hand once the subscription is active again.
        if (abonnement.Etat != EtatAbonnement.Actif)
            foreach (var livraison in await db.Livraisons.Where(l => l.AbonnementId == abonnement.Id && l.Etat == EtatLivraison.EnAttente).ToListAsync(ct))
                livraison.Abandonner(maintenant);
        journal.Enregistrer("webhook.abonnement.modification", $"abonnement:{abonnement.Id}",
            new { abonnement.Url, abonnement.Types, abonnement.Edition, etat = abonnement.Etat.ToString() });
        await db.SaveChangesAsync(ct);
        return AbonnementDto.De(abonnement);
    }
}
