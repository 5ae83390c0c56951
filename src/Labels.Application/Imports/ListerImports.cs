using Labels.Application.Commun;
using Labels.Application.Editions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Imports;

public sealed record ListerImports(int Annee, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<ImportDto>>;

public sealed class ListerImportsValidator : FluentValidation.AbstractValidator<ListerImports>
{
    public ListerImportsValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class ListerImportsHandler(ILabelsDbContext db) : IQueryHandler<ListerImports, PageDe<ImportDto>>
{
    public async ValueTask<PageDe<ImportDto>> Handle(ListerImports query, CancellationToken ct)
    {
        await db.Editions.VerifierExistenceAsync(query.Annee, ct);
        var page = await db.Imports.AsNoTracking().Where(i => i.EditionAnnee == query.Annee).OrderByDescending(i => i.DemarreLe)
            .PaginerAsync(query.Page, query.PageSize, ct);
        return new PageDe<ImportDto>(page.Items.Select(i => ImportDto.De(i) with { Rapport = null }).ToArray(), page.Page, page.PageSize, page.Total);
    }
}
