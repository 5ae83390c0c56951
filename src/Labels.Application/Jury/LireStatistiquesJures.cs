using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Jury;
using Mediator;
using Microsoft.EntityFrameworkCore;
using static Labels.Application.Jury.ChiffresDeDeliberation;

namespace Labels.Application.Jury;

/// <summary>One juror's figures; <see cref="Email"/> is their account's address, the only name an account has.</summary>
public sealed record StatistiquesJureDto(Guid JureId, Guid CompteId, string Email, QualiteJure Qualite, int Affectes, int Soumises, decimal? Moyenne,
    decimal? EcartType);

/// <summary>Per juror of the édition, their load and the spread of their scores, paged like every list.</summary>
public sealed record LireStatistiquesJures(int Annee, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<StatistiquesJureDto>>;

public sealed class LireStatistiquesJuresValidator : AbstractValidator<LireStatistiquesJures>
{
    public LireStatistiquesJuresValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class LireStatistiquesJuresHandler(ILabelsDbContext db, IComptes comptes)
    : IQueryHandler<LireStatistiquesJures, PageDe<StatistiquesJureDto>>
{
    public async ValueTask<PageDe<StatistiquesJureDto>> Handle(LireStatistiquesJures query, CancellationToken ct)
    {
        var edition = await db.EditionEnDeliberationAsync(query.Annee, ct);
        var (_, parJure) = Domain.Jury.Deliberation.Calculer(await db.ScoresSoumisAsync(edition, ct));
        var page = await db.Jures.AsNoTracking().Where(j => j.EditionAnnee == query.Annee).OrderBy(j => j.Id)
            .Select(j => new { j.Id, j.CompteId, j.Qualite, Affectes = db.Affectations.Count(a => a.JureId == j.Id) })
            .PaginerAsync(query.Page, query.PageSize, ct);
        var emails = await comptes.EmailsAsync(page.Items.Select(j => j.CompteId).ToArray(), ct);
        return new PageDe<StatistiquesJureDto>(page.Items.Select(j =>
        {
            var s = parJure.GetValueOrDefault(j.Id);
            return new StatistiquesJureDto(j.Id, j.CompteId, emails.GetValueOrDefault(j.CompteId, ""), j.Qualite, j.Affectes, s?.NombreSoumises ?? 0,
                Arrondi(s?.Moyenne), Arrondi(s?.EcartType));
        }).ToArray(), page.Page, page.PageSize, page.Total);
    }
}
