using Labels.Application.Commun;
using Labels.Domain.Candidatures;
using Labels.Domain.Distinctions;
using Mediator;
using Microsoft.EntityFrameworkCore;
using static Labels.Application.Jury.ChiffresDeDeliberation;

namespace Labels.Application.Jury;

/// <summary>Turns every proposal into a decision where the jury has not decided yet.</summary>
public sealed record AccepterPropositions(int Annee) : ICommand<int>;

public sealed class AccepterPropositionsHandler(ILabelsDbContext db, Journal journal, TimeProvider horloge) : ICommandHandler<AccepterPropositions, int>
{
    public async ValueTask<int> Handle(AccepterPropositions command, CancellationToken ct)
    {
        var edition = await db.EditionEnDeliberationAsync(command.Annee, ct);
        var (statistiques, _) = Domain.Jury.Deliberation.Calculer(await db.ScoresSoumisAsync(edition, ct));
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
}
