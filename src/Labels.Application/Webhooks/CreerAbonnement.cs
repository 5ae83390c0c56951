using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Webhooks;
using Mediator;

namespace Labels.Application.Webhooks;

/// <summary>Subscribes a portal's URL to events, optionally of one édition; its secret is shown in the answer, and only there.</summary>
public sealed record CreerAbonnement(string Url, string[] Types, int? Edition, string? Description) : ICommand<AbonnementCreeDto>;

public sealed class CreerAbonnementValidator : AbstractValidator<CreerAbonnement>
{
    public CreerAbonnementValidator()
    {
        this.Url(x => x.Url);
        this.Types(x => x.Types);
        this.Description(x => x.Description);
    }
}

public sealed class CreerAbonnementHandler(ILabelsDbContext db, ICiblesWebhooks cibles, ISecretsWebhooks secrets, Journal journal, TimeProvider horloge)
    : ICommandHandler<CreerAbonnement, AbonnementCreeDto>
{
    public async ValueTask<AbonnementCreeDto> Handle(CreerAbonnement command, CancellationToken ct)
    {
        await ReglesAbonnement.VerifierAsync(db, cibles, command.Url, command.Edition, ct);
        var (enClair, protege) = secrets.Nouveau();
        var abonnement = Abonnement.Creer(command.Url, command.Types, command.Edition, command.Description, protege, horloge.GetUtcNow());
        db.Abonnements.Add(abonnement);
        journal.Enregistrer("webhook.abonnement.creation", $"abonnement:{abonnement.Id}", new { abonnement.Url, abonnement.Types, abonnement.Edition });
        await db.SaveChangesAsync(ct);
        return new AbonnementCreeDto(AbonnementDto.De(abonnement), enClair);
    }
}
