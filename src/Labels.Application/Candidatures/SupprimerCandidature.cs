using Labels.Application.Commun;
using Mediator;

namespace Labels.Application.Candidatures;

/// <summary>Deletes a draft dossier and its fiches.</summary>
public sealed record SupprimerCandidature(Guid Id) : ICommand, IAccesDossier
{
    Guid IAccesDossier.CandidatureId => Id;
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Ecriture;
}

public sealed class SupprimerCandidatureHandler(ILabelsDbContext db, Acces acces, Journal journal) : ICommandHandler<SupprimerCandidature>
{
    public async ValueTask<Unit> Handle(SupprimerCandidature command, CancellationToken ct)
    {
        var (candidature, edition) = await db.ChargerCandidatureAsync(command.Id, ct);
        candidature.VerifierSuppression(edition, acces.EstAdmin);
        journal.JournaliserCorrection(edition, "correction.candidature.supprimee", candidature);
        db.Candidatures.Remove(candidature);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
