using Labels.Domain.Candidatures;
using Npgsql;
using NpgsqlTypes;

namespace Labels.Infrastructure.Imports;

/// <summary>An édition that already has fiches: the file's fiches are staged, then matched by natural key and merged.</summary>
internal sealed class SortieStaging(int annee) : ISortieFiches
{
    public bool Directe => false;
    public string Copie => Sql.CopieStaging;
    public string Fusion => Sql.FusionStaging;

    public async Task VerifierDoublonsAsync(NpgsqlConnection connexion, FichesDuFichier fiches, FichesRefusees refusees, bool json,
        ErreursDuFichier erreurs, CancellationToken ct)
    {
        await Doublons.LireAsync(connexion, Sql.ReferencesEnDouble, Sql.Staging, refusees, Doublons.ChampReference, fiches, json, erreurs,
            Doublons.MessageReference, ct);
        await Doublons.LireAsync(connexion, Sql.TitresEnDouble, Sql.Staging, refusees, Doublons.ChampTitre, fiches, json, erreurs, Doublons.MessageTitre, ct);
    }

    public Task PreparerAsync(NpgsqlConnection connexion, CancellationToken ct) => CommandesImport.ExecuterAsync(connexion, Sql.CreerStaging, ct);

    public Task TerminerAsync(NpgsqlConnection connexion, CancellationToken ct) => Task.CompletedTask;

    public void Ecrire(NpgsqlBinaryImporter copie, Guid id, Guid candidatureId, ContenuFiche f, DateTimeOffset maintenant) =>
        EcrireFiche(copie, id, candidatureId, f);

    // Temporary tables have no statistics: without them the checks and the merge get nested-loop plans.
    // So has the partition a first import attached, until autovacuum gets to it: a re-import right after it would match
    // by nested loops, many times slower than by hash. Only the matching columns are analysed: what the plans need, for far
    // less than the whole table.
    public async Task ApresCopieAsync(NpgsqlConnection connexion, CancellationToken ct)
    {
        await CommandesImport.ExecuterAsync(connexion, "ANALYZE import_lignes", ct);
        var partition = Sql.Partition(annee);
        await using (var sans = CommandesImport.Commande(Sql.SansStatistiques, connexion))
        {
            sans.Parameters.AddWithValue("table", partition);
            if (!(bool)(await sans.ExecuteScalarAsync(ct))!) return;
        }
        await CommandesImport.ExecuterAsync(connexion, Sql.AnalyserPourCorrespondance(partition), ct);
    }

    /// <summary>The columns both tables share, in the order of <c>Sql.ColonnesFiche</c>.</summary>
    internal static void EcrireFiche(NpgsqlBinaryImporter copie, Guid id, Guid candidatureId, ContenuFiche f)
    {
        copie.StartRow();
        copie.Write(id, NpgsqlDbType.Uuid);
        copie.Write(candidatureId, NpgsqlDbType.Uuid);
        if (f.Reference is null) copie.WriteNull();
        else copie.Write(f.Reference, NpgsqlDbType.Text);
        copie.Write(f.Titre, NpgsqlDbType.Text);
        if (f.Resume is null) copie.WriteNull();
        else copie.Write(f.Resume, NpgsqlDbType.Text);
        copie.Write(f.Description, NpgsqlDbType.Text);
        copie.Write(f.DateDebut, NpgsqlDbType.Date);
        if (f.DateFin is { } fin) copie.Write(fin, NpgsqlDbType.Date);
        else copie.WriteNull();
        copie.Write(f.EnCours, NpgsqlDbType.Boolean);
        copie.Write(Tableau(f.Services), NpgsqlDbType.Array | NpgsqlDbType.Text);
        copie.Write(Tableau(f.Enjeux), NpgsqlDbType.Array | NpgsqlDbType.Text);
        copie.Write(Tableau(f.Liens), NpgsqlDbType.Array | NpgsqlDbType.Text);
    }

    private static string[] Tableau(IReadOnlyCollection<string> valeurs) => valeurs as string[] ?? valeurs.ToArray();
}
