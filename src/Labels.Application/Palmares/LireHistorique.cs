using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Collectivites;
using Labels.Domain.Palmares;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Palmares;

public sealed record DistinctionPublieeDto(int Edition, int Numero, int Version, DateTimeOffset PublieLe, int Arobases, string[] Mentions,
    TenDto? TerritoireExcellenceNumerique);

/// <summary>A collectivité's published distinctions, one per édition, oldest first.</summary>
/// <param name="VueDuPublic">What the public sees whoever asks (the HTML pages and the badge): never a release under embargo.</param>
public sealed record LireHistorique(IdentifiantCollectivite Collectivite, int Page = 1, int PageSize = Pagination.TailleParDefaut, bool VueDuPublic = false)
    : IQuery<PageDe<DistinctionPublieeDto>>;

public sealed class LireHistoriqueValidator : AbstractValidator<LireHistorique>
{
    public LireHistoriqueValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class LireHistoriqueHandler(ILabelsDbContext db, Acces acces)
    : IQueryHandler<LireHistorique, PageDe<DistinctionPublieeDto>>
{
    public async ValueTask<PageDe<DistinctionPublieeDto>> Handle(LireHistorique query, CancellationToken ct)
    {
        var collectivite = await db.Collectivites.Designee(query.Collectivite).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
            ?? throw Acces.CollectiviteIntrouvable();
        var q = from l in db.Laureats.AsNoTracking()
                join v in db.VersionsPalmares.VisiblesPar(acces.VisibilitePour(query.VueDuPublic)).Dernieres() on l.PalmaresId equals v.Id
                join e in db.Editions on v.EditionAnnee equals e.Annee
                where l.CollectiviteId == collectivite
                orderby v.EditionAnnee
                select new { v.EditionAnnee, e.Numero, v.Version, v.PublieLe, l.Arobases, l.Mentions, l.TenAttribueEn, l.TenValableJusquEn };
        var page = await q.PaginerAsync(query.Page, query.PageSize, ct);
        return new PageDe<DistinctionPublieeDto>(page.Items.Select(x => new DistinctionPublieeDto(x.EditionAnnee, x.Numero, x.Version, x.PublieLe,
                x.Arobases, x.Mentions, TenDto.De(x.TenAttribueEn, x.TenValableJusquEn))).ToArray(),
            page.Page, page.PageSize, page.Total);
    }
}
