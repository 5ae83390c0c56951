using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Candidatures;
using Labels.Domain.Commun;
using Labels.Domain.Jury;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

public sealed record PaireDto(Guid CandidatureId, Guid JureId);

/// <summary>One dossier assigned to one juror, named by their account's e-mail address (accounts have no other name).</summary>
public sealed record AffectationDto(Guid Id, Guid CandidatureId, Guid JureId, string JureEmail, DateTimeOffset CreatedAt);

public sealed record BilanAffectationDto(int Dossiers, int Jures, int Affectations, int ChargeMin, int ChargeMax);

/// <summary>Assigns a batch of dossiers to jurors: all or nothing; a conflicted pair refuses the whole batch.</summary>
public sealed record AffecterDossiers(int Annee, IReadOnlyList<PaireDto> Affectations) : ICommand<BilanAffectationDto>;

public sealed class AffecterDossiersValidator : AbstractValidator<AffecterDossiers>
{
    public const int NombreMax = 5_000;

    public AffecterDossiersValidator()
    {
        RuleFor(x => x.Affectations).NotEmpty().Must(a => a is null || a.Count <= NombreMax)
            .WithMessage($"De 1 à {NombreMax} affectations par lot.");
        RuleForEach(x => x.Affectations).Must(p => p is not null && p.CandidatureId != Guid.Empty && p.JureId != Guid.Empty)
            .WithMessage("candidatureId et jureId sont requis.");
    }
}

/// <summary>Assigns every deposited dossier to N jurors, balanced and without conflict, replacing earlier assignments.</summary>
public sealed record AffecterAutomatiquement(int Annee, int JuresParDossier = 3) : ICommand<BilanAffectationDto>;

public sealed class AffecterAutomatiquementValidator : AbstractValidator<AffecterAutomatiquement>
{
    public AffecterAutomatiquementValidator() => RuleFor(x => x.JuresParDossier).InclusiveBetween(1, 20);
}

public sealed record ListerAffectations(int Annee, Guid? JureId, Guid? CandidatureId, int Page = 1, int PageSize = Pagination.TailleParDefaut)
    : IQuery<PageDe<AffectationDto>>;

