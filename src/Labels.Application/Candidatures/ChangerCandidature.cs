using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Candidatures;
using Labels.Domain.Editions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Candidatures;

/// <summary>Files the dossier (brouillon → deposee) while candidatures are open.</summary>
public sealed record DeposerCandidature(Guid Id) : ICommand<CandidatureDto>, IAccesDossier
{
    Guid IAccesDossier.CandidatureId => Id;
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Ecriture;
}

/// <summary>Withdraws the dossier; it stays on record.</summary>
public sealed record RetirerCandidature(Guid Id) : ICommand<CandidatureDto>, IAccesDossier
{
    Guid IAccesDossier.CandidatureId => Id;
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Ecriture;
}

/// <summary>Deletes a draft dossier and its fiches.</summary>
public sealed record SupprimerCandidature(Guid Id) : ICommand, IAccesDossier
{
    Guid IAccesDossier.CandidatureId => Id;
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Ecriture;
}

public sealed class ChangerCandidatureHandler(ILabelsDbContext db, Acces acces, Journal journal, TimeProvider horloge)
    : ICommandHandler<DeposerCandidature, CandidatureDto>,
      ICommandHandler<RetirerCandidature, CandidatureDto>,
      ICommandHandler<SupprimerCandidature>
{
    public async ValueTask<CandidatureDto> Handle(DeposerCandidature command, CancellationToken ct)
    {
        var (candidature, edition) = await ChargerAsync(command.Id, ct);
        candidature.Deposer(edition, horloge.GetUtcNow());
        return await EnregistrerAsync(candidature, ct);
    }

    public async ValueTask<CandidatureDto> Handle(RetirerCandidature command, CancellationToken ct)
    {
        var (candidature, edition) = await ChargerAsync(command.Id, ct);
        candidature.Retirer(edition, acces.EstAdmin, horloge.GetUtcNow());
        JournaliserCorrection(edition, "correction.candidature.retiree", candidature);
        return await EnregistrerAsync(candidature, ct);
    }

    public async ValueTask<Unit> Handle(SupprimerCandidature command, CancellationToken ct)
    {
        var (candidature, edition) = await ChargerAsync(command.Id, ct);
        candidature.VerifierSuppression(edition, acces.EstAdmin);
        JournaliserCorrection(edition, "correction.candidature.supprimee", candidature);
        db.Candidatures.Remove(candidature);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    private async Task<(Candidature, Edition)> ChargerAsync(Guid id, CancellationToken ct)
    {
        var candidature = await db.Candidatures.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw Acces.Introuvable();
        var edition = await db.Editions.AsNoTracking().ChargerAsync(candidature.EditionAnnee, ct);
        return (candidature, edition);
    }

    private void JournaliserCorrection(Edition edition, string action, Candidature candidature)
    {
        if (!edition.AccepteCandidatures)
            journal.Enregistrer(action, $"candidature:{candidature.Id}", new { edition = edition.Annee, statut = candidature.Statut.ToString() });
    }

    private async Task<CandidatureDto> EnregistrerAsync(Candidature candidature, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        return await db.Candidatures.AsNoTracking().Where(c => c.Id == candidature.Id).ProjectToDto(db).FirstAsync(ct);
    }
}
