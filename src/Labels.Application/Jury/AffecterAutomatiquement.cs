using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Candidatures;
using Labels.Domain.Jury;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

/// <summary>Assigns every deposited dossier to N jurors, balanced and without conflict, replacing earlier assignments.</summary>
public sealed record AffecterAutomatiquement(int Annee, int JuresParDossier = 3) : ICommand<BilanAffectationDto>;

public sealed class AffecterAutomatiquementValidator : AbstractValidator<AffecterAutomatiquement>
{
    public AffecterAutomatiquementValidator() => RuleFor(x => x.JuresParDossier).InclusiveBetween(1, 20);
}

public sealed class AffecterAutomatiquementHandler(ILabelsDbContext db, Journal journal, TimeProvider horloge)
    : ICommandHandler<AffecterAutomatiquement, BilanAffectationDto>
{
    public async ValueTask<BilanAffectationDto> Handle(AffecterAutomatiquement command, CancellationToken ct)
    {
        var edition = await db.Editions.AsNoTracking().ChargerAsync(command.Annee, ct);
        edition.VerifierAffectationsOuvertes();
        Repartition.VerifierPossible(await db.Evaluations.AnyAsync(e => e.EditionAnnee == command.Annee, ct));
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
        return await BilanAffectation.CalculerAsync(db, command.Annee, ct);
    }
}
