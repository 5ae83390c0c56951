using Labels.Domain.Palmares;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Commun;

/// <summary>Object-level access rules shared by the use cases (who may see or change which dossier).</summary>
/// <remarks>No store in the constructor: the anonymous palmarès path asks who is calling on every request and must not open a context.</remarks>
public sealed class Acces(IUtilisateurCourant utilisateur, TimeProvider horloge)
{
    public bool EstAdmin => utilisateur.EstDansLeRole(Roles.Admin);

    /// <summary>
    /// The results this caller sees now: results before their publication instant are for the staff, and for API tokens
    /// given <c>palmares:read</c>; an <c>audit:read</c> or <c>imports:write</c> token sees what the public sees.
    /// </summary>
    public Visibilite Visibilite => EstAdmin && (utilisateur.Scopes is null || utilisateur.Scopes.Contains("palmares:read"))
        ? Visibilite.Personnel
        : Visibilite.Le(horloge.GetUtcNow());
    public Guid? UtilisateurId => utilisateur.Id;

    private bool EstLaCollectivite(Guid collectiviteId) =>
        utilisateur.EstDansLeRole(Roles.Collectivite) && utilisateur.CollectiviteId == collectiviteId;

    /// <summary>Acting for a collectivité (filing its candidature): admins, or that collectivité's own accounts.</summary>
    public void VerifierActionPour(Guid collectiviteId)
    {
        if (!EstAdmin && !EstLaCollectivite(collectiviteId))
            throw new ForbiddenException("Ce compte n'agit pas pour cette collectivité.");
    }

    /// <summary>
    /// A dossier exists for its collectivité and the association's staff only; to anyone else it
    /// is unknown, so that its existence does not leak.
    /// </summary>
    public void VerifierDossier(Guid collectiviteId)
    {
        if (!EstAdmin && !EstLaCollectivite(collectiviteId))
            throw new NotFoundException("Candidature introuvable.");
    }

    /// <summary>Reading a dossier: as <see cref="VerifierDossier"/>, and also the jurors it is assigned to.</summary>
    public async Task VerifierLectureDossierAsync(ILabelsDbContext db, Guid candidatureId, Guid collectiviteId, CancellationToken ct)
    {
        if (EstAdmin || EstLaCollectivite(collectiviteId)) return;
        if (utilisateur.EstDansLeRole(Roles.Jure) && utilisateur.Id is { } compte
            && await db.Affectations.AnyAsync(a => a.CandidatureId == candidatureId
                && db.Jures.Any(j => j.Id == a.JureId && j.CompteId == compte), ct))
            return;
        throw new NotFoundException("Candidature introuvable.");
    }
}
