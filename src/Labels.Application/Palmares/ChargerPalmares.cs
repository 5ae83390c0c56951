using Labels.Application.Commun;
using Labels.Domain.Palmares;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Palmares;

/// <summary>
/// A release whole, as frozen (embargo not applied: the caller that serves it checks
/// <see cref="PalmaresDto.PublieLe"/> on every request, since an embargo lifts without a new version).
/// </summary>
public sealed record ChargerPalmares(int Annee, int? Version) : IQuery<PalmaresCharge?>;

/// <summary>
/// A release and the mentions of its édition's référentiel, code → name: its readers filter by the codes, the pages show the names.
/// </summary>
public sealed record PalmaresCharge(PalmaresDto Palmares, IReadOnlyDictionary<string, string> Mentions);

public sealed class ChargerPalmaresHandler(ILabelsDbContext db) : IQueryHandler<ChargerPalmares, PalmaresCharge?>
{
    public async ValueTask<PalmaresCharge?> Handle(ChargerPalmares query, CancellationToken ct)
    {
        var versions = db.VersionsPalmares.AsNoTracking().Where(v => v.EditionAnnee == query.Annee);
        versions = query.Version is { } n ? versions.Where(v => v.Version == n) : versions.Dernieres();
        var version = await versions.Select(v => new { v.Id, v.Version, v.PublieLe }).FirstOrDefaultAsync(ct);
        if (version is null) return null;
        var edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Annee == query.Annee, ct);
        var laureats = await db.Laureats.AsNoTracking().Where(l => l.PalmaresId == version.Id).OrderBy(l => l.Nom).ThenBy(l => l.CollectiviteId)
            .ToListAsync(ct);
        return new PalmaresCharge(new PalmaresDto(query.Annee, edition.Numero, version.PublieLe, version.Version, VersionPalmares.Licence,
            laureats.Select(LaureatDto.De).ToArray()), edition.Referentiel.Mentions.ToDictionary(m => m.Code, m => m.Nom, StringComparer.Ordinal));
    }
}
