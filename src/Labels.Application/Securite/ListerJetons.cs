using FluentValidation;
using Labels.Application.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Securite;

public sealed record ListerJetons(int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<JetonDto>>;

public sealed class ListerJetonsValidator : AbstractValidator<ListerJetons>
{
    public ListerJetonsValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class ListerJetonsHandler(ILabelsDbContext db) : IQueryHandler<ListerJetons, PageDe<JetonDto>>
{
    public async ValueTask<PageDe<JetonDto>> Handle(ListerJetons query, CancellationToken ct)
    {
        var page = await db.JetonsApi.AsNoTracking().OrderByDescending(j => j.CreatedAt).PaginerAsync(query.Page, query.PageSize, ct);
        return new PageDe<JetonDto>(page.Items.Select(JetonDto.De).ToArray(), page.Page, page.PageSize, page.Total);
    }
}
