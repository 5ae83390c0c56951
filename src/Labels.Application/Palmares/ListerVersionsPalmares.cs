using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Palmares;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Palmares;

/// <summary>Every version of a palmarès with its change log (visible versions only, to the public).</summary>
public sealed record ListerVersionsPalmares(int Annee, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<VersionPalmaresDto>>;

public sealed class ListerVersionsPalmaresValidator : AbstractValidator<ListerVersionsPalmares>
{
    public ListerVersionsPalmaresValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class ListerVersionsPalmaresHandler(ILabelsDbContext db, Acces acces)
    : IQueryHandler<ListerVersionsPalmares, PageDe<VersionPalmaresDto>>
{
    public async ValueTask<PageDe<VersionPalmaresDto>> Handle(ListerVersionsPalmares query, CancellationToken ct)
    {
        var q = db.VersionsPalmares.AsNoTracking().VisiblesPar(acces.Visibilite).Where(v => v.EditionAnnee == query.Annee);
        var page = await q.OrderBy(v => v.Version)
            .Select(v => new { Version = v, Nombre = db.Laureats.Count(l => l.PalmaresId == v.Id) })
            .PaginerAsync(query.Page, query.PageSize, ct);
        if (page.Total == 0) throw new NotFoundException($"Aucun palmarès publié pour l'édition {query.Annee}.");
        return new PageDe<VersionPalmaresDto>(page.Items.Select(x => VersionPalmaresDto.De(x.Version, x.Nombre)).ToArray(),
            page.Page, page.PageSize, page.Total);
    }
}
