using Labels.Application.Commun;
using Labels.Application.Editions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Imports;

/// <summary>
/// Whether the édition takes an import now (<see cref="Domain.Editions.Edition.VerifierImportPossible"/>): asked before a large
/// body is spooled to disk for the queue, so that a file for an unknown or published édition is refused before it is read.
/// </summary>
public sealed record VerifierImportPossible(int Annee) : IQuery<Unit>;

public sealed class VerifierImportPossibleHandler(ILabelsDbContext db) : IQueryHandler<VerifierImportPossible, Unit>
{
    public async ValueTask<Unit> Handle(VerifierImportPossible query, CancellationToken ct)
    {
        (await db.Editions.AsNoTracking().ChargerAsync(query.Annee, ct)).VerifierImportPossible();
        return Unit.Value;
    }
}
