using Labels.Application.Commun;
using Labels.Domain.Palmares;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Editions;

public sealed record LireEdition(int Annee) : IQuery<EditionDto>;

public sealed class LireEditionHandler(ILabelsDbContext db, Acces acces) : IQueryHandler<LireEdition, EditionDto>
{
    public async ValueTask<EditionDto> Handle(LireEdition query, CancellationToken ct)
    {
        var edition = await db.Editions.AsNoTracking().ChargerAsync(query.Annee, ct);
        return EditionDto.De(edition, await db.VersionsPalmares.VisiblesPar(acces.Visibilite).AnyAsync(v => v.EditionAnnee == query.Annee, ct));
    }
}
