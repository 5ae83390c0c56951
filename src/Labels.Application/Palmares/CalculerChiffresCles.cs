using Labels.Application.Commun;
using Labels.Domain.Collectivites;
using Labels.Domain.Palmares;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Palmares;

public sealed record CandidaturesChiffresDto(int Total, int Villes, int Villages, int Intercommunalites, int? Precedent, int? EvolutionPourcent);

public sealed record FichesChiffresDto(int Total, int? Precedent);

public sealed record MentionsChiffresDto(int Total, IReadOnlyDictionary<string, int> ParType);

public sealed record TenChiffresDto(int Nouveaux, int Total);

/// <summary>The key figures of docs/contrat.md, each compared with the previous édition.</summary>
public sealed record ChiffresClesDto(
    int Edition, int? EditionPrecedente, CandidaturesChiffresDto Candidatures, FichesChiffresDto FichesActions,
    IReadOnlyDictionary<string, int> Arobases, MentionsChiffresDto Mentions, TenChiffresDto TerritoiresExcellenceNumerique,
    int Enjeux, int Services, long PopulationRepresentee, DateTimeOffset PublieLe, int Version);

/// <summary>
/// Rule 8: computed from the published data of the édition and of the previous one, never stored by
/// hand. Percentages are rounded to the nearest integer (254 vs 219 → +16).
/// </summary>
public sealed record CalculerChiffresCles(int Annee) : IQuery<ChiffresClesDto?>;

public sealed class CalculerChiffresClesHandler(ILabelsDbContext db, TimeProvider horloge) : IQueryHandler<CalculerChiffresCles, ChiffresClesDto?>
{
    public async ValueTask<ChiffresClesDto?> Handle(CalculerChiffresCles query, CancellationToken ct)
    {
        var version = await db.VersionsPalmares.AsNoTracking().Dernieres().FirstOrDefaultAsync(v => v.EditionAnnee == query.Annee, ct);
        if (version is null) return null;
        // The other éditions as a reader of this release sees them (rule 7): now, or — for the staff reading it under
        // embargo — as they will be when it appears. Never an earlier édition's results before they are public.
        var maintenant = horloge.GetUtcNow();
        var dernieres = db.VersionsPalmares.AsNoTracking().VisiblesPar(Visibilite.Le(version.PublieLe > maintenant ? version.PublieLe : maintenant))
            .Dernieres();
        var edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Annee == query.Annee, ct);
        var laureats = await db.Laureats.AsNoTracking().Where(l => l.PalmaresId == version.Id).ToListAsync(ct);

        // The previous édition is the latest earlier one whose results are visible: an édition opened, unpublished or under
        // embargo is not named.
        var versionPrecedente = await dernieres.Where(v => v.EditionAnnee < query.Annee).OrderByDescending(v => v.EditionAnnee).FirstOrDefaultAsync(ct);
        var precedente = versionPrecedente?.EditionAnnee;
        int? candidaturesPrecedentes = versionPrecedente is null ? null : await db.Laureats.CountAsync(l => l.PalmaresId == versionPrecedente.Id, ct);
        int? fichesPrecedentes = versionPrecedente is null ? null : await FichesAsync(versionPrecedente, ct);

        var total = laureats.Count;
        int? evolution = candidaturesPrecedentes is > 0 and var p
            ? (int)Math.Round((total - p) * 100m / p, MidpointRounding.AwayFromZero)
            : null;

        var parType = edition.Referentiel.Mentions.ToDictionary(m => m.Code, _ => 0);
        foreach (var code in laureats.SelectMany(l => l.Mentions)) parType[code] = parType.GetValueOrDefault(code) + 1;

        var valables = await db.Laureats.AsNoTracking().Where(Laureat.TenValableEn(query.Annee))
            .Where(l => dernieres.Any(v => v.Id == l.PalmaresId && v.EditionAnnee <= query.Annee))
            .Select(l => l.CollectiviteId).Distinct().CountAsync(ct);

        return new ChiffresClesDto(
            query.Annee, precedente,
            new CandidaturesChiffresDto(total, laureats.Count(l => l.Categorie == Categorie.Ville), laureats.Count(l => l.Categorie == Categorie.Village),
                laureats.Count(l => l.Categorie == Categorie.Intercommunalite), candidaturesPrecedentes, evolution),
            new FichesChiffresDto(await FichesAsync(version, ct), fichesPrecedentes),
            Enumerable.Range(Domain.Distinctions.Distinction.ArobasesMin, Domain.Distinctions.Distinction.ArobasesMax).ToDictionary(a => a.ToString(System.Globalization.CultureInfo.InvariantCulture), a => laureats.Count(l => l.Arobases == a)),
            new MentionsChiffresDto(laureats.Sum(l => l.Mentions.Length), parType),
            new TenChiffresDto(laureats.Count(l => l.TenAttribueEn == query.Annee), valables),
            edition.Referentiel.Enjeux.Count, edition.Referentiel.NombreServices,
            await PopulationAsync(laureats, ct), version.PublieLe, version.Version);
    }

    /// <summary>The fiches actions of the laureates' dossiers in that édition.</summary>
    private Task<int> FichesAsync(VersionPalmares version, CancellationToken ct) =>
        db.Fiches.CountAsync(f => db.Candidatures.Any(c => c.Id == f.CandidatureId && c.EditionAnnee == version.EditionAnnee
            && db.Laureats.Any(l => l.PalmaresId == version.Id && l.CollectiviteId == c.CollectiviteId)), ct);

    /// <summary>
    /// The population of the distinct communes covered: participating communes and the member communes
    /// of participating EPCI, each counted once, with the communes référentiel's figures.
    /// </summary>
    private async Task<long> PopulationAsync(IReadOnlyCollection<Laureat> laureats, CancellationToken ct)
    {
        var communes = laureats.Where(l => l.CodeInsee != null).Select(l => l.CodeInsee!).ToHashSet();
        var sirens = laureats.Where(l => l.Type == TypeCollectivite.Intercommunalite).Select(l => l.Siren!).ToArray();
        foreach (var membres in await db.Epcis.AsNoTracking().Where(e => sirens.Contains(e.Siren)).Select(e => e.Communes).ToListAsync(ct))
            communes.UnionWith(membres);
        var codes = communes.ToArray();
        return await db.Communes.AsNoTracking().Where(c => codes.Contains(c.CodeInsee)).SumAsync(c => (long)(c.Population ?? 0), ct);
    }
}
