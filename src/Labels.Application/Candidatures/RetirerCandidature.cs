using Labels.Application.Commun;
using Mediator;

namespace Labels.Application.Candidatures;

/// <summary>Withdraws the dossier; it stays on record.</summary>
public sealed record RetirerCandidature(Guid Id) : ICommand<CandidatureDto>, IAccesDossier
{
    Guid IAccesDossier.CandidatureId => Id;
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Ecriture;
}

public sealed class RetirerCandidatureHandler(ILabelsDbContext db, Acces acces, Journal journal, TimeProvider horloge)
    : ICommandHandler<RetirerCandidature, CandidatureDto>
{
    public async ValueTask<CandidatureDto> Handle(RetirerCandidature command, CancellationToken ct)
    {
        var (candidature, edition) = await db.ChargerCandidatureAsync(command.Id, ct);
        candidature.Retirer(edition, acces.EstAdmin, horloge.GetUtcNow());
        journal.JournaliserCorrection(edition, "correction.candidature.retiree", candidature);
        return await db.EnregistrerCandidatureAsync(candidature, ct);
    }
}
