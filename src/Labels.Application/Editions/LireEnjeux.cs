using Labels.Application.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Editions;

public sealed record LireEnjeux(int Annee) : IQuery<IReadOnlyList<EnjeuDto>>;

public sealed class LireEnjeuxHandler(ILabelsDbContext db) : IQueryHandler<LireEnjeux, IReadOnlyList<EnjeuDto>>
{
    public async ValueTask<IReadOnlyList<EnjeuDto>> Handle(LireEnjeux query, CancellationToken ct) =>
        ReferentielDto.EnjeuxDe((await db.Editions.AsNoTracking().ChargerAsync(query.Annee, ct)).Referentiel);
}
