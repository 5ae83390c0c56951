using Labels.Application.Commun;
using Labels.Domain.Palmares;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Palmares;

/// <summary>
/// A release whole, as frozen (embargo not applied: the caller that serves it checks
/// <see cref="PalmaresDto.PublieLe"/> on every request, since an embargo lifts without a new version).
/// </summary>
public sealed record ChargerPalmares(int Annee, int? Version) : IQuery<PalmaresDto?>;

public sealed class ChargerPalmaresHandler(ILabelsDbContext db) : IQueryHandler<ChargerPalmares, PalmaresDto?>
{
    public async ValueTask<PalmaresDto?> Handle(ChargerPalmares query, CancellationToken ct)
    {
        var versions = db.VersionsPalmares.AsNoTracking().Where(v => v.EditionAnnee == query.Annee);
        versions = query.Version is { } n ? versions.Where(v => v.Version == n) : versions.Dernieres();
        var version = await versions.Select(v => new { v.Id, v.Version, v.PublieLe }).FirstOrDefaultAsync(ct);
        if (version is null) return null;
        var numero = await db.Editions.Where(e => e.Annee == query.Annee).Select(e => e.Numero).FirstAsync(ct);
        var laureats = await db.Laureats.AsNoTracking().Where(l => l.PalmaresId == version.Id).OrderBy(l => l.Nom).ThenBy(l => l.CollectiviteId)
            .ToListAsync(ct);
        return new PalmaresDto(query.Annee, numero, version.PublieLe, version.Version, VersionPalmares.Licence,
            laureats.Select(LaureatDto.De).ToArray());
    }
}
