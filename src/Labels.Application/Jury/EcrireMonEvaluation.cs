using System.Text.Json;
using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Jury;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

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

public sealed class EcrireMonEvaluationHandler(ILabelsDbContext db, IUtilisateurCourant utilisateur, TimeProvider horloge)
    : ICommandHandler<EcrireMonEvaluation, EvaluationDto>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async ValueTask<EvaluationDto> Handle(EcrireMonEvaluation command, CancellationToken ct)
    {
        var affectation = await db.ChargerMonAffectationAsync(utilisateur, command.CandidatureId, ct);
        var edition = await db.Editions.AsNoTracking().ChargerAsync(affectation.EditionAnnee, ct);
        var maintenant = horloge.GetUtcNow();
        // Two writes of one evaluation are made one after the other, the second reading what the first wrote: with the same
        // ETag the second is then stale (412), with '*' it applies too, as RFC 9110 has it, and a second first write finds one.
        await db.VerrouillerAsync(affectation.Id, ct);
        // A closed evaluation is said first (409): no ETag would make the write possible, so asking for one (428, 412) misleads.
        edition.VerifierEvaluationOuverte();
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
        db.ChangementsEvaluation.Add(ChangementEvaluation.Enregistrer(evaluation, utilisateur.CompteDuJure(), avant,
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
}
