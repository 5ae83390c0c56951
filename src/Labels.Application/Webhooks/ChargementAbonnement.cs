using Labels.Application.Commun;
using Labels.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Webhooks;

public static class ChargementAbonnement
{
    /// <summary>A subscription by its id, or a 404.</summary>
    public static async Task<Abonnement> ChargerAsync(this DbSet<Abonnement> abonnements, Guid id, CancellationToken ct) =>
        await abonnements.FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException($"Abonnement {id} introuvable.");
}
