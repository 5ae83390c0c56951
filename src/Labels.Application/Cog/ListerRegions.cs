using FluentValidation;
using Labels.Application.Commun;
using Mediator;

namespace Labels.Application.Cog;

/// <summary>The régions of the COG, by code.</summary>
public sealed record ListerRegions(int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<RegionDto>>;

public sealed class ListerRegionsValidator : AbstractValidator<ListerRegions>
{
    public ListerRegionsValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class ListerRegionsHandler(ITerritoires territoires) : IQueryHandler<ListerRegions, PageDe<RegionDto>>
{
    public ValueTask<PageDe<RegionDto>> Handle(ListerRegions query, CancellationToken ct) =>
        ValueTask.FromResult(territoires.Regions.Paginer(query.Page, query.PageSize));
}
