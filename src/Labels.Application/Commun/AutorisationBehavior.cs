using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Commun;

/// <summary>A write on a dossier by its collectivité (or the staff).</summary>
public interface IEcritureDeDossier
{
    Guid CandidatureId { get; }
}

/// <summary>A write by a juror on a dossier assigned to them.</summary>
public interface IEcritureDeJure
{
    Guid CandidatureId { get; }
}

/// <summary>
/// Object-level access runs before validation: someone who may not touch a dossier learns nothing
/// from it, not even which fields of their request were wrong.
/// </summary>
public sealed class AutorisationBehavior<TMessage, TResponse>(ILabelsDbContext db, Acces acces, IUtilisateurCourant utilisateur)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        if (message is IEcritureDeDossier dossier)
        {
            var collectivite = await db.Candidatures.AsNoTracking().Where(c => c.Id == dossier.CandidatureId)
                .Select(c => (Guid?)c.CollectiviteId).FirstOrDefaultAsync(ct) ?? throw new NotFoundException("Candidature introuvable.");
            acces.VerifierDossier(collectivite);
        }
        if (message is IEcritureDeJure ecriture)
        {
            var compte = utilisateur.Id;
            if (!await db.Affectations.AnyAsync(a => a.CandidatureId == ecriture.CandidatureId
                    && db.Jures.Any(j => j.Id == a.JureId && j.CompteId == compte), ct))
                throw new ForbiddenException("Ce dossier ne vous est pas affecté.");
        }
        return await next(message, ct);
    }
}
