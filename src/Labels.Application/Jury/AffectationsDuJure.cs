using Labels.Application.Commun;
using Labels.Domain.Jury;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

/// <summary>
/// The calling juror and their assignments, as the use cases of their own evaluations find them (<see cref="ListerMesAffectations"/>,
/// <see cref="LireMonEvaluation"/>, <see cref="EcrireMonEvaluation"/>).
/// </summary>
internal static class AffectationsDuJure
{
    /// <summary>The calling juror's account.</summary>
    public static Guid CompteDuJure(this IUtilisateurCourant utilisateur) => utilisateur.Id ?? throw new ForbiddenException("Réservé aux jurés.");

    /// <summary>
    /// The calling juror's assignment to that dossier, which the pipeline found (<see cref="Acces"/>); absent only when an
    /// automatic assignment replaced it since.
    /// </summary>
    public static async Task<Affectation> ChargerMonAffectationAsync(this ILabelsDbContext db, IUtilisateurCourant utilisateur, Guid candidatureId,
        CancellationToken ct)
    {
        var compte = utilisateur.CompteDuJure();
        return await db.Affectations.AsNoTracking()
            .Where(a => a.CandidatureId == candidatureId && db.Jures.Any(j => j.Id == a.JureId && j.CompteId == compte))
            .FirstOrDefaultAsync(ct)
            ?? throw Acces.PasAffecte();
    }
}
