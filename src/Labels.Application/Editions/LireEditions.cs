using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Editions;
using Labels.Domain.Palmares;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Editions;

public sealed record LireEdition(int Annee) : IQuery<EditionDto>;

public sealed class LireEditionHandler(ILabelsDbContext db, Acces acces) : IQueryHandler<LireEdition, EditionDto>
{
    public async ValueTask<EditionDto> Handle(LireEdition query, CancellationToken ct)
    {
        var edition = await db.Editions.AsNoTracking().ChargerAsync(query.Annee, ct);
        return EditionDto.De(edition, await db.VersionsPalmares.VisiblesPar(acces.Visibilite).AnyAsync(v => v.EditionAnnee == query.Annee, ct));
    }
}

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

public sealed record LireReferentiel(int Annee) : IQuery<ReferentielDto>;

public sealed class LireReferentielHandler(ILabelsDbContext db) : IQueryHandler<LireReferentiel, ReferentielDto>
{
    public async ValueTask<ReferentielDto> Handle(LireReferentiel query, CancellationToken ct) =>
        ReferentielDto.De((await db.Editions.AsNoTracking().ChargerAsync(query.Annee, ct)).Referentiel);
}

public sealed record LireEnjeux(int Annee) : IQuery<IReadOnlyList<EnjeuDto>>;

public sealed class LireEnjeuxHandler(ILabelsDbContext db) : IQueryHandler<LireEnjeux, IReadOnlyList<EnjeuDto>>
{
    public async ValueTask<IReadOnlyList<EnjeuDto>> Handle(LireEnjeux query, CancellationToken ct) =>
        ReferentielDto.EnjeuxDe((await db.Editions.AsNoTracking().ChargerAsync(query.Annee, ct)).Referentiel);
}

public static class EditionsQueryExtensions
{
    public static async Task<Edition> ChargerAsync(this IQueryable<Edition> editions, int annee, CancellationToken ct) =>
        await editions.FirstOrDefaultAsync(e => e.Annee == annee, ct)
        ?? throw new NotFoundException($"L'édition {annee} n'existe pas.");
}
