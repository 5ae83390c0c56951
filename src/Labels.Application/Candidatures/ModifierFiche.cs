using FluentValidation;
using Labels.Application.Commun;
using Mediator;

namespace Labels.Application.Candidatures;

public sealed record ModifierFiche : FicheSaisie, ICommand<FicheDto>, IAccesDossier
{
    public ModifierFiche(Guid candidatureId, Guid ficheId, FicheSaisie saisie) : base(saisie) => (CandidatureId, FicheId) = (candidatureId, ficheId);
    public Guid CandidatureId { get; }
    public Guid FicheId { get; }
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Ecriture;
}

public sealed class ModifierFicheValidator : AbstractValidator<ModifierFiche>
{
    public ModifierFicheValidator() => Include(new FicheSaisieValidator());
}

public sealed class ModifierFicheHandler(ILabelsDbContext db, Acces acces, Journal journal, TimeProvider horloge)
    : ICommandHandler<ModifierFiche, FicheDto>
{
    public async ValueTask<FicheDto> Handle(ModifierFiche command, CancellationToken ct)
    {
        var (candidature, edition) = await db.ChargerDossierAsync(command.CandidatureId, ct);
        var fiche = await db.Fiches.FicheDuDossierAsync(candidature, command.FicheId, ct);
        fiche.Modifier(candidature, edition, command.Contenu, acces.EstAdmin, horloge.GetUtcNow());
        journal.JournaliserCorrection(edition, "correction.fiche.modifiee", fiche);
        await db.SaveChangesAsync(ct);
        return FicheDto.De(fiche, edition.Calendrier.ClotureCandidatures);
    }
}
