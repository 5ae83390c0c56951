using System.Collections.Concurrent;
using Labels.Application.Imports;
using Labels.Domain.Imports;
using Labels.Infrastructure.Persistance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// Rows read by running imports. In memory for this instance, and written to the run's record
/// every few seconds, so any instance can show progress.
/// </summary>
internal sealed class ProgressionImports(IServiceScopeFactory scopes, TimeProvider horloge) : IProgressionImports
{
    private static readonly TimeSpan Intervalle = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<Guid, (int Lues, DateTimeOffset Ecrit)> _etats = new();

    public IProgress<int> Pour(Guid importId) => new Rapporteur(this, importId);
    public int? Lues(Guid importId) => _etats.TryGetValue(importId, out var e) ? e.Lues : null;
    public void Oublier(Guid importId) => _etats.TryRemove(importId, out _);

    private void Signaler(Guid id, int lues)
    {
        var maintenant = horloge.GetUtcNow();
        var precedent = _etats.GetValueOrDefault(id);
        var ecrire = maintenant - precedent.Ecrit >= Intervalle;
        _etats[id] = (lues, ecrire ? maintenant : precedent.Ecrit);
        if (ecrire) _ = EcrireAsync(id, lues);
    }

    private async Task EcrireAsync(Guid id, int lues)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<LabelsDbContext>().Imports
                .Where(i => i.Id == id && i.Statut == StatutImport.EnCours)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.LignesLues, lues));
        }
        catch (Exception e) when (e is DbUpdateException or NpgsqlException or InvalidOperationException)
        {
            // Progress is informative: a failed write is simply superseded by the next one.
        }
    }

    private sealed class Rapporteur(ProgressionImports parent, Guid id) : IProgress<int>
    {
        public void Report(int value) => parent.Signaler(id, value);
    }
}
