using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Labels.Api.Erreurs;
using Labels.Api.Securite;
using Labels.Application.Commun;
using Labels.Infrastructure.Persistance;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.OpenApi;

namespace Labels.Api;

/// <summary>Ready means: the database answers and holds every migration of this build.</summary>
internal sealed class MigrationsAppliquees(LabelsDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var enAttente = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        return enAttente.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{enAttente.Count} migration(s) en attente.");
    }
}
