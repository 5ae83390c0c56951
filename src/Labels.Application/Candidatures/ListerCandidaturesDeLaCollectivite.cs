using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Candidatures;
using Labels.Domain.Collectivites;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Candidatures;

/// <summary>
/// A collectivité's dossiers in every édition, the latest édition first: what its own account needs to find its candidature
/// again, without knowing any dossier's id. Admins, and that collectivité's accounts (<see cref="ILectureDesDossiersDe"/>).
/// </summary>
public sealed record ListerCandidaturesDeLaCollectivite(IdentifiantCollectivite Collectivite, int? Edition, StatutCandidature? Statut,
    int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<CandidatureDto>>, ILectureDesDossiersDe;

public sealed class ListerCandidaturesDeLaCollectiviteValidator : AbstractValidator<ListerCandidaturesDeLaCollectivite>
{
    public ListerCandidaturesDeLaCollectiviteValidator()
    {
        this.ReglesDePage(x => x.Page, x => x.PageSize);
        RuleFor(x => x.Edition).InclusiveBetween(Domain.Editions.Edition.PremiereAnnee, Domain.Editions.Edition.DerniereAnnee).When(x => x.Edition is not null)
            .OverridePropertyName("edition");
    }
}

public sealed class ListerCandidaturesDeLaCollectiviteHandler(ILabelsDbContext db)
    : IQueryHandler<ListerCandidaturesDeLaCollectivite, PageDe<CandidatureDto>>
{
    public async ValueTask<PageDe<CandidatureDto>> Handle(ListerCandidaturesDeLaCollectivite query, CancellationToken ct)
    {
        var collectivite = await db.Collectivites.AsNoTracking().Designee(query.Collectivite).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
            ?? throw Acces.CollectiviteIntrouvable();
        var q = db.Candidatures.AsNoTracking().Where(c => c.CollectiviteId == collectivite);
        if (query.Edition is { } annee) q = q.Where(c => c.EditionAnnee == annee);
        if (query.Statut is { } statut) q = q.Where(c => c.Statut == statut);
        return await q.OrderByDescending(c => c.EditionAnnee).ThenBy(c => c.Id).EnDto(db).PaginerAsync(query.Page, query.PageSize, ct);
    }
}
