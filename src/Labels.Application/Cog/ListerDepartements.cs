using FluentValidation;
using Labels.Application.Commun;
using Mediator;

namespace Labels.Application.Cog;

/// <summary>The départements of the COG, by code, those of one région when it is named.</summary>
public sealed record ListerDepartements(string? Region, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<DepartementDto>>;

public sealed class ListerDepartementsValidator : AbstractValidator<ListerDepartements>
{
    public ListerDepartementsValidator(ITerritoires territoires)
    {
        this.ReglesDePage(x => x.Page, x => x.PageSize);
        this.RegleDeRegion(x => x.Region, territoires);
    }
}

public sealed class ListerDepartementsHandler(ITerritoires territoires) : IQueryHandler<ListerDepartements, PageDe<DepartementDto>>
{
    public ValueTask<PageDe<DepartementDto>> Handle(ListerDepartements query, CancellationToken ct)
    {
        var departements = query.Region is { } region
            ? territoires.Departements.Where(d => d.Region == region).ToArray()
            : territoires.Departements;
        return ValueTask.FromResult(departements.Paginer(query.Page, query.PageSize));
    }
}
