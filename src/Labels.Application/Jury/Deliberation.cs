using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Candidatures;
using Labels.Domain.Collectivites;
using Labels.Domain.Distinctions;
using Labels.Domain.Editions;
using Labels.Domain.Jury;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

public sealed record CollectiviteResumeDto(Guid Id, string Nom, Categorie Categorie, string? Departement, string? Region);

public sealed record DecisionDto(int Arobases, string[] Mentions, string? Justification, int? ArobasesProposees);

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

/// <summary>One juror's figures; <see cref="Email"/> is their account's address, the only name an account has.</summary>
public sealed record StatistiquesJureDto(Guid JureId, Guid CompteId, string Email, QualiteJure Qualite, int Affectes, int Soumises, decimal? Moyenne,
    decimal? EcartType);

/// <summary>The figures of every deposited dossier, for the jury's meeting (admins only).</summary>
public sealed record LireDeliberation(int Annee, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<LigneDeliberationDto>>;

public sealed class LireDeliberationValidator : AbstractValidator<LireDeliberation>
{
    public LireDeliberationValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

/// <summary>Per juror of the édition, their load and the spread of their scores, paged like every list.</summary>
public sealed record LireStatistiquesJures(int Annee, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<StatistiquesJureDto>>;

public sealed class LireStatistiquesJuresValidator : AbstractValidator<LireStatistiquesJures>
{
    public LireStatistiquesJuresValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

/// <summary>The jury's decision on one dossier.</summary>
public sealed record DeciderDistinction(Guid CandidatureId, int Arobases, string[]? Mentions, string? Justification) : ICommand<DecisionDto>, IAccesDossier
{
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Personnel;
}

public sealed class DeciderDistinctionValidator : AbstractValidator<DeciderDistinction>
{
    public DeciderDistinctionValidator()
    {
        RuleFor(x => x.Arobases).InclusiveBetween(Distinction.ArobasesMin, Distinction.ArobasesMax);
        RuleFor(x => x.Mentions).Must(m => m is null || m.Length <= 20).WithMessage("20 mentions au plus.");
        RuleForEach(x => x.Mentions).Must(Referentiel.EstCodeValide).WithMessage("Code de mention invalide.");
        RuleFor(x => x.Justification).MaximumLength(Distinction.LongueurMaxJustification);
    }
}

/// <summary>Turns every proposal into a decision where the jury has not decided yet.</summary>
public sealed record AccepterPropositions(int Annee) : ICommand<int>;

public sealed class DeliberationHandler(ILabelsDbContext db, IComptes comptes, Journal journal, TimeProvider horloge)
    : IQueryHandler<LireDeliberation, PageDe<LigneDeliberationDto>>,
      IQueryHandler<LireStatistiquesJures, PageDe<StatistiquesJureDto>>,
      ICommandHandler<DeciderDistinction, DecisionDto>,
      ICommandHandler<AccepterPropositions, int>
{
    public async ValueTask<PageDe<LigneDeliberationDto>> Handle(LireDeliberation query, CancellationToken ct)
    {
        var edition = await EditionEnDeliberationAsync(query.Annee, ct);
        var scores = await ScoresAsync(edition, ct);
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
                                  .Select(d => new DecisionDto(d.Arobases, d.Mentions, d.Justification, d.ArobasesProposees)).FirstOrDefault(),
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

    public async ValueTask<PageDe<StatistiquesJureDto>> Handle(LireStatistiquesJures query, CancellationToken ct)
    {
        var edition = await EditionEnDeliberationAsync(query.Annee, ct);
        var (_, parJure) = Domain.Jury.Deliberation.Calculer(await ScoresAsync(edition, ct));
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

    public async ValueTask<DecisionDto> Handle(DeciderDistinction command, CancellationToken ct)
    {
        var candidature = await db.Candidatures.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.CandidatureId, ct)
            ?? throw Acces.Introuvable();
        var edition = await db.Editions.AsNoTracking().ChargerAsync(candidature.EditionAnnee, ct);
        var scores = await ScoresAsync(edition, ct, candidature.Id);
        var proposees = Proposition(edition, Domain.Jury.Deliberation.Calculer(scores).Dossiers.GetValueOrDefault(candidature.Id));
        var mentions = command.Mentions ?? [];
        var maintenant = horloge.GetUtcNow();
        var distinction = await db.Distinctions.FirstOrDefaultAsync(d => d.CandidatureId == candidature.Id, ct);
        var avant = distinction is null ? null : new DecisionDto(distinction.Arobases, distinction.Mentions, distinction.Justification, distinction.ArobasesProposees);
        if (distinction is null)
        {
            distinction = Distinction.Decider(candidature, edition, command.Arobases, mentions, command.Justification, proposees, maintenant);
            db.Distinctions.Add(distinction);
        }
        else distinction.Reviser(edition, command.Arobases, mentions, command.Justification, proposees, maintenant);
        var apres = new DecisionDto(distinction.Arobases, distinction.Mentions, distinction.Justification, distinction.ArobasesProposees);
        // Public with the next release of the palmarès: version 1, or the correction after the latest.
        var prochaineVersion = 1 + (await db.VersionsPalmares.Where(v => v.EditionAnnee == candidature.EditionAnnee).MaxAsync(v => (int?)v.Version, ct) ?? 0);
        journal.Enregistrer("deliberation.decision", $"candidature:{candidature.Id}", new { avant, apres },
            resultats: (candidature.EditionAnnee, prochaineVersion));
        await db.SaveChangesAsync(ct);
        return apres;
    }

    public async ValueTask<int> Handle(AccepterPropositions command, CancellationToken ct)
    {
        var edition = await EditionEnDeliberationAsync(command.Annee, ct);
        var (statistiques, _) = Domain.Jury.Deliberation.Calculer(await ScoresAsync(edition, ct));
        var sansDecision = await db.Candidatures.AsNoTracking()
            .Where(c => c.EditionAnnee == command.Annee && c.Statut == StatutCandidature.Deposee && !db.Distinctions.Any(d => d.CandidatureId == c.Id))
            .ToListAsync(ct);
        var maintenant = horloge.GetUtcNow();
        var decisions = 0;
        foreach (var candidature in sansDecision)
        {
            if (Proposition(edition, statistiques.GetValueOrDefault(candidature.Id)) is not { } proposees) continue;
            db.Distinctions.Add(Distinction.Decider(candidature, edition, proposees, [], null, proposees, maintenant));
            decisions++;
        }
        journal.Enregistrer("deliberation.propositions-acceptees", $"edition:{edition.Annee}", new { decisions });
        await db.SaveChangesAsync(ct);
        return decisions;
    }

    private async Task<Edition> EditionEnDeliberationAsync(int annee, CancellationToken ct)
    {
        var edition = await db.Editions.AsNoTracking().ChargerAsync(annee, ct);
        edition.VerifierDeliberation();
        return edition;
    }

    /// <summary>The 0–100 score of every submitted evaluation of the édition (or of one dossier).</summary>
    private async Task<IReadOnlyList<ScoreSoumis>> ScoresAsync(Edition edition, CancellationToken ct, Guid? candidature = null)
    {
        var q = db.Evaluations.AsNoTracking().Where(e => e.EditionAnnee == edition.Annee && e.Soumise);
        if (candidature is { } id) q = q.Where(e => e.CandidatureId == id);
        var evaluations = await q.Select(e => new { e.CandidatureId, e.JureId, e.Notes }).ToListAsync(ct);
        return evaluations
            .Select(e => (e.CandidatureId, e.JureId, Score: edition.Grille.Score(e.Notes)))
            .Where(e => e.Score is not null)
            .Select(e => new ScoreSoumis(e.CandidatureId, e.JureId, e.Score!.Value)).ToArray();
    }

    private static int? Proposition(Edition edition, StatistiquesDossier? s) =>
        s?.Moyenne is { } moyenne ? edition.Grille.ArobasesPour(moyenne) : null;

    private static decimal? Arrondi(decimal? valeur) => valeur is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero) : null;
}
