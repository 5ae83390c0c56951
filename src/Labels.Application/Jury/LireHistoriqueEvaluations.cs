using System.Text.Json;
using FluentValidation;
using Labels.Application.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

/// <summary>A change of an evaluation: its state before (none for the first write) and after.</summary>
public sealed record ChangementEvaluationDto(Guid Id, Guid EvaluationId, Guid JureId, Guid AuteurId, DateTimeOffset Instant,
    EtatEvaluationDto? Avant, EtatEvaluationDto Apres);

/// <summary>An evaluation as it stood, as <c>Evaluation.Etat</c> records it.</summary>
public sealed record EtatEvaluationDto(IReadOnlyDictionary<string, decimal> Notes, string? Commentaire, bool Soumise, int Version);

/// <summary>The audit trail of the evaluations of one dossier (admins only).</summary>
public sealed record LireHistoriqueEvaluations(Guid CandidatureId, int Page = 1, int PageSize = Pagination.TailleParDefaut)
    : IQuery<PageDe<ChangementEvaluationDto>>, IAccesDossier
{
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Personnel;
}

public sealed class LireHistoriqueEvaluationsValidator : AbstractValidator<LireHistoriqueEvaluations>
{
    public LireHistoriqueEvaluationsValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class LireHistoriqueEvaluationsHandler(ILabelsDbContext db)
    : IQueryHandler<LireHistoriqueEvaluations, PageDe<ChangementEvaluationDto>>
{
    public async ValueTask<PageDe<ChangementEvaluationDto>> Handle(LireHistoriqueEvaluations query, CancellationToken ct)
    {
        var page = await db.ChangementsEvaluation.AsNoTracking().Where(c => c.CandidatureId == query.CandidatureId)
            .OrderBy(c => c.Instant).ThenBy(c => c.Id).PaginerAsync(query.Page, query.PageSize, ct);
        return new PageDe<ChangementEvaluationDto>(page.Items.Select(c => new ChangementEvaluationDto(c.Id, c.EvaluationId, c.JureId, c.AuteurId,
            c.Instant, c.Avant is null ? null : Etat(c.Avant), Etat(c.Apres))).ToArray(),
            page.Page, page.PageSize, page.Total);
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static EtatEvaluationDto Etat(string json) =>
        JsonSerializer.Deserialize<EtatEvaluationDto>(json, Json) ?? throw new InvalidOperationException("État d'évaluation vide.");
}
