using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Candidatures;
using Labels.Domain.Editions;
using Labels.Domain.Palmares;
using Labels.Domain.Webhooks;
using Labels.Application.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Palmares;

/// <summary>
/// Freezes the palmarès of an édition into a release (version 1), or — for a published édition
/// whose decisions were corrected — into the next version with its change log.
/// </summary>
public sealed record PublierPalmares(int Annee, DateTimeOffset? PublieLe) : ICommand<VersionPalmaresDto>;

public sealed class PublierPalmaresValidator : AbstractValidator<PublierPalmares>
{
    public PublierPalmaresValidator() =>
        RuleFor(x => x.PublieLe).Must(d => d is null || (d.Value.Year >= Edition.PremiereAnnee && d.Value.Year <= Edition.DerniereAnnee))
            .WithMessage("publieLe est un instant plausible (ISO 8601).");
}

public sealed class PublierPalmaresHandler(ILabelsDbContext db, Journal journal, TimeProvider horloge, IPalmaresPublies publies,
    ICatalogueFiches catalogue, ILivreurWebhooks livreur)
    : ICommandHandler<PublierPalmares, VersionPalmaresDto>
{
    public async ValueTask<VersionPalmaresDto> Handle(PublierPalmares command, CancellationToken ct)
    {
        var maintenant = horloge.GetUtcNow();
        var edition = await db.Editions.ChargerAsync(command.Annee, ct);
        var precedent = await db.VersionsPalmares.Include(v => v.Laureats)
            .Where(v => v.EditionAnnee == command.Annee).Dernieres().FirstOrDefaultAsync(ct);

        // Laureates: every deposited dossier with its decision; for an archived édition, every dossier carrying a distinction.
        var dossiers = await (from c in db.Candidatures
                              join col in db.Collectivites on c.CollectiviteId equals col.Id
                              join d in db.Distinctions on c.Id equals d.CandidatureId into ds
                              from d in ds.DefaultIfEmpty()
                              where c.EditionAnnee == command.Annee && (c.Statut == StatutCandidature.Deposee || (edition.Historique && d != null))
                              select new { Collectivite = col, Distinction = d }).ToListAsync(ct);
        var statutAvant = edition.Statut;
        if (edition.Statut != StatutEdition.Publiee)
        {
            var anterieures = await db.Editions.Where(e => e.Annee < command.Annee && e.Statut != StatutEdition.Publiee)
                .Select(e => e.Annee).ToListAsync(ct);
            var posterieure = await db.Editions.Where(e => e.Annee > command.Annee && e.Statut == StatutEdition.Publiee)
                .OrderBy(e => e.Annee).Select(e => (int?)e.Annee).FirstOrDefaultAsync(ct);
            edition.Publier(dossiers.Count(x => x.Distinction is null), anterieures, posterieure);
        }
        var decides = dossiers.Where(x => x.Distinction is not null).ToList();

        // TEN and the order of visibility read the earlier éditions as they will be seen when this release appears.
        var instant = VersionPalmares.InstantDePublication(precedent, command.PublieLe, maintenant);
        var anterieuresVisiblesLe = await db.VersionsPalmares.Where(v => v.EditionAnnee < command.Annee && v.Version == VersionPalmares.Premiere)
            .MaxAsync(v => (DateTimeOffset?)v.PublieLe, ct);
        var historique = await HistoriqueAsync(command.Annee, decides.Select(x => x.Collectivite.Id).ToArray(), Visibilite.Le(instant), ct);
        var titres = ExcellenceNumerique.Calculer(command.Annee, edition.ParametresTen,
            decides.ToDictionary(x => x.Collectivite.Id, x => x.Distinction!.Arobases), historique);
        var laureats = decides.Select(x => Laureat.Figer(x.Collectivite, x.Distinction!.Arobases, x.Distinction.Mentions, titres[x.Collectivite.Id]))
            .ToList();
        var version = VersionPalmares.Publier(edition, laureats, precedent, command.PublieLe, anterieuresVisiblesLe, maintenant);
        db.VersionsPalmares.Add(version);
        // In this transaction, sent from the release's instant on: a rollback sends nothing, an embargo holds the events too.
        db.Evenements.AddRange(Evenement.ReleaseVisible(version, edition, statutAvant, maintenant));
        await catalogue.IndexerAsync(command.Annee, ct);
        journal.Enregistrer("palmares.publication", $"edition:{edition.Annee}",
            new { version = version.Version, publieLe = version.PublieLe, laureats = laureats.Count, changements = version.Changements.Count },
            resultats: (edition.Annee, version.Version));
        await db.SaveChangesAsync(ct);
        publies.Invalider(command.Annee);
        await livreur.SignalerAsync(ct);
        return VersionPalmaresDto.De(version, laureats.Count);
    }

    /// <summary>
    /// From the latest version of every earlier palmarès visible when this release appears: results become visible in the
    /// order of the éditions (the domain refuses an earlier instant), so this is the whole history, and nothing a reader of
    /// this release could not read too.
    /// </summary>
    private async Task<Dictionary<Guid, HistoriqueExcellence>> HistoriqueAsync(int annee, Guid[] collectivites, Visibilite visibilite,
        CancellationToken ct)
    {
        var dernieres = db.VersionsPalmares.VisiblesPar(visibilite).Dernieres().Where(v => v.EditionAnnee < annee);
        var passe = await db.Laureats.AsNoTracking()
            .Where(l => collectivites.Contains(l.CollectiviteId) && dernieres.Any(v => v.Id == l.PalmaresId))
            .Select(l => new { l.CollectiviteId, l.Arobases, l.TenAttribueEn, l.TenValableJusquEn }).ToListAsync(ct);
        return passe.GroupBy(l => l.CollectiviteId).ToDictionary(g => g.Key, g => new HistoriqueExcellence(
            g.Count(l => l.Arobases == Domain.Distinctions.Distinction.ArobasesMax),
            g.Where(l => l.TenAttribueEn != null).Select(l => new TitreTen(l.TenAttribueEn!.Value, l.TenValableJusquEn!.Value)).Distinct().ToArray()));
    }
}
