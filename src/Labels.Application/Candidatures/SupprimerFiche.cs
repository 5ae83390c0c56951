using Labels.Application.Commun;
using Mediator;

namespace Labels.Application.Candidatures;

public sealed record SupprimerFiche(Guid CandidatureId, Guid FicheId) : ICommand, IAccesDossier
{
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Ecriture;
}

public sealed class SupprimerFicheHandler(ILabelsDbContext db, Acces acces, Journal journal) : ICommandHandler<SupprimerFiche>
{
    public async ValueTask<Unit> Handle(SupprimerFiche command, CancellationToken ct)
    {
        var (candidature, edition) = await db.ChargerDossierAsync(command.CandidatureId, ct);
        var fiche = await db.Fiches.FicheDuDossierAsync(candidature, command.FicheId, ct);
        candidature.VerifierFichesModifiables(edition, acces.EstAdmin);
        journal.JournaliserCorrection(edition, "correction.fiche.supprimee", fiche);
        db.Fiches.Remove(fiche);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
