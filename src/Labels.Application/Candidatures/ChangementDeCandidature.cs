using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Candidatures;
using Labels.Domain.Editions;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Candidatures;

/// <summary>
/// What the commands that change a dossier itself share (<see cref="DeposerCandidature"/>, <see cref="RetirerCandidature"/>,
/// <see cref="SupprimerCandidature"/>): loading it with its édition, auditing a correction made once candidatures are closed,
/// answering with the dossier as saved.
/// </summary>
internal static class ChangementDeCandidature
{
    /// <summary>The dossier, tracked for the change, and its édition.</summary>
    public static async Task<(Candidature Candidature, Edition Edition)> ChargerCandidatureAsync(this ILabelsDbContext db, Guid id,
        CancellationToken ct)
    {
        var candidature = await db.Candidatures.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw Acces.Introuvable();
        var edition = await db.Editions.AsNoTracking().ChargerAsync(candidature.EditionAnnee, ct);
        return (candidature, edition);
    }

    /// <summary>Audits the change when it is a correction: candidatures are closed.</summary>
    public static void JournaliserCorrection(this Journal journal, Edition edition, string action, Candidature candidature) =>
        journal.JournaliserCorrection(edition, action, $"candidature:{candidature.Id}", new { edition = edition.Annee, statut = candidature.Statut.ToString() });

    /// <summary>Saves the change and answers with the dossier as it now is.</summary>
    public static async Task<CandidatureDto> EnregistrerCandidatureAsync(this ILabelsDbContext db, Candidature candidature, CancellationToken ct)
    {
        await db.SaveChangesAsync(ct);
        return await db.Candidatures.AsNoTracking().Where(c => c.Id == candidature.Id).EnDto(db).FirstAsync(ct);
    }
}
