using System.Collections.Concurrent;
using System.Threading.Channels;
using Labels.Application.Imports;
using Labels.Domain.Imports;
using Labels.Infrastructure.Persistance;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Labels.Infrastructure.Imports;

/// <summary>Asynchronous imports wait here and run one at a time, each in its own scope.</summary>
internal sealed class FileImports(IServiceScopeFactory scopes, ILogger<FileImports> journal) : BackgroundService, IFileImports
{
    private readonly Channel<(Guid Id, string Fichier)> _file = Channel.CreateUnbounded<(Guid, string)>();

    public ValueTask PlanifierAsync(Guid importId, string fichier, CancellationToken ct) => _file.Writer.WriteAsync((importId, fichier), ct);

    protected override async Task ExecuteAsync(CancellationToken arret)
    {
        await foreach (var (id, fichier) in _file.Reader.ReadAllAsync(arret))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ExecuterImport(id, fichier), arret);
            }
            catch (Exception e) when (e is not OperationCanceledException || !arret.IsCancellationRequested)
            {
                journal.LogWarning(e, "Import {Id} terminé en erreur.", id);
            }
            finally
            {
                File.Delete(fichier);
            }
        }
    }
}

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

internal static class ImportsInterrompus
{
    /// <summary>
    /// Runs still « en cours » whose transaction lock nobody holds belong to a process that is gone:
    /// their transaction rolled back, so they are marked interrupted (nothing was written).
    /// </summary>
    public static async Task MarquerAsync(LabelsDbContext db, TimeProvider horloge, CancellationToken ct)
    {
        var enCours = await db.Imports.Where(i => i.Statut == StatutImport.EnCours).ToListAsync(ct);
        if (enCours.Count == 0) return;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connexion = (NpgsqlConnection)db.Database.GetDbConnection();
            foreach (var import in enCours)
            {
                await using var essai = new NpgsqlCommand(
                    $"SELECT pg_try_advisory_lock({ChargeurImport.CleDeVerrou}, hashtext(@id))", connexion);
                essai.Parameters.AddWithValue("id", import.Id.ToString());
                if (await essai.ExecuteScalarAsync(ct) is not true) continue;
                import.Interrompre(horloge.GetUtcNow());
                await using var liberer = new NpgsqlCommand($"SELECT pg_advisory_unlock({ChargeurImport.CleDeVerrou}, hashtext(@id))", connexion);
                liberer.Parameters.AddWithValue("id", import.Id.ToString());
                await liberer.ExecuteNonQueryAsync(ct);
            }
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
