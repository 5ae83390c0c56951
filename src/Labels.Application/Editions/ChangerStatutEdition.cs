using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Editions;
using Labels.Domain.Webhooks;
using Labels.Application.Webhooks;
using Mediator;

namespace Labels.Application.Editions;

/// <summary>Moves an édition to the next step of its lifecycle.</summary>
public sealed record ChangerStatutEdition(int Annee, StatutEdition Statut) : ICommand<EditionDto>;

public sealed class ChangerStatutEditionValidator : AbstractValidator<ChangerStatutEdition>
{
    public ChangerStatutEditionValidator() => RuleFor(x => x.Statut).IsInEnum();
}

public sealed class ChangerStatutEditionHandler(ILabelsDbContext db, Journal journal, TimeProvider horloge, ILivreurWebhooks livreur) : ICommandHandler<ChangerStatutEdition, EditionDto>
{
    public async ValueTask<EditionDto> Handle(ChangerStatutEdition command, CancellationToken ct)
    {
        var edition = await db.Editions.ChargerAsync(command.Annee, ct);
        var avant = edition.Statut;
        edition.AvancerVers(command.Statut);
        journal.Enregistrer("edition.statut", $"edition:{edition.Annee}",
            new { avant = Edition.Nom(avant), apres = Edition.Nom(edition.Statut) });
        var maintenant = horloge.GetUtcNow();
        db.Evenements.Add(Evenement.StatutChange(edition.Annee, avant, edition.Statut, maintenant, maintenant));
        await db.SaveChangesAsync(ct);
        await livreur.SignalerAsync(ct);
        return EditionDto.De(edition);
    }
}
