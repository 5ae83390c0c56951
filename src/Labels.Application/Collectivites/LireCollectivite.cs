using Labels.Application.Commun;
using Labels.Domain.Collectivites;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Collectivites;

/// <summary>A registered collectivité, by its UUID, its COG code or its SIREN.</summary>
public sealed record LireCollectivite(IdentifiantCollectivite Collectivite) : IQuery<CollectiviteDto>;

public sealed class LireCollectiviteHandler(ILabelsDbContext db) : IQueryHandler<LireCollectivite, CollectiviteDto>
{
    public async ValueTask<CollectiviteDto> Handle(LireCollectivite query, CancellationToken ct) =>
        await db.Collectivites.AsNoTracking().Designee(query.Collectivite).Select(CollectiviteDto.Projection).FirstOrDefaultAsync(ct)
        ?? throw Acces.CollectiviteIntrouvable();
}
