using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Candidatures;
using Labels.Domain.Collectivites;
using Mediator;
using Microsoft.EntityFrameworkCore;
using static Labels.Application.Jury.ChiffresDeDeliberation;

namespace Labels.Application.Jury;

public sealed record CollectiviteResumeDto(Guid Id, string Nom, Categorie Categorie, string? Departement, string? Region);

public sealed record ScoreDto(Guid JureId, decimal Score);

public sealed record LigneDeliberationDto(
    Guid CandidatureId,
    CollectiviteResumeDto Collectivite,
    int NombreEvaluations,
    IReadOnlyList<ScoreDto> Scores,
    decimal? Moyenne,
    decimal? Mediane,
    decimal? EcartType,
    decimal? MoyenneNormalisee,
    bool Desaccord,
    string[] EnjeuxCouverts,
    int NombreEnjeux,
    int? ArobasesProposees,
    DecisionDto? Decision);

/// <summary>The figures of every deposited dossier, for the jury's meeting (admins only).</summary>
public sealed record LireDeliberation(int Annee, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<LigneDeliberationDto>>;

public sealed class LireDeliberationValidator : AbstractValidator<LireDeliberation>
{
    public LireDeliberationValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class LireDeliberationHandler(ILabelsDbContext db) : IQueryHandler<LireDeliberation, PageDe<LigneDeliberationDto>>
{
    public async ValueTask<PageDe<LigneDeliberationDto>> Handle(LireDeliberation query, CancellationToken ct)
    {
        var edition = await db.EditionEnDeliberationAsync(query.Annee, ct);
        var scores = await db.ScoresSoumisAsync(edition, ct);
        var (statistiques, _) = Domain.Jury.Deliberation.Calculer(scores);
        var scoresParDossier = scores.ToLookup(s => s.CandidatureId, s => new ScoreDto(s.JureId, Arrondi(s.Score)!.Value));
        var page = await (from c in db.Candidatures.AsNoTracking()
                          join col in db.Collectivites on c.CollectiviteId equals col.Id
                          where c.EditionAnnee == query.Annee && c.Statut == StatutCandidature.Deposee
                          orderby col.Nom, c.Id
                          select new
                          {
                              c.Id,
                              Collectivite = new CollectiviteResumeDto(col.Id, col.Nom, col.Categorie, col.Departement, col.Region),
                              Decision = db.Distinctions.Where(d => d.CandidatureId == c.Id)
                                  .Select(DecisionDto.Projection).FirstOrDefault(),
                          }).PaginerAsync(query.Page, query.PageSize, ct);
        var ids = page.Items.Select(i => i.Id).ToArray();
        var enjeux = (await db.Fiches.AsNoTracking().Where(f => ids.Contains(f.CandidatureId))
                .Select(f => new { f.CandidatureId, f.Enjeux }).ToListAsync(ct))
            .GroupBy(f => f.CandidatureId)
            .ToDictionary(g => g.Key, g => g.SelectMany(f => f.Enjeux).Distinct().Order(StringComparer.Ordinal).ToArray());
        var lignes = page.Items.Select(i =>
        {
            var s = statistiques.GetValueOrDefault(i.Id);
            return new LigneDeliberationDto(i.Id, i.Collectivite, s?.NombreEvaluations ?? 0,
                scoresParDossier[i.Id].OrderBy(x => x.JureId).ToArray(), Arrondi(s?.Moyenne), Arrondi(s?.Mediane),
                Arrondi(s?.EcartType), Arrondi(s?.MoyenneNormalisee), s?.Desaccord ?? false, enjeux.GetValueOrDefault(i.Id) ?? [],
                edition.Referentiel.Enjeux.Count, Proposition(edition, s), i.Decision);
        }).ToArray();
        return new PageDe<LigneDeliberationDto>(lignes, page.Page, page.PageSize, page.Total);
    }
}
