using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Candidatures;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Candidatures;

public sealed record ListerCandidatures(int Annee, StatutCandidature? Statut, int Page = 1, int PageSize = Pagination.TailleParDefaut)
    : IQuery<PageDe<CandidatureDto>>;

public sealed class ListerCandidaturesValidator : AbstractValidator<ListerCandidatures>
{
    public ListerCandidaturesValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class ListerCandidaturesHandler(ILabelsDbContext db) : IQueryHandler<ListerCandidatures, PageDe<CandidatureDto>>
{
    public async ValueTask<PageDe<CandidatureDto>> Handle(ListerCandidatures query, CancellationToken ct)
    {
        await db.Editions.AsNoTracking().ChargerAsync(query.Annee, ct);
        var q = db.Candidatures.AsNoTracking().Where(c => c.EditionAnnee == query.Annee);
        if (query.Statut is { } statut) q = q.Where(c => c.Statut == statut);
        return await q.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id).EnDto(db).PaginerAsync(query.Page, query.PageSize, ct);
    }
}
