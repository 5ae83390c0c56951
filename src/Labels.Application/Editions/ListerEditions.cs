using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Palmares;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Editions;

public sealed record ListerEditions(int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<EditionDto>>;

public sealed class ListerEditionsValidator : AbstractValidator<ListerEditions>
{
    public ListerEditionsValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class ListerEditionsHandler(ILabelsDbContext db, Acces acces) : IQueryHandler<ListerEditions, PageDe<EditionDto>>
{
    public async ValueTask<PageDe<EditionDto>> Handle(ListerEditions query, CancellationToken ct)
    {
        // The référentiel is a JSON value of the édition: counts are computed on the loaded value.
        var page = await db.Editions.AsNoTracking().OrderBy(e => e.Annee).PaginerAsync(query.Page, query.PageSize, ct);
        var annees = page.Items.Select(e => e.Annee).ToArray();
        var visibles = (await db.VersionsPalmares.VisiblesPar(acces.Visibilite).Where(v => annees.Contains(v.EditionAnnee))
            .Select(v => v.EditionAnnee).Distinct().ToListAsync(ct)).ToHashSet();
        return new PageDe<EditionDto>(page.Items.Select(e => EditionDto.De(e, visibles.Contains(e.Annee))).ToArray(), page.Page, page.PageSize, page.Total);
    }
}
