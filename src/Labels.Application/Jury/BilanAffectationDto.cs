using Labels.Application.Commun;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

public sealed record BilanAffectationDto(int Dossiers, int Jures, int Affectations, int ChargeMin, int ChargeMax);

/// <summary>
/// The assignments of an édition as they stand, the answer of both assignment commands (<see cref="AffecterDossiers"/>,
/// <see cref="AffecterAutomatiquement"/>): dossiers assigned, jurors, assignments, and the lightest and heaviest load.
/// </summary>
internal static class BilanAffectation
{
    public static async Task<BilanAffectationDto> CalculerAsync(ILabelsDbContext db, int annee, CancellationToken ct)
    {
        var charges = await db.Jures.AsNoTracking().Where(j => j.EditionAnnee == annee)
            .Select(j => db.Affectations.Count(a => a.JureId == j.Id)).ToListAsync(ct);
        var dossiers = await db.Affectations.AsNoTracking().Where(a => a.EditionAnnee == annee).Select(a => a.CandidatureId).Distinct().CountAsync(ct);
        return new BilanAffectationDto(dossiers, charges.Count, charges.Sum(), charges.DefaultIfEmpty().Min(), charges.DefaultIfEmpty().Max());
    }
}
