using Labels.Application.Commun;
using Labels.Application.Editions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

/// <summary>The grid the jurors score with: theirs to read, as the criteria their notes are keyed by.</summary>
public sealed record LireGrille(int Annee) : IQuery<GrilleDto>, ILectureDuJury;

public sealed class LireGrilleHandler(ILabelsDbContext db) : IQueryHandler<LireGrille, GrilleDto>
{
    public async ValueTask<GrilleDto> Handle(LireGrille query, CancellationToken ct) =>
        GrilleDto.De((await db.Editions.AsNoTracking().ChargerAsync(query.Annee, ct)).Grille);
}
