using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

/// <summary>One dossier assigned to one juror, named by their account's e-mail address (accounts have no other name).</summary>
public sealed record AffectationDto(Guid Id, Guid CandidatureId, Guid JureId, string JureEmail, DateTimeOffset CreatedAt);

public sealed record ListerAffectations(int Annee, Guid? JureId, Guid? CandidatureId, int Page = 1, int PageSize = Pagination.TailleParDefaut)
    : IQuery<PageDe<AffectationDto>>;

public sealed class ListerAffectationsValidator : AbstractValidator<ListerAffectations>
{
    public ListerAffectationsValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class ListerAffectationsHandler(ILabelsDbContext db, IComptes comptes) : IQueryHandler<ListerAffectations, PageDe<AffectationDto>>
{
    public async ValueTask<PageDe<AffectationDto>> Handle(ListerAffectations query, CancellationToken ct)
    {
        await db.Editions.AsNoTracking().ChargerAsync(query.Annee, ct);
        var q = db.Affectations.AsNoTracking().Where(a => a.EditionAnnee == query.Annee);
        if (query.JureId is { } jure) q = q.Where(a => a.JureId == jure);
        if (query.CandidatureId is { } candidature) q = q.Where(a => a.CandidatureId == candidature);
        var page = await (from a in q
                          join j in db.Jures on a.JureId equals j.Id
                          orderby a.CandidatureId, a.JureId
                          select new { a.Id, a.CandidatureId, a.JureId, j.CompteId, a.CreatedAt })
            .PaginerAsync(query.Page, query.PageSize, ct);
        var emails = await comptes.EmailsAsync(page.Items.Select(a => a.CompteId).ToArray(), ct);
        return new PageDe<AffectationDto>(page.Items.Select(a => new AffectationDto(a.Id, a.CandidatureId, a.JureId,
            emails.GetValueOrDefault(a.CompteId, ""), a.CreatedAt)).ToArray(), page.Page, page.PageSize, page.Total);
    }
}
