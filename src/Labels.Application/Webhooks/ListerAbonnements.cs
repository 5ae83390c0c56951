using FluentValidation;
using Labels.Application.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Webhooks;

public sealed record ListerAbonnements(int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<AbonnementDto>>;

public sealed class ListerAbonnementsValidator : AbstractValidator<ListerAbonnements>
{
    public ListerAbonnementsValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class ListerAbonnementsHandler(ILabelsDbContext db) : IQueryHandler<ListerAbonnements, PageDe<AbonnementDto>>
{
    public async ValueTask<PageDe<AbonnementDto>> Handle(ListerAbonnements query, CancellationToken ct)
    {
        var page = await db.Abonnements.AsNoTracking().OrderBy(a => a.CreeLe).ThenBy(a => a.Id).PaginerAsync(query.Page, query.PageSize, ct);
        return new PageDe<AbonnementDto>(page.Items.Select(AbonnementDto.De).ToArray(), page.Page, page.PageSize, page.Total);
    }
}
