using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Candidatures;
using Mediator;

namespace Labels.Application.Candidatures;

/// <remarks>The command is the saisie itself, so validation errors name the fields the caller sent.</remarks>
public sealed record AjouterFiche : FicheSaisie, ICommand<FicheDto>, IAccesDossier
{
    public AjouterFiche(Guid candidatureId, FicheSaisie saisie) : base(saisie) => CandidatureId = candidatureId;
    public Guid CandidatureId { get; }
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Ecriture;
}

public sealed class AjouterFicheValidator : AbstractValidator<AjouterFiche>
{
    public AjouterFicheValidator() => Include(new FicheSaisieValidator());
}

public sealed class AjouterFicheHandler(ILabelsDbContext db, Acces acces, Journal journal, TimeProvider horloge)
    : ICommandHandler<AjouterFiche, FicheDto>
{
    public async ValueTask<FicheDto> Handle(AjouterFiche command, CancellationToken ct)
    {
        var (candidature, edition) = await db.ChargerDossierAsync(command.CandidatureId, ct);
        var fiche = FicheAction.Creer(candidature, edition, command.Contenu, acces.EstAdmin, horloge.GetUtcNow());
        db.Fiches.Add(fiche);
        journal.JournaliserCorrection(edition, "correction.fiche.creee", fiche);
        await db.SaveChangesAsync(ct);
        return FicheDto.De(fiche, edition.Calendrier.ClotureCandidatures);
    }
}
