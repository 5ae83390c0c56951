using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Commun;
using Labels.Domain.Jury;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

public sealed record PaireDto(Guid CandidatureId, Guid JureId);

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

public sealed class AffecterDossiersHandler(ILabelsDbContext db, Journal journal, TimeProvider horloge)
    : ICommandHandler<AffecterDossiers, BilanAffectationDto>
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
        return await BilanAffectation.CalculerAsync(db, command.Annee, ct);
    }
}
