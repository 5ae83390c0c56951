using Labels.Application.Commun;
using Labels.Application.Imports;
using Labels.Domain.Candidatures;
using Labels.Domain.Collectivites;
using Labels.Domain.Editions;
using Labels.Domain.Imports;
using Labels.Infrastructure.Persistance;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// A yearly import in one transaction. The stream is parsed and checked line by line (codes against
/// the COG, dossiers and distinctions in memory); the fiches go by binary COPY either straight into
/// their table (an édition without fiches: the yearly first import) or to a staging table to be
/// matched by natural key (collectivité by code, candidature by collectivité and édition, fiche by
/// reference or title). Duplicates within the file are found in SQL, then the dossiers are merged. A
/// dry run does the same and rolls back, so its counts are exact.
/// </summary>
internal sealed class ChargeurImport(LabelsDbContext db, TimeProvider horloge, Telemetrie.MesuresLabels mesures) : IChargeurImport
{

    /// <summary>Held per édition: its imports run one after the other, so that each sees what the previous one wrote.</summary>
    public const int CleDeVerrouEdition = 4242003;

    public async Task<RapportImport> ChargerAsync(Guid importId, Edition edition, Stream corps, FormatImport format, string? encodage, bool dryRun,
        IProgress<int> progression, CancellationToken ct)
    {
        using var enCours = mesures.DebutImport();
        // Counted as they are read, not at the end: a long import shows as a rate of rows per second while it runs.
        progression = mesures.LignesLues(progression);
        var erreurs = new ErreursDuFichier();
        var maintenant = horloge.GetUtcNow();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var connexion = (NpgsqlConnection)db.Database.GetDbConnection();
            // The run itself is held by this connection since it was started or claimed (ProprieteImports).
            await using (var verrou = CommandesImport.Commande($"SELECT pg_advisory_xact_lock({CleDeVerrouEdition}, @annee)", connexion))
            {
                verrou.Parameters.AddWithValue("annee", edition.Annee);
                await verrou.ExecuteNonQueryAsync(ct);
            }
            var dossiers = await Dossiers.ChargerAsync(connexion, edition.Annee, format == FormatImport.Json, erreurs, maintenant, ct);
            ISortieFiches sortie = dossiers.EditionAvecFiches || await PartitionExisteAsync(connexion, edition.Annee, ct)
                ? new SortieStaging(edition.Annee)
                : new SortieDirecte(edition.Annee);
            var fiches = new FichesDuFichier(maintenant);
            var refusees = new FichesRefusees();
            await sortie.PreparerAsync(connexion, ct);
            int lues;
            await using (var copie = await connexion.BeginBinaryImportAsync(sortie.Copie, ct))
            {
                copie.Timeout = CommandesImport.SansLimite;
                var lecture = new LectureDuFichier(edition, dossiers, fiches, refusees, sortie, copie, erreurs, progression, maintenant);
                lues = format == FormatImport.Json
                    ? await lecture.JsonAsync(await CorpsImport.Utf8Async(corps, encodage, ct), encodage, ct)
                    : await lecture.CsvAsync(await CorpsImport.TexteAsync(corps, encodage, ct), ct);
                await copie.CompleteAsync(ct);
            }
            progression.Report(lues);
            await sortie.ApresCopieAsync(connexion, ct);
            await dossiers.CopierAsync(connexion, ct);
            await sortie.VerifierDoublonsAsync(connexion, fiches, refusees, format == FormatImport.Json, erreurs, ct);
            if (erreurs.Total > 0)
            {
                await transaction.RollbackAsync(ct);
                return new RapportImport(StatutImport.Refuse, CompteursImport.Zero, CompteursImport.Zero, erreurs.Liste, erreurs.Total, lues, "");
            }
            var (compteDossiers, compteFiches) = await EcrireAsync(connexion, edition, sortie, fiches.Nombre, transaction, dryRun, maintenant, ct);
            return new RapportImport(dryRun ? StatutImport.Valide : StatutImport.Applique, compteDossiers, compteFiches, [], 0, lues, "");
        }
        catch (EncodageInvalideException e)
        {
            // The transaction is rolled back by now. The rest of the file is unread: this one error is the report, the
            // others the line-by-line checks would find once it is read in its encoding.
            return new RapportImport(StatutImport.Refuse, CompteursImport.Zero, CompteursImport.Zero, [new ErreurImport(e.Ligne, null, "", e.Message)],
                1, 0, "");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<bool> PartitionExisteAsync(NpgsqlConnection connexion, int annee, CancellationToken ct)
    {
        await using var commande = CommandesImport.Commande(Sql.PartitionExiste, connexion);
        commande.Parameters.AddWithValue("table", Sql.Partition(annee));
        return (bool)(await commande.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The merge, the last checks (a dry run's too), then the commit. They fail only if the API wrote meanwhile what the
    /// import also writes: a fiche in the édition of a first import, a fiche with one of its references in one of its
    /// dossiers, or the removal of a dossier it adds fiches to; or if another first import attached its fiches at the same
    /// time. Nothing is written then, and the answer says to try again. Like every statement of the import, attaching has
    /// no time limit (it checks the foreign key of every fiche); what is left to COMMIT, bounded by the connection's
    /// command timeout, is quick.
    /// </summary>
    private static async Task<(CompteursImport Dossiers, CompteursImport Fiches)> EcrireAsync(NpgsqlConnection connexion, Edition edition,
        ISortieFiches sortie, int fiches, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, bool dryRun,
        DateTimeOffset maintenant, CancellationToken ct)
    {
        try
        {
            var comptes = await FusionnerAsync(connexion, edition, sortie, fiches, maintenant, ct);
            await sortie.TerminerAsync(connexion, ct);
            if (dryRun) await transaction.RollbackAsync(ct);
            else await transaction.CommitAsync(ct);
            return comptes;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new UniciteException("Une collectivité, un dossier ou une fiche que l'import crée a été créé entre-temps "
                + "par une autre écriture : rien n'a été écrit ; relancez l'import, qui le retrouvera par sa clé naturelle.", e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            throw new Domain.Commun.DomainException("Un dossier visé par l'import a été supprimé pendant l'import : rien n'a été écrit, relancez-le.");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation && e.TableName == Sql.PartitionParDefaut)
        {
            throw new Domain.Commun.DomainException("Des fiches ont été ajoutées à cette édition pendant l'import : rien n'a été écrit, relancez-le.");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected)
        {
            throw new Domain.Commun.DomainException("Une autre écriture (un autre import, ou l'API) a croisé celle-ci : rien n'a été écrit, relancez l'import.");
        }
    }

    /// <summary>
    /// The merge, once the file is read without error: its dossiers (collectivités and candidatures new to the base, distinctions:
    /// Sql.FusionDossiers) and its fiches (their output's merge, <see cref="ISortieFiches.Fusion"/>) written in one command, then
    /// the report's counts of dossiers and fiches created, changed and left as they were (Sql.Bilan).
    /// </summary>
    private static async Task<(CompteursImport Dossiers, CompteursImport Fiches)> FusionnerAsync(NpgsqlConnection connexion, Edition edition,
        ISortieFiches sortie, int fiches, DateTimeOffset maintenant, CancellationToken ct)
    {
        await using (var commande = CommandesImport.Commande(Sql.FusionDossiers + ";\n" + sortie.Fusion, connexion))
        {
            commande.Parameters.AddWithValue("annee", edition.Annee);
            commande.Parameters.AddWithValue("maintenant", maintenant);
            commande.Parameters.AddWithValue("seuil", Collectivite.SeuilVille);
            commande.Parameters.AddWithValue("commune", nameof(TypeCollectivite.Commune));
            commande.Parameters.AddWithValue("intercommunalite", nameof(TypeCollectivite.Intercommunalite));
            commande.Parameters.AddWithValue("village", nameof(Categorie.Village));
            commande.Parameters.AddWithValue("ville", nameof(Categorie.Ville));
            commande.Parameters.AddWithValue("categorie_intercommunalite", nameof(Categorie.Intercommunalite));
            commande.Parameters.AddWithValue("deposee", nameof(StatutCandidature.Deposee));
            await commande.ExecuteNonQueryAsync(ct);
        }
        await using var bilan = CommandesImport.Commande(Sql.Bilan, connexion);
        await using var r = await bilan.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var dossiers = new CompteursImport(r.GetInt32(0), r.GetInt32(1), r.GetInt32(2));
        // Written straight to their table, every fiche is new; staged ones were matched.
        var (creees, modifiees) = sortie.Directe ? (fiches, 0) : (r.GetInt32(3), r.GetInt32(4));
        return (dossiers, new CompteursImport(creees, modifiees, fiches - creees - modifiees));
    }
}
