using System.Text.Json;
using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Collectivites;
using Labels.Domain.Jury;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

public sealed record EvaluationDto(
    Guid Id, Guid CandidatureId, IReadOnlyDictionary<string, decimal> Notes, string? Commentaire, bool Soumise,
    DateTimeOffset? SoumiseLe, int Version, DateTimeOffset UpdatedAt)
{
    /// <summary>The strong validator a client sends back in If-Match (sent as the ETag header, not in the body).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ETag => EtiquetteDe(Id, Version);

    public static string EtiquetteDe(Guid id, int version) => $"\"{id:N}-{version}\"";

    public static EvaluationDto De(Evaluation e) =>
        new(e.Id, e.CandidatureId, e.Notes, e.Commentaire, e.Soumise, e.SoumiseLe, e.Version, e.UpdatedAt);
}

public enum EtatEvaluation { AFaire, Brouillon, Soumise }

public sealed record DossierAssigneDto(
    Guid CandidatureId, Guid CollectiviteId, string Nom, Categorie Categorie, string? Departement, int NombreFiches,
    EtatEvaluation Evaluation, int? Version);

/// <summary>The dossiers assigned to the calling juror in one édition, with the state of their evaluations.</summary>
public sealed record ListerMesAffectations(int Annee, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<DossierAssigneDto>>;

public sealed class ListerMesAffectationsValidator : AbstractValidator<ListerMesAffectations>
{
    public ListerMesAffectationsValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed record LireMonEvaluation(Guid CandidatureId) : IQuery<EvaluationDto>, IAccesDossier
{
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.EvaluationDuJure;
}

/// <summary>
/// Writes the calling juror's scores on an assigned dossier. The first write needs no precondition;
/// later ones carry the ETag they read (If-Match), so two tabs or two devices never overwrite each other.
/// </summary>
public sealed record EcrireMonEvaluation(Guid CandidatureId, IReadOnlyDictionary<string, decimal>? Notes, string? Commentaire, bool Soumise,
    SiCorrespond? IfMatch) : ICommand<EvaluationDto>, IAccesDossier
{
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.EvaluationDuJure;
}

public sealed class EcrireMonEvaluationValidator : AbstractValidator<EcrireMonEvaluation>
{
    public EcrireMonEvaluationValidator()
    {
        RuleFor(x => x.Notes).NotNull().Must(n => n is null || n.Count <= 50).WithMessage("50 notes au plus.");
        RuleFor(x => x.Commentaire).MaximumLength(Evaluation.LongueurMaxCommentaire);
    }
}

public sealed record ChangementEvaluationDto(Guid Id, Guid EvaluationId, Guid JureId, Guid AuteurId, DateTimeOffset Instant,
    JsonElement? Avant, JsonElement Apres);

/// <summary>The audit trail of the evaluations of one dossier (admins only).</summary>
public sealed record LireHistoriqueEvaluations(Guid CandidatureId, int Page = 1, int PageSize = Pagination.TailleParDefaut)
    : IQuery<PageDe<ChangementEvaluationDto>>, IAccesDossier
{
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Personnel;
}

public sealed class LireHistoriqueEvaluationsValidator : AbstractValidator<LireHistoriqueEvaluations>
{
    public LireHistoriqueEvaluationsValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class EvaluationsHandler(ILabelsDbContext db, IUtilisateurCourant utilisateur, TimeProvider horloge)
    : IQueryHandler<ListerMesAffectations, PageDe<DossierAssigneDto>>,
      IQueryHandler<LireMonEvaluation, EvaluationDto>,
      ICommandHandler<EcrireMonEvaluation, EvaluationDto>,
      IQueryHandler<LireHistoriqueEvaluations, PageDe<ChangementEvaluationDto>>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private Guid CompteId => utilisateur.Id ?? throw new ForbiddenException("Réservé aux jurés.");

    public async ValueTask<PageDe<DossierAssigneDto>> Handle(ListerMesAffectations query, CancellationToken ct)
    {
        var compte = CompteId;
        var q = from a in db.Affectations.AsNoTracking()
                join j in db.Jures on a.JureId equals j.Id
                join c in db.Candidatures on a.CandidatureId equals c.Id
                join col in db.Collectivites on c.CollectiviteId equals col.Id
                where j.CompteId == compte && a.EditionAnnee == query.Annee
                let e = db.Evaluations.FirstOrDefault(e => e.CandidatureId == a.CandidatureId && e.JureId == a.JureId)
                orderby col.Nom, c.Id
                select new DossierAssigneDto(c.Id, col.Id, col.Nom, col.Categorie, col.Departement,
                    db.Fiches.Count(f => f.CandidatureId == c.Id),
                    e == null ? EtatEvaluation.AFaire : e.Soumise ? EtatEvaluation.Soumise : EtatEvaluation.Brouillon,
                    e == null ? null : e.Version);
        return await q.PaginerAsync(query.Page, query.PageSize, ct);
    }

    public async ValueTask<EvaluationDto> Handle(LireMonEvaluation query, CancellationToken ct)
    {
        var affectation = await ChargerMonAffectationAsync(query.CandidatureId, ct);
        var evaluation = await db.Evaluations.AsNoTracking()
            .FirstOrDefaultAsync(e => e.CandidatureId == affectation.CandidatureId && e.JureId == affectation.JureId, ct)
            ?? throw new NotFoundException("Pas encore d'évaluation de ce dossier : la première écriture la crée.");
        return EvaluationDto.De(evaluation);
    }

    public async ValueTask<EvaluationDto> Handle(EcrireMonEvaluation command, CancellationToken ct)
    {
        var affectation = await ChargerMonAffectationAsync(command.CandidatureId, ct);
        var edition = await db.Editions.AsNoTracking().ChargerAsync(affectation.EditionAnnee, ct);
        var maintenant = horloge.GetUtcNow();
        // Two writes of one evaluation are made one after the other, the second reading what the first wrote: with the same
        // ETag the second is then stale (412), with '*' it applies too, as RFC 9110 has it, and a second first write finds one.
        await db.VerrouillerAsync(affectation.Id, ct);
        var evaluation = await db.Evaluations
            .FirstOrDefaultAsync(e => e.CandidatureId == affectation.CandidatureId && e.JureId == affectation.JureId, ct);
        string? avant = null;
        if (evaluation is null)
        {
            if (command.IfMatch is not null)
                throw new PreconditionFailedException("Aucune évaluation n'existe encore : la première écriture se fait sans If-Match.");
            evaluation = Evaluation.Commencer(edition, affectation, maintenant);
            db.Evaluations.Add(evaluation);
        }
        else
        {
            if (command.IfMatch is null)
                throw new PreconditionRequiredException("Cette évaluation existe : renvoyez son ETag dans If-Match.");
            if (!command.IfMatch.Accepte(EvaluationDto.EtiquetteDe(evaluation.Id, evaluation.Version)))
                throw new PreconditionFailedException("L'évaluation a changé depuis votre lecture : relisez-la.");
            avant = JsonSerializer.Serialize(evaluation.Etat(), Json);
        }
        evaluation.Ecrire(edition, command.Notes ?? new Dictionary<string, decimal>(), command.Commentaire, command.Soumise, maintenant);
        db.ChangementsEvaluation.Add(ChangementEvaluation.Enregistrer(evaluation, CompteId, avant,
            JsonSerializer.Serialize(evaluation.Etat(), Json), maintenant));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or UniciteException)
        {
            // Another write of the same evaluation won the race (same If-Match, or two first writes).
            throw new PreconditionFailedException("L'évaluation a changé pendant votre écriture : relisez-la.");
        }
        return EvaluationDto.De(evaluation);
    }

    public async ValueTask<PageDe<ChangementEvaluationDto>> Handle(LireHistoriqueEvaluations query, CancellationToken ct)
    {
        var page = await db.ChangementsEvaluation.AsNoTracking().Where(c => c.CandidatureId == query.CandidatureId)
            .OrderBy(c => c.Instant).ThenBy(c => c.Id).PaginerAsync(query.Page, query.PageSize, ct);
        return new PageDe<ChangementEvaluationDto>(page.Items.Select(c => new ChangementEvaluationDto(c.Id, c.EvaluationId, c.JureId, c.AuteurId,
            c.Instant, c.Avant is null ? null : JsonDocument.Parse(c.Avant).RootElement, JsonDocument.Parse(c.Apres).RootElement)).ToArray(),
            page.Page, page.PageSize, page.Total);
    }

    /// <summary>
    /// The calling juror's assignment to that dossier, which the pipeline found (<see cref="Acces"/>); absent only when an
    /// automatic assignment replaced it since.
    /// </summary>
    private async Task<Affectation> ChargerMonAffectationAsync(Guid candidatureId, CancellationToken ct)
    {
        var compte = CompteId;
        return await db.Affectations.AsNoTracking()
            .Where(a => a.CandidatureId == candidatureId && db.Jures.Any(j => j.Id == a.JureId && j.CompteId == compte))
            .FirstOrDefaultAsync(ct)
            ?? throw Acces.PasAffecte();
    }
}
