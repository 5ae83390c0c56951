using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

public sealed record ListerJures(int Annee, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<JureDto>>;

public sealed class ListerJuresValidator : AbstractValidator<ListerJures>
{
    public ListerJuresValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class ListerJuresHandler(ILabelsDbContext db, IComptes comptes) : IQueryHandler<ListerJures, PageDe<JureDto>>
{
    public async ValueTask<PageDe<JureDto>> Handle(ListerJures query, CancellationToken ct)
    {
        await db.Editions.AsNoTracking().ChargerAsync(query.Annee, ct);
        var page = await db.Jures.AsNoTracking().Where(j => j.EditionAnnee == query.Annee).OrderBy(j => j.Id)
            .PaginerAsync(query.Page, query.PageSize, ct);
        var emails = await comptes.EmailsAsync(page.Items.Select(j => j.CompteId).ToArray(), ct);
        return new PageDe<JureDto>(page.Items.Select(j => JureDto.De(j, emails.GetValueOrDefault(j.CompteId, ""))).ToArray(),
            page.Page, page.PageSize, page.Total);
    }
}
