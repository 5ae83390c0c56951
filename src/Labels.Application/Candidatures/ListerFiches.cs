using FluentValidation;
using Labels.Application.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Candidatures;

public sealed record ListerFiches(Guid CandidatureId, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<FicheDto>>, IAccesDossier
{
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Lecture;
}

public sealed class ListerFichesValidator : AbstractValidator<ListerFiches>
{
    public ListerFichesValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class ListerFichesHandler(ILabelsDbContext db) : IQueryHandler<ListerFiches, PageDe<FicheDto>>
{
    public async ValueTask<PageDe<FicheDto>> Handle(ListerFiches query, CancellationToken ct)
    {
        var (candidature, edition) = await db.ChargerDossierAsync(query.CandidatureId, ct);
        var page = await db.Fiches.AsNoTracking().Where(f => f.CandidatureId == candidature.Id)
            .OrderBy(f => f.CreatedAt).ThenBy(f => f.Id).PaginerAsync(query.Page, query.PageSize, ct);
        var cloture = edition.Calendrier.ClotureCandidatures;
        return new PageDe<FicheDto>(page.Items.Select(f => FicheDto.De(f, cloture)).ToArray(), page.Page, page.PageSize, page.Total);
    }
}
