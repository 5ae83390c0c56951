using System.Runtime.ExceptionServices;
using System.Text.Json;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Editions;
using Labels.Domain.Imports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Imports;

/// <summary>Parses, checks and applies a whole file in one transaction (Infrastructure: streaming, COPY, set-based merge).</summary>
public interface IChargeurImport
{
    /// <param name="importId">The run, whose lock the caller holds on the DbContext's connection (<see cref="IProprieteImports"/>).</param>
    /// <param name="corps">The file's bytes, which the loader's readers may dispose when they end.</param>
    /// <param name="encodage">The charset the file declared (a name of <see cref="EncodagesImport"/>), null for UTF-8 by default.</param>
    /// <returns>The report, its <see cref="RapportImport.Sha256"/> and <see cref="RapportImport.Octets"/> left to the caller, which
    /// knows what it received (<see cref="CorpsRecu"/>).</returns>
    Task<RapportImport> ChargerAsync(Guid importId, Edition edition, Stream corps, FormatImport format, string? encodage, bool dryRun,
        IProgress<int> progression, CancellationToken ct);
}

/// <summary>
/// The asynchronous imports' queue, which is their run records (<see cref="StatutImport.EnAttente"/>): every instance that runs
/// imports claims them in turn, off the request.
/// </summary>
public interface IFileImports
{
    /// <summary>Tells this instance's runner that an import waits, rather than let it find out at its next look.</summary>
    void Signaler();
}

/// <summary>
/// Which instance runs which import, told by PostgreSQL: the connection that runs an import holds a lock on it from the moment
/// the run is started or claimed until its outcome is written. A run « en cours » whose lock nobody holds belongs to an
/// instance that is gone (its connection closed, so its transaction rolled back); one whose lock is held is alive, wherever.
/// </summary>
public interface IProprieteImports
{
    /// <summary>This process's id, recorded on the runs it executes.</summary>
    Guid Instance { get; }

    /// <summary>Takes the run's lock on the DbContext's connection, kept open until disposed, before its record is written.</summary>
    Task<IAsyncDisposable> TenirAsync(Guid importId, CancellationToken ct);
}

/// <summary>Loads a year of dossiers from a stream, synchronously: the answer is the report.</summary>
public sealed record ImporterDossiers(int Annee, Stream Corps, FormatImport Format, bool DryRun, string? Encodage = null)
    : ICommand<(Guid Id, RapportImport Rapport)>, ITransactionsPropres;

/// <summary>
/// Registers an asynchronous import whose body is already saved as <paramref name="Fichier"/> (its name in Imports:Dossier);
/// an instance of the queue runs it and GET /imports/{id} shows its progress and report.
/// </summary>
public sealed record PlanifierImport(int Annee, string Fichier, FormatImport Format, bool DryRun, string? Encodage = null) : ICommand<ImportDto>;

/// <summary>Runs an asynchronous import its instance has claimed (called by the queue, which holds its lock), from its file's path.</summary>
public sealed record ExecuterImport(Guid ImportId, string Chemin) : ICommand, ITransactionsPropres;

public sealed record LireImport(Guid Id) : IQuery<ImportDto>;

public sealed record ListerImports(int Annee, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<ImportDto>>;

public sealed class ListerImportsValidator : FluentValidation.AbstractValidator<ListerImports>
{
    public ListerImportsValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class ImportsHandler(ILabelsDbContext db, IChargeurImport chargeur, IFileImports file, IProprieteImports propriete,
    IUtilisateurCourant utilisateur, IProgressionImports progressions, Journal journal, TimeProvider horloge)
    : ICommandHandler<ImporterDossiers, (Guid Id, RapportImport Rapport)>,
      ICommandHandler<PlanifierImport, ImportDto>,
      ICommandHandler<ExecuterImport>,
      IQueryHandler<LireImport, ImportDto>,
      IQueryHandler<ListerImports, PageDe<ImportDto>>
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public async ValueTask<(Guid Id, RapportImport Rapport)> Handle(ImporterDossiers command, CancellationToken ct)
    {
        var edition = await db.Editions.AsNoTracking().ChargerAsync(command.Annee, ct);
        var import = Import.Demarrer(edition, utilisateur.Id, command.Format, command.DryRun, propriete.Instance, horloge.GetUtcNow(), command.Encodage);
        // Locked before its record is seen « en cours »: no other instance can take it for the remains of a dead one.
        await using var _ = await propriete.TenirAsync(import.Id, ct);
        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        var rapport = await ExecuterAsync(import, edition, command.Corps, ct);
        return (import.Id, rapport);
    }

    public async ValueTask<ImportDto> Handle(PlanifierImport command, CancellationToken ct)
    {
        var edition = await db.Editions.AsNoTracking().ChargerAsync(command.Annee, ct);
        var import = Import.Planifier(edition, utilisateur.Id, command.Format, command.DryRun, command.Fichier, horloge.GetUtcNow(), command.Encodage);
        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        file.Signaler();
        return Dto(import);
    }

    public async ValueTask<Mediator.Unit> Handle(ExecuterImport command, CancellationToken ct)
    {
        var import = await db.Imports.FirstAsync(i => i.Id == command.ImportId, ct);
        var edition = await db.Editions.AsNoTracking().ChargerAsync(import.EditionAnnee, ct);
        FileStream flux;
        try
        {
            flux = new FileStream(command.Chemin, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            await InterrompreAsync(import, "Le fichier de cet import n'est plus dans le dossier des imports (Imports:Dossier) : rien n'a été écrit ; "
                + "renvoyez le fichier.", ct);
            return Mediator.Unit.Value;
        }
        await using (flux) await ExecuterAsync(import, edition, flux, ct);
        return Mediator.Unit.Value;
    }

    private async Task<RapportImport> ExecuterAsync(Import import, Edition edition, Stream corps, CancellationToken ct)
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

    private async Task InterrompreAsync(Import import, string raison, CancellationToken ct)
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

    public async ValueTask<ImportDto> Handle(LireImport query, CancellationToken ct)
    {
        var import = await db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == query.Id, ct)
            ?? throw new NotFoundException("Import introuvable.");
        var dto = Dto(import);
        return import.Statut == StatutImport.EnCours ? dto with { LignesLues = progressions.Lues(import.Id) ?? dto.LignesLues } : dto;
    }

    public async ValueTask<PageDe<ImportDto>> Handle(ListerImports query, CancellationToken ct)
    {
        var page = await db.Imports.AsNoTracking().Where(i => i.EditionAnnee == query.Annee).OrderByDescending(i => i.DemarreLe)
            .PaginerAsync(query.Page, query.PageSize, ct);
        return new PageDe<ImportDto>(page.Items.Select(i => Dto(i) with { Rapport = null }).ToArray(), page.Page, page.PageSize, page.Total);
    }

    private static ImportDto Dto(Import i) => new(i.Id, i.EditionAnnee, i.Format, i.Encodage, i.DryRun, i.Asynchrone, i.AuteurId, i.Statut,
        string.IsNullOrEmpty(i.Empreinte) ? null : i.Empreinte, i.Octets, i.LignesLues, i.DemarreLe, i.TermineLe,
        i.Rapport is null ? null : JsonSerializer.Deserialize<RapportImport>(i.Rapport, Json));
}

/// <summary>Rows read so far by running imports, kept in memory: the import's transaction is invisible to other connections.</summary>
public interface IProgressionImports
{
    IProgress<int> Pour(Guid importId);
    int? Lues(Guid importId);
    void Oublier(Guid importId);
}
