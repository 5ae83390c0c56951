using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Webhooks;

/// <summary>A subscription's deliveries, the latest first.</summary>
public sealed record ListerLivraisons(Guid AbonnementId, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<LivraisonDto>>;

public sealed class ListerLivraisonsValidator : AbstractValidator<ListerLivraisons>
{
    public ListerLivraisonsValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class ListerLivraisonsHandler(ILabelsDbContext db) : IQueryHandler<ListerLivraisons, PageDe<LivraisonDto>>
{
    public async ValueTask<PageDe<LivraisonDto>> Handle(ListerLivraisons query, CancellationToken ct)
    {
        await db.Abonnements.ChargerAsync(query.AbonnementId, ct);
        var page = await (from l in db.Livraisons.AsNoTracking()
                          join e in db.Evenements on l.EvenementId equals e.Id
                          where l.AbonnementId == query.AbonnementId
                          orderby l.CreeLe descending, l.Id descending
                          select new { l, e.Id, e.Type, e.EditionAnnee, e.Version }).PaginerAsync(query.Page, query.PageSize, ct);
        return new PageDe<LivraisonDto>(page.Items.Select(x => new LivraisonDto(x.l.Id, Evenement.Identifiant(x.Id), x.Type, x.EditionAnnee,
            x.Version, x.l.Etat, x.l.Tentatives, x.l.ProchaineTentative, x.l.CreeLe, x.l.TermineeLe)).ToArray(), page.Page, page.PageSize, page.Total);
    }
}
