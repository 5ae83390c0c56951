using System.Runtime.ExceptionServices;
using Labels.Application.Commun;
using Labels.Domain.Editions;
using Labels.Domain.Imports;

namespace Labels.Application.Imports;

/// <summary>
/// A run of an import from its stream to its outcome, for <see cref="ImporterDossiers"/> (synchronous) and
/// <see cref="ExecuterImport"/> (queued): the loader applies the file, what was received is hashed and counted, then the run's
/// record gets its report — or, for a run stopped before its end, the reason nothing was written — and its progress is forgotten.
/// </summary>
internal sealed class ExecutionImport(ILabelsDbContext db, IChargeurImport chargeur, IProgressionImports progressions, Journal journal,
    TimeProvider horloge)
{
    public async Task<RapportImport> ExecuterAsync(Import import, Edition edition, Stream corps, CancellationToken ct)
    {
        using var recu = new CorpsRecu(corps);
        RapportImport rapport;
        ExceptionDispatchInfo? echec = null;
        try
        {
            rapport = await chargeur.ChargerAsync(import.Id, edition, recu.Flux, import.Format, import.Encodage, import.DryRun,
                progressions.Pour(import.Id), ct);
        }
        catch (FichierIllisibleException e)
        {
            rapport = new RapportImport(StatutImport.Refuse, CompteursImport.Zero, CompteursImport.Zero,
                [new ErreurImport(null, import.Format == FormatImport.Json ? "$" : null, "", ChaineSansNul.Visible(e.Message))], 1, 0, "");
            echec = ExceptionDispatchInfo.Capture(e);
        }
        catch (Exception) when (ct.IsCancellationRequested && !import.Asynchrone)
        {
            await AbandonneAsync(import);
            throw;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            rapport = Echec();
            echec = ExceptionDispatchInfo.Capture(e);
        }
        // A run refused or failed before the end of its file (its first line in the wrong encoding, say) records the whole
        // file all the same: the rest is read for its size and SHA-256. An applied one was read to its end by the loader.
        if (echec is not null || rapport.Status == StatutImport.Refuse)
        {
            try
            {
                await recu.LireLaSuiteAsync(ct);
            }
            catch (Exception) when (ct.IsCancellationRequested && !import.Asynchrone)
            {
                await AbandonneAsync(import);
                throw;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && rapport.Status == StatutImport.Refuse)
            {
                // Past the size limit, say: whatever it holds, the file is refused for that, as a larger one is before it is read.
                rapport = Echec();
                echec = ExceptionDispatchInfo.Capture(e);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // The body failed the loader already (past the size limit, say): that failure stands, with what was received.
            }
        }
        rapport = rapport with { Sha256 = recu.Empreinte(), Octets = recu.Octets };
        await TerminerAsync(import, rapport, echec is null ? ct : CancellationToken.None);
        echec?.Throw();
        return rapport;
    }

    private static RapportImport Echec() => new(StatutImport.Echoue, CompteursImport.Zero, CompteursImport.Zero, [], 0, 0, "");

    /// <summary>
    /// The caller of a synchronous import went away: nobody will read its answer, and it will not resume. (An asynchronous one
    /// stopped with its instance goes back to the queue: the queue's call.)
    /// </summary>
    private Task AbandonneAsync(Import import) =>
        InterrompreAsync(import, "L'appelant a interrompu cet import avant sa fin : rien n'a été écrit.", CancellationToken.None);

    public async Task InterrompreAsync(Import import, string raison, CancellationToken ct)
    {
        db.ChangeTrackerClear();
        db.Imports.Attach(import);
        import.Interrompre(RapportImport.Interruption(raison).EnJson(), horloge.GetUtcNow());
        await db.SaveChangesAsync(ct);
        progressions.Oublier(import.Id);
    }

    private async Task TerminerAsync(Import import, RapportImport rapport, CancellationToken ct)
    {
        // The import's own transaction is over (committed or rolled back): the run record is written on its own.
        db.ChangeTrackerClear();
        db.Imports.Attach(import);
        import.Terminer(rapport.Status, rapport.Sha256, rapport.Octets, rapport.LignesLues, rapport.EnJson(), horloge.GetUtcNow());
        if (rapport.Status == StatutImport.Applique)
            journal.Enregistrer("import.applique", $"import:{import.Id}", new
            {
                edition = import.EditionAnnee, sha256 = rapport.Sha256, dossiers = rapport.Dossiers, fiches = rapport.Fiches,
            });
        await db.SaveChangesAsync(ct);
        progressions.Oublier(import.Id);
    }
}
