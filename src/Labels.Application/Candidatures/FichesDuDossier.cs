using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Candidatures;
using Labels.Domain.Editions;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Candidatures;

/// <summary>
/// What the use cases on a dossier's fiches share (<see cref="AjouterFiche"/>, <see cref="ModifierFiche"/>, <see cref="SupprimerFiche"/>,
/// <see cref="LireFiche"/>, <see cref="ListerFiches"/>): loading the dossier with its édition, finding one of its fiches, auditing a
/// correction made once candidatures are closed.
/// </summary>
internal static class FichesDuDossier
{
    /// <summary>The dossier, not tracked (its fiches are what changes), and its édition.</summary>
    public static async Task<(Candidature Candidature, Edition Edition)> ChargerDossierAsync(this ILabelsDbContext db, Guid candidatureId,
        CancellationToken ct)
    {
        var candidature = await db.Candidatures.AsNoTracking().FirstOrDefaultAsync(c => c.Id == candidatureId, ct) ?? throw Acces.Introuvable();
        var edition = await db.Editions.AsNoTracking().ChargerAsync(candidature.EditionAnnee, ct);
        return (candidature, edition);
    }

    /// <summary>A fiche of that dossier only: an id from another dossier is unknown here.</summary>
    public static async Task<FicheAction> FicheDuDossierAsync(this IQueryable<FicheAction> fiches, Candidature candidature, Guid ficheId,
        CancellationToken ct) =>
        await fiches.FirstOrDefaultAsync(f => f.Id == ficheId && f.CandidatureId == candidature.Id, ct)
        ?? throw new NotFoundException("Fiche introuvable.");

    /// <summary>Audits the change of a fiche when it is a correction: candidatures are closed.</summary>
    public static void JournaliserCorrection(this Journal journal, Edition edition, string action, FicheAction fiche) =>
        journal.JournaliserCorrection(edition, action, $"fiche:{fiche.Id}", new { edition = edition.Annee, candidatureId = fiche.CandidatureId, titre = fiche.Titre });
}
