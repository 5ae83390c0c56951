using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Editions;
using Labels.Domain.Jury;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

/// <summary>
/// What the deliberation's use cases share (<see cref="LireDeliberation"/>, <see cref="LireStatistiquesJures"/>,
/// <see cref="DeciderDistinction"/>, <see cref="AccepterPropositions"/>): the édition once it deliberates, the scores of the
/// submitted evaluations, the arobases they propose, and figures rounded as the answers show them.
/// </summary>
internal static class ChiffresDeDeliberation
{
    /// <summary>The édition, refused unless it is at the deliberation's step.</summary>
    public static async Task<Edition> EditionEnDeliberationAsync(this ILabelsDbContext db, int annee, CancellationToken ct)
    {
        var edition = await db.Editions.AsNoTracking().ChargerAsync(annee, ct);
        edition.VerifierDeliberation();
        return edition;
    }

    /// <summary>The 0–100 score of every submitted evaluation of the édition (or of one dossier).</summary>
    public static async Task<IReadOnlyList<ScoreSoumis>> ScoresSoumisAsync(this ILabelsDbContext db, Edition edition, CancellationToken ct,
        Guid? candidature = null)
    {
        var q = db.Evaluations.AsNoTracking().Where(e => e.EditionAnnee == edition.Annee && e.Soumise);
        if (candidature is { } id) q = q.Where(e => e.CandidatureId == id);
        var evaluations = await q.Select(e => new { e.CandidatureId, e.JureId, e.Notes }).ToListAsync(ct);
        return evaluations
            .Select(e => (e.CandidatureId, e.JureId, Score: edition.Grille.Score(e.Notes)))
            .Where(e => e.Score is not null)
            .Select(e => new ScoreSoumis(e.CandidatureId, e.JureId, e.Score!.Value)).ToArray();
    }

    /// <summary>The arobases the édition's thresholds give a dossier's mean score, none without a score (rule 5).</summary>
    public static int? Proposition(Edition edition, StatistiquesDossier? s) =>
        s?.Moyenne is { } moyenne ? edition.Grille.ArobasesPour(moyenne) : null;

    public static decimal? Arrondi(decimal? valeur) => valeur is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;
}
