using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Webhooks;

/// <summary>Every attempt at a subscription's deliveries, the latest first.</summary>
public sealed record ListerTentatives(Guid AbonnementId, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<TentativeDto>>;

public sealed class ListerTentativesValidator : AbstractValidator<ListerTentatives>
{
    public ListerTentativesValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class ListerTentativesHandler(ILabelsDbContext db) : IQueryHandler<ListerTentatives, PageDe<TentativeDto>>
{
    public async ValueTask<PageDe<TentativeDto>> Handle(ListerTentatives query, CancellationToken ct)
    {
        await db.Abonnements.ChargerAsync(query.AbonnementId, ct);
        var page = await db.TentativesLivraison.AsNoTracking().Where(t => t.AbonnementId == query.AbonnementId)
            .OrderByDescending(t => t.Le).ThenByDescending(t => t.Id).PaginerAsync(query.Page, query.PageSize, ct);
        return new PageDe<TentativeDto>(page.Items.Select(t => TentativeDto.De(t, Evenement.Identifiant(t.EvenementId))).ToArray(),
            page.Page, page.PageSize, page.Total);
    }
}