public sealed class ListerAffectationsValidator : AbstractValidator<ListerAffectations>
{
    public ListerAffectationsValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class AffectationsHandler(ILabelsDbContext db, IComptes comptes, Journal journal, TimeProvider horloge)
    : ICommandHandler<AffecterDossiers, BilanAffectationDto>,
      ICommandHandler<AffecterAutomatiquement, BilanAffectationDto>,
      IQueryHandler<ListerAffectations, PageDe<AffectationDto>>
{
    public async ValueTask<BilanAffectationDto> Handle(AffecterDossiers command, CancellationToken ct)
    {
        var edition = await db.Editions.AsNoTracking().ChargerAsync(command.Annee, ct);
        edition.VerifierAffectationsOuvertes();
        var idsCandidatures = command.Affectations.Select(a => a.CandidatureId).Distinct().ToArray();
        var idsJures = command.Affectations.Select(a => a.JureId).Distinct().ToArray();
        var candidatures = await db.Candidatures.AsNoTracking()
            .Where(c => idsCandidatures.Contains(c.Id) && c.EditionAnnee == command.Annee).ToDictionaryAsync(c => c.Id, ct);
        var jures = await db.Jures.AsNoTracking().Where(j => idsJures.Contains(j.Id) && j.EditionAnnee == command.Annee).ToDictionaryAsync(j => j.Id, ct);
        if (idsCandidatures.FirstOrDefault(id => !candidatures.ContainsKey(id)) is var c && c != Guid.Empty)
            throw new DonneeInacceptableException("affectations", $"Dossier inconnu dans l'édition {command.Annee} : {c}.");
        if (idsJures.FirstOrDefault(id => !jures.ContainsKey(id)) is var j && j != Guid.Empty)
            throw new DonneeInacceptableException("affectations", $"Juré inconnu dans l'édition {command.Annee} : {j}.");

        var profils = await ProfilsTerritoriaux.ChargerAsync(db, candidatures.Values.Select(x => x.CollectiviteId).Distinct().ToArray(), ct);
        var existantes = (await db.Affectations.AsNoTracking().Where(a => idsCandidatures.Contains(a.CandidatureId))
            .Select(a => new { a.CandidatureId, a.JureId }).ToListAsync(ct)).Select(a => (a.CandidatureId, a.JureId)).ToHashSet();
        var maintenant = horloge.GetUtcNow();
        var nouvelles = 0;
        foreach (var paire in command.Affectations.DistinctBy(p => (p.CandidatureId, p.JureId)))
        {
            if (existantes.Contains((paire.CandidatureId, paire.JureId))) continue; // re-sending a batch changes nothing
            var candidature = candidatures[paire.CandidatureId];
            db.Affectations.Add(Affectation.Creer(edition, candidature, jures[paire.JureId], profils[candidature.CollectiviteId], maintenant));
            nouvelles++;
        }
        journal.Enregistrer("jury.affectations", $"edition:{edition.Annee}", new { nouvelles });
        await db.SaveChangesAsync(ct);
        return await BilanAsync(command.Annee, ct);
    }

    public async ValueTask<BilanAffectationDto> Handle(AffecterAutomatiquement command, CancellationToken ct)
    {
        var edition = await db.Editions.AsNoTracking().ChargerAsync(command.Annee, ct);
        edition.VerifierAffectationsOuvertes();
        if (await db.Evaluations.AnyAsync(e => e.EditionAnnee == command.Annee, ct))
            throw new DomainException("Des évaluations sont commencées : la répartition automatique ne remplace plus les affectations.");
        var candidatures = await db.Candidatures.AsNoTracking()
            .Where(c => c.EditionAnnee == command.Annee && c.Statut == StatutCandidature.Deposee).ToDictionaryAsync(c => c.Id, ct);
        var jures = await db.Jures.AsNoTracking().Where(j => j.EditionAnnee == command.Annee).ToDictionaryAsync(j => j.Id, ct);
        var profils = await ProfilsTerritoriaux.ChargerAsync(db, candidatures.Values.Select(c => c.CollectiviteId).Distinct().ToArray(), ct);

        var paires = Repartition.Calculer(candidatures.Keys, jures.Keys, command.JuresParDossier,
            (dossier, jure) => jures[jure].ConflitAvec(profils[candidatures[dossier].CollectiviteId]) is null);
        await db.Affectations.Where(a => a.EditionAnnee == command.Annee).ExecuteDeleteAsync(ct);
        var maintenant = horloge.GetUtcNow();
        foreach (var (dossier, jure) in paires)
        {
            var candidature = candidatures[dossier];
            db.Affectations.Add(Affectation.Creer(edition, candidature, jures[jure], profils[candidature.CollectiviteId], maintenant));
        }
        journal.Enregistrer("jury.affectations.auto", $"edition:{edition.Annee}", new { command.JuresParDossier, affectations = paires.Count });
        await db.SaveChangesAsync(ct);
        return await BilanAsync(command.Annee, ct);
    }

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

    private async Task<BilanAffectationDto> BilanAsync(int annee, CancellationToken ct)
    {
        var charges = await db.Jures.AsNoTracking().Where(j => j.EditionAnnee == annee)
            .Select(j => db.Affectations.Count(a => a.JureId == j.Id)).ToListAsync(ct);
        var dossiers = await db.Affectations.AsNoTracking().Where(a => a.EditionAnnee == annee).Select(a => a.CandidatureId).Distinct().CountAsync(ct);
        return new BilanAffectationDto(dossiers, charges.Count, charges.Sum(), charges.DefaultIfEmpty().Min(), charges.DefaultIfEmpty().Max());
    }
}
