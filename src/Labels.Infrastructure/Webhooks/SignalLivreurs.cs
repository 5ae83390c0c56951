using Labels.Application.Webhooks;
using Labels.Infrastructure.Persistance;
using Microsoft.EntityFrameworkCore;

namespace Labels.Infrastructure.Webhooks;

/// <summary>
/// A PostgreSQL notification on <see cref="Canal"/>, in the use case's transaction: PostgreSQL delivers it at commit only, to
/// every instance's worker listening (<see cref="LivreurWebhooks"/>).
/// </summary>
internal sealed class SignalLivreurs(LabelsDbContext db) : ILivreurWebhooks
{
    public const string Canal = "labels_webhooks";

    public async Task SignalerAsync(CancellationToken ct) => await db.Database.ExecuteSqlRawAsync("NOTIFY " + Canal, ct);
}
