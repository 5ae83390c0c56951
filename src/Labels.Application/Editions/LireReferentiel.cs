using Labels.Application.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Editions;

public sealed record LireReferentiel(int Annee) : IQuery<ReferentielDto>;

public sealed class LireReferentielHandler(ILabelsDbContext db) : IQueryHandler<LireReferentiel, ReferentielDto>
{
    public async ValueTask<ReferentielDto> Handle(LireReferentiel query, CancellationToken ct) =>
        ReferentielDto.De((await db.Editions.AsNoTracking().ChargerAsync(query.Annee, ct)).Referentiel);
}
