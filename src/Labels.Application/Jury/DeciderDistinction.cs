using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Distinctions;
using Labels.Domain.Editions;
using Labels.Domain.Palmares;
using Mediator;
using Microsoft.EntityFrameworkCore;
using static Labels.Application.Jury.ChiffresDeDeliberation;

namespace Labels.Application.Jury;

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

public sealed class DeciderDistinctionHandler(ILabelsDbContext db, Journal journal, TimeProvider horloge)
    : ICommandHandler<DeciderDistinction, DecisionDto>
{
    public async ValueTask<DecisionDto> Handle(DeciderDistinction command, CancellationToken ct)
    {
        var candidature = await db.Candidatures.AsNoTracking().FirstOrDefaultAsync(c => c.Id == command.CandidatureId, ct)
            ?? throw Acces.Introuvable();
        var edition = await db.Editions.AsNoTracking().ChargerAsync(candidature.EditionAnnee, ct);
        var scores = await db.ScoresSoumisAsync(edition, ct, candidature.Id);
        var proposees = Proposition(edition, Domain.Jury.Deliberation.Calculer(scores).Dossiers.GetValueOrDefault(candidature.Id));
        var mentions = command.Mentions ?? [];
        var maintenant = horloge.GetUtcNow();
        var distinction = await db.Distinctions.FirstOrDefaultAsync(d => d.CandidatureId == candidature.Id, ct);
        var avant = distinction is null ? null : DecisionDto.De(distinction);
        if (distinction is null)
        {
            distinction = Distinction.Decider(candidature, edition, command.Arobases, mentions, command.Justification, proposees, maintenant);
            db.Distinctions.Add(distinction);
        }
        else distinction.Reviser(edition, command.Arobases, mentions, command.Justification, proposees, maintenant);
        var apres = DecisionDto.De(distinction);
        // Public with the next release of the palmarès: version 1, or the correction after the latest.
        var prochaineVersion = await db.VersionsPalmares.Where(v => v.EditionAnnee == candidature.EditionAnnee).Dernieres()
            .Select(v => (int?)v.Version + 1).FirstOrDefaultAsync(ct) ?? VersionPalmares.Premiere;
        journal.Enregistrer("deliberation.decision", $"candidature:{candidature.Id}", new { avant, apres },
            resultats: (candidature.EditionAnnee, prochaineVersion));
        await db.SaveChangesAsync(ct);
        return apres;
    }
}
