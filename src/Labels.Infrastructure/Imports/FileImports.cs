using Labels.Application.Imports;
using Labels.Domain.Imports;
using Labels.Infrastructure.Persistance;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// Runs the queued imports, one at a time on this instance, whichever instance accepted them: the run records are the queue
/// (<see cref="StatutImport.EnAttente"/>), claimed with <c>FOR UPDATE SKIP LOCKED</c> so that no two instances take the same.
/// It also looks after the queue, at start-up and every <see cref="OptionsImports.Intervalle"/>: a run whose instance is gone
/// (<see cref="ProprieteImports"/>) is marked interrupted and its file removed; a waiting run whose file is lost is given up;
/// stray files are removed. An instance with <see cref="OptionsImports.Executer"/> off does none of it.
/// </summary>
internal sealed class FileImports(IServiceScopeFactory scopes, IOptions<OptionsImports> options, InstanceImports instance,
    IProgressionImports progressions, TimeProvider horloge, ILogger<FileImports> journal) : BackgroundService, IFileImports
{
    /// <summary>
    /// How long a waiting run's file may be missing before the run is given up (the folder may be slow to show a file written by
    /// another instance), and how old a file no waiting or running import names must be before it is removed (one being written
    /// by an upload is newer).
    /// </summary>
    private static readonly TimeSpan DelaiDesFichiers = TimeSpan.FromHours(1);

    private readonly Reveil _reveil = new();
    private readonly OptionsImports _options = options.Value;
    private DateTimeOffset _prochainMenage = DateTimeOffset.MinValue;

    public void Signaler() => _reveil.Signaler();

    protected override async Task ExecuteAsync(CancellationToken arret)
    {
        if (!_options.Executer) return;
        journal.LogInformation("Imports : l'instance {Instance} exécute la file, fichiers dans {Dossier}.", instance.Id, _options.DossierEffectif);
        while (!arret.IsCancellationRequested)
        {
            try
            {
                do await ReleverAsync(arret);
                while (await ExecuterLeSuivantAsync(arret));
            }
            catch (Exception e) when (!arret.IsCancellationRequested)
            {
                // The database unavailable, say: the queue is looked at again at the next turn.
                journal.LogWarning(e, "File des imports : {Message}", e.Message);
            }
            if (!await _reveil.AttendreAsync(_options.Intervalle, arret)) return;
        }
    }

    private string Chemin(string fichier) => Path.Combine(_options.DossierEffectif, fichier);

    /// <summary>Claims the first waiting run whose file is here and runs it; false when there is none.</summary>
    private async Task<bool> ExecuterLeSuivantAsync(CancellationToken arret)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LabelsDbContext>();
        // One connection from the claim to the outcome: it holds the run's lock, and runs its transaction.
        await db.Database.OpenConnectionAsync(arret);
        Import? import = null;
        try
        {
            import = await ReclamerAsync(db, arret);
            if (import is null) return false;
            var chemin = Chemin(import.Fichier!);
            try
            {
                await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ExecuterImport(import.Id, chemin), arret);
            }
            catch (Exception) when (arret.IsCancellationRequested)
            {
                // Stopped with this instance, its transaction rolled back: it waits again, file kept, for the next start or another instance.
                await RemettreAsync(db, import.Id);
                throw;
            }
            catch (Exception e)
            {
                // Its outcome (refused, failed) is recorded by the run itself.
                journal.LogWarning(e, "Import {Id} terminé en erreur.", import.Id);
            }
            SupprimerFichier(chemin);
            return true;
        }
        finally
        {
            if (import is not null) await ProprieteImports.LibererAsync(db, import.Id);
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Import?> ReclamerAsync(LabelsDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Rows another instance is claiming are skipped, not waited for; a claimed one is no longer « en attente » for the next.
        var enAttente = await db.Imports.FromSql($"""
            SELECT * FROM imports WHERE statut = {nameof(StatutImport.EnAttente)} ORDER BY demarre_le, id LIMIT 50 FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        foreach (var import in enAttente)
        {
            // Not here: lost (given up in time by ReleverAsync), or in another instance's folder if they do not share one.
            if (!File.Exists(Chemin(import.Fichier!))) continue;
            if (!await ProprieteImports.EssayerAsync(db, import.Id, ct)) continue;
            try
            {
                import.Prendre(instance.Id);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return import;
            }
            catch
            {
                await ProprieteImports.LibererAsync(db, import.Id);
                throw;
            }
        }
        await transaction.CommitAsync(ct);
        return null;
    }

    private async Task RemettreAsync(LabelsDbContext db, Guid id)
    {
        try
        {
            db.ChangeTracker.Clear();
            var import = await db.Imports.FirstAsync(i => i.Id == id, CancellationToken.None);
            if (import.Statut != StatutImport.EnCours) return;
            import.Remettre();
            await db.SaveChangesAsync(CancellationToken.None);
            progressions.Oublier(id);
            journal.LogInformation("Import {Id} remis en attente : l'instance s'arrête.", id);
        }
        catch (Exception e) when (e is DbUpdateException or NpgsqlException or InvalidOperationException)
        {
            // Its lock goes with this instance's connection: another instance will find it interrupted.
            journal.LogWarning(e, "Import {Id} : impossible de le remettre en attente.", id);
        }
    }

    private async Task ReleverAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LabelsDbContext>();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await InterrompreLesOrphelinsAsync(db, ct);
            await AbandonnerAsync(db, ct);
            if (horloge.GetUtcNow() >= _prochainMenage)
            {
                await MenageAsync(db, ct);
                _prochainMenage = horloge.GetUtcNow() + DelaiDesFichiers;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Runs « en cours » whose lock nobody holds: their instance is gone, and its transaction with its connection. One whose
    /// lock is held is alive, on whichever instance: it is left alone.
    /// </summary>
    private async Task InterrompreLesOrphelinsAsync(LabelsDbContext db, CancellationToken ct)
    {
        var enCours = await db.Imports.AsNoTracking().Where(i => i.Statut == StatutImport.EnCours).Select(i => i.Id).ToListAsync(ct);
        foreach (var id in enCours)
        {
            if (!await ProprieteImports.EssayerAsync(db, id, ct)) continue;
            try
            {
                // Read again under the lock: a run that ended meanwhile wrote its outcome before letting go of it.
                var import = await db.Imports.FirstAsync(i => i.Id == id, ct);
                var raison = "L'instance qui exécutait cet import s'est arrêtée avant sa fin : rien n'a été écrit ; relancez l'import.";
                if (!import.Interrompre(RapportImport.Interruption(raison).EnJson(), horloge.GetUtcNow())) continue;
                await db.SaveChangesAsync(ct);
                journal.LogWarning("Import {Id} interrompu : son instance {Instance} s'est arrêtée avant sa fin.", id, import.Instance);
                if (import.Fichier is { } fichier) SupprimerFichier(Chemin(fichier));
            }
            finally
            {
                db.ChangeTracker.Clear();
                await ProprieteImports.LibererAsync(db, id);
            }
        }
    }

    /// <summary>Waiting runs whose file has been missing for long: gone with a wiped temporary folder, say. Nothing will run them.</summary>
    private async Task AbandonnerAsync(LabelsDbContext db, CancellationToken ct)
    {
        var maintenant = horloge.GetUtcNow();
        var avant = maintenant - DelaiDesFichiers;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var anciens = await db.Imports.FromSql($"""
            SELECT * FROM imports WHERE statut = {nameof(StatutImport.EnAttente)} AND demarre_le < {avant} FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        var raison = "Le fichier de cet import n'est plus dans le dossier des imports (Imports:Dossier) : rien n'a été écrit ; renvoyez le fichier.";
        foreach (var import in anciens.Where(i => !File.Exists(Chemin(i.Fichier!))))
        {
            import.Interrompre(RapportImport.Interruption(raison).EnJson(), maintenant);
            journal.LogWarning("Import {Id} abandonné : son fichier {Fichier} n'est plus dans {Dossier}.", import.Id, import.Fichier, _options.DossierEffectif);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>Files of ours that no waiting or running import names: left by a crash between two steps, or by a refused upload.</summary>
    private async Task MenageAsync(LabelsDbContext db, CancellationToken ct)
    {
        if (!Directory.Exists(_options.DossierEffectif)) return;
        var avant = (horloge.GetUtcNow() - DelaiDesFichiers).UtcDateTime;
        var anciens = Directory.EnumerateFiles(_options.DossierEffectif)
            .Where(c => OptionsImports.EstNomDeFichier(Path.GetFileName(c)) && File.GetLastWriteTimeUtc(c) < avant)
            .Select(Path.GetFileName).ToList();
        if (anciens.Count == 0) return;
        var nommes = await db.Imports.AsNoTracking()
            .Where(i => (i.Statut == StatutImport.EnAttente || i.Statut == StatutImport.EnCours) && anciens.Contains(i.Fichier))
            .Select(i => i.Fichier).ToListAsync(ct);
        foreach (var fichier in anciens.Except(nommes)) SupprimerFichier(Chemin(fichier!));
    }

    private void SupprimerFichier(string chemin)
    {
        try
        {
            File.Delete(chemin);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            journal.LogWarning(e, "Fichier d'import {Chemin} non supprimé.", chemin);
        }
    }
}
