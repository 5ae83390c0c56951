using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Palmares;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Palmares;

/// <summary>
/// A release whole, as frozen (embargo not applied: the caller that serves it checks
/// <see cref="PalmaresDto.PublieLe"/> on every request, since an embargo lifts without a new version).
/// </summary>
public sealed record ChargerPalmares(int Annee, int? Version) : IQuery<PalmaresDto?>;

public sealed class ChargerPalmaresHandler(ILabelsDbContext db) : IQueryHandler<ChargerPalmares, PalmaresDto?>
{
    public async ValueTask<PalmaresDto?> Handle(ChargerPalmares query, CancellationToken ct)
    {
        var versions = db.VersionsPalmares.AsNoTracking().Where(v => v.EditionAnnee == query.Annee);
        versions = query.Version is { } n ? versions.Where(v => v.Version == n) : versions.OrderByDescending(v => v.Version);
        var version = await versions.Select(v => new { v.Id, v.Version, v.PublieLe }).FirstOrDefaultAsync(ct);
        if (version is null) return null;
        var numero = await db.Editions.Where(e => e.Annee == query.Annee).Select(e => e.Numero).FirstAsync(ct);
        var laureats = await db.Laureats.AsNoTracking().Where(l => l.PalmaresId == version.Id).OrderBy(l => l.Nom).ThenBy(l => l.CollectiviteId)
            .ToListAsync(ct);
        return new PalmaresDto(query.Annee, numero, version.PublieLe, version.Version, VersionPalmares.Licence,
            laureats.Select(LaureatDto.De).ToArray());
    }
}

/// <summary>The number of the latest version of an édition's palmarès, if any: a cheap check before reloading a release.</summary>
public sealed record DerniereVersionPalmares(int Annee) : IQuery<int?>;

public sealed class DerniereVersionPalmaresHandler(ILabelsDbContext db) : IQueryHandler<DerniereVersionPalmares, int?>
{
    public async ValueTask<int?> Handle(DerniereVersionPalmares query, CancellationToken ct) =>
        await db.VersionsPalmares.Where(v => v.EditionAnnee == query.Annee).MaxAsync(v => (int?)v.Version, ct);
}

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
