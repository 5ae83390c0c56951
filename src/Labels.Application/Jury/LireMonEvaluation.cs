using Labels.Application.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

public sealed record LireMonEvaluation(Guid CandidatureId) : IQuery<EvaluationDto>, IAccesDossier
{
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.EvaluationDuJure;
}

public sealed class LireMonEvaluationHandler(ILabelsDbContext db, IUtilisateurCourant utilisateur) : IQueryHandler<LireMonEvaluation, EvaluationDto>
{
    public async ValueTask<EvaluationDto> Handle(LireMonEvaluation query, CancellationToken ct)
    {
        var affectation = await db.ChargerMonAffectationAsync(utilisateur, query.CandidatureId, ct);
        var evaluation = await db.Evaluations.AsNoTracking()
            .FirstOrDefaultAsync(e => e.CandidatureId == affectation.CandidatureId && e.JureId == affectation.JureId, ct)
            ?? throw new NotFoundException("Pas encore d'évaluation de ce dossier : la première écriture la crée.");
        return EvaluationDto.De(evaluation);
    }
}
