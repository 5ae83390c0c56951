using Mediator;

namespace Labels.Application.Commun;

/// <summary>
/// Object-level access, for every message that declares it (<see cref="IAccesDossier"/>, <see cref="IActionPourCollectivite"/>,
/// <see cref="ILectureDesDossiersDe"/>, <see cref="ILectureDuJury"/>),
/// runs before validation: someone who may not touch a dossier learns nothing from it, not even which fields of their
/// request were wrong. The rules themselves are <see cref="Acces"/>'s.
/// </summary>
public sealed class AutorisationBehavior<TMessage, TResponse>(ILabelsDbContext db, Acces acces)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        if (message is IAccesDossier dossier)
            await acces.VerifierDossierAsync(db, dossier.CandidatureId, dossier.Besoin, ct);
        if (message is IActionPourCollectivite action)
            acces.VerifierActionPour(action.CollectiviteId);
        if (message is ILectureDesDossiersDe lecture)
            await acces.VerifierLectureDesDossiersAsync(db, lecture.Collectivite, ct);
        if (message is ILectureDuJury jury)
            await acces.VerifierLectureDuJuryAsync(db, jury.Annee, ct);
        return await next(message, ct);
    }
}
