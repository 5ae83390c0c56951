using Labels.Domain.Collectivites;
using Labels.Domain.Palmares;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Commun;

/// <summary>What a message needs of the one dossier it touches.</summary>
public enum BesoinDossier
{
    /// <summary>Reading it: the staff, its collectivité, the jurors it is assigned to.</summary>
    Lecture,

    /// <summary>Changing it or its fiches: the staff and its collectivité.</summary>
    Ecriture,

    /// <summary>The calling juror's own evaluation of it: the jurors it is assigned to, no one else.</summary>
    EvaluationDuJure,

    /// <summary>The staff's work on it (decision, history of the evaluations).</summary>
    Personnel,
}

/// <summary>
/// A message that touches one dossier says which one and what it needs of it; <see cref="AutorisationBehavior{TMessage, TResponse}"/>
/// decides before validation, and handlers do not check again.
/// </summary>
public interface IAccesDossier
{
    Guid CandidatureId { get; }
    BesoinDossier Besoin { get; }
}

/// <summary>A message that acts for a collectivité rather than on an existing dossier (filing its candidature).</summary>
public interface IActionPourCollectivite
{
    Guid CollectiviteId { get; }
}

/// <summary>
/// A message that reads the dossiers of one collectivité (named by UUID, COG code or SIREN): the staff, or that collectivité's
/// own accounts; another collectivité's are answered as an unknown one.
/// </summary>
public interface ILectureDesDossiersDe
{
    IdentifiantCollectivite Collectivite { get; }
}

/// <summary>
/// A message that reads what an édition's jury works with (its grid): the staff, and the jurors who sit on that édition's jury;
/// anyone else is refused (403), the édition itself being public.
/// </summary>
public interface ILectureDuJury
{
    int Annee { get; }
}

/// <summary>Object-level access rules (who may see or change which dossier), in this one place.</summary>
/// <remarks>No store in the constructor: the anonymous palmarès path asks who is calling on every request and must not open a context.</remarks>
public sealed class Acces(IUtilisateurCourant utilisateur, TimeProvider horloge)
{
    public bool EstAdmin => utilisateur.EstDansLeRole(Roles.Admin);

    /// <summary>
    /// The results this caller sees now: results before their publication instant are for the staff, and for API tokens
    /// given <c>palmares:read</c>; an <c>audit:read</c> or <c>imports:write</c> token sees what the public sees.
    /// </summary>
    public Visibilite Visibilite => EstAdmin && (utilisateur.Scopes is null || utilisateur.Scopes.Contains(Domain.Securite.JetonApi.ScopePalmares))
        ? Visibilite.Personnel
        : Visibilite.Le(horloge.GetUtcNow());

    /// <summary>
    /// This caller's view, or, for a read made for everyone (the HTML pages and the badge, which a shared cache may keep), what
    /// anyone sees now whoever the caller.
    /// </summary>
    public Visibilite VisibilitePour(bool vueDuPublic) => vueDuPublic ? Visibilite.Le(horloge.GetUtcNow()) : Visibilite;

    private bool EstLaCollectivite(Guid collectiviteId) =>
        utilisateur.EstDansLeRole(Roles.Collectivite) && utilisateur.CollectiviteId == collectiviteId;

    /// <summary>Acting for a collectivité (filing its candidature): admins, or that collectivité's own accounts.</summary>
    public void VerifierActionPour(Guid collectiviteId)
    {
        if (!EstAdmin && !EstLaCollectivite(collectiviteId))
            throw new ForbiddenException("Ce compte n'agit pas pour cette collectivité.");
    }

    /// <summary>
    /// Reading a collectivité's dossiers: admins (an unknown collectivité is then the use case's 404), and that collectivité's
    /// own accounts. Anyone else gets the answer of an unknown collectivité, as a dossier of another collectivité answers as
    /// an unknown dossier: the list says which éditions it filed in, which is not public before its palmarès.
    /// </summary>
    public async Task VerifierLectureDesDossiersAsync(ILabelsDbContext db, IdentifiantCollectivite collectivite, CancellationToken ct)
    {
        if (EstAdmin) return;
        var sienne = utilisateur.EstDansLeRole(Roles.Collectivite) ? utilisateur.CollectiviteId : null;
        var permis = sienne is { } id && (collectivite.Id is { } nommee
            ? nommee == id
            : await db.Collectivites.AsNoTracking().Where(c => c.Id == id).Designee(collectivite).AnyAsync(ct));
        if (!permis) throw CollectiviteIntrouvable();
    }

    /// <summary>Reading an édition's jury material: admins, or a juror with a seat on that édition's jury.</summary>
    public async Task VerifierLectureDuJuryAsync(ILabelsDbContext db, int annee, CancellationToken ct)
    {
        if (EstAdmin) return;
        var compte = utilisateur.Id;
        if (compte is null || !utilisateur.EstDansLeRole(Roles.Jure)
            || !await db.Jures.AsNoTracking().AnyAsync(j => j.EditionAnnee == annee && j.CompteId == compte, ct))
            throw new ForbiddenException("Vous ne siégez pas dans le jury de cette édition.");
    }

    /// <summary>The answer for a collectivité that is not registered (whichever way it was named), or whose dossiers the caller may not read.</summary>
    public static NotFoundException CollectiviteIntrouvable() => new("Collectivité introuvable.");

    /// <summary>
    /// Decides a message's access to a dossier with one query. An unknown dossier is refused exactly as one the caller
    /// may not touch, so that no caller learns which ids exist: « introuvable » (404) for the dossier itself, which only
    /// its collectivité, its jurors and the staff know of; « pas affecté » (403) on a juror's own evaluation, the
    /// refusal the public contract gives there.
    /// </summary>
    public async Task VerifierDossierAsync(ILabelsDbContext db, Guid candidatureId, BesoinDossier besoin, CancellationToken ct)
    {
        var compte = utilisateur.Id;
        var jure = compte is not null && utilisateur.EstDansLeRole(Roles.Jure);
        var dossier = await db.Candidatures.AsNoTracking().Where(c => c.Id == candidatureId)
            .Select(c => new
            {
                c.CollectiviteId,
                Affecte = jure && db.Affectations.Any(a => a.CandidatureId == c.Id && db.Jures.Any(j => j.Id == a.JureId && j.CompteId == compte)),
            })
            .FirstOrDefaultAsync(ct);
        var permis = dossier is not null && besoin switch
        {
            BesoinDossier.Lecture => EstAdmin || EstLaCollectivite(dossier.CollectiviteId) || dossier.Affecte,
            BesoinDossier.Ecriture => EstAdmin || EstLaCollectivite(dossier.CollectiviteId),
            BesoinDossier.EvaluationDuJure => dossier.Affecte,
            BesoinDossier.Personnel => EstAdmin,
            _ => false,
        };
        if (!permis) throw besoin == BesoinDossier.EvaluationDuJure ? PasAffecte() : Introuvable();
    }

    /// <summary>The refusal of a dossier, also thrown by a handler that finds it gone since the check.</summary>
    public static NotFoundException Introuvable() => new("Candidature introuvable.");

    /// <summary>The refusal of a juror's evaluation space, also thrown by a handler that finds the assignment gone since the check.</summary>
    public static ForbiddenException PasAffecte() => new("Ce dossier ne vous est pas affecté.");
}
