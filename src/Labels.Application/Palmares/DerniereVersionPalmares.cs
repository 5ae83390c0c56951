using Labels.Application.Commun;
using Labels.Domain.Palmares;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Palmares;

/// <summary>The number of the latest version of an édition's palmarès, if any: a cheap check before reloading a release.</summary>
public sealed record DerniereVersionPalmares(int Annee) : IQuery<int?>;

public sealed class DerniereVersionPalmaresHandler(ILabelsDbContext db) : IQueryHandler<DerniereVersionPalmares, int?>
{
    public async ValueTask<int?> Handle(DerniereVersionPalmares query, CancellationToken ct) =>
        await db.VersionsPalmares.Where(v => v.EditionAnnee == query.Annee).Dernieres().Select(v => (int?)v.Version).FirstOrDefaultAsync(ct);
}
