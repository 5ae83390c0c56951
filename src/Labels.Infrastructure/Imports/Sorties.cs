using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Labels.Application.Commun;
using Labels.Domain.Candidatures;
using Npgsql;
using NpgsqlTypes;

namespace Labels.Infrastructure.Imports;

/// <summary>Where a line of the file is: its physical line (CSV), or its dossier and fiche (JSON, -1 for the dossier itself).</summary>
internal readonly record struct Origine(int? Ligne, int Dossier, int Fiche)
{
    public static Origine Csv(int ligne) => new(ligne, -1, -1);
    public static Origine Json(int dossier, int fiche = -1) => new(null, dossier, fiche);

    public string? Chemin(string suite = "") => Ligne is not null ? null
        : Fiche < 0 ? $"$.dossiers[{Dossier}]{suite}" : $"$.dossiers[{Dossier}].fiches[{Fiche}]{suite}";

    /// <summary>How an error message points at it: "ligne 12" or its JSON path.</summary>
    public string Decrire() => Ligne is { } l ? $"ligne {l}" : Chemin()!;
}

/// <summary>
/// The identifiers of an import's fiches, in file order: UUIDv7 (RFC 9562) whose bits after the
/// timestamp hold a counter (its "fixed-length dedicated counter" method) and a random part drawn
/// once per import. Ids of one import grow with the file (the primary key's index is filled at its
/// end, not at random places), and any of them gives back its fiche's place in the file, which is how
/// a duplicate found in SQL is reported with its line. The origins take 8 bytes per fiche.
/// </summary>
internal sealed class FichesDuFichier(DateTimeOffset instant)
{
    private readonly long _millisecondes = instant.ToUnixTimeMilliseconds() & 0xFFFF_FFFF_FFFF;
    private readonly ulong _alea = BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8)) & ((1UL << 42) - 1);
    private readonly List<long> _origines = [];

    /// <summary>The fiches given an id: those written, and those <see cref="FichesRefusees"/> keeps, of which a file written has none.</summary>
    public int Nombre => _origines.Count;

    public Guid Ajouter(Origine origine)
    {
        var rang = _origines.Count;
        _origines.Add(origine.Ligne is { } l ? l : ((long)origine.Dossier << 32) | (uint)origine.Fiche);
        Span<byte> octets = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(octets, (_millisecondes << 16) | 0x7000L | (uint)(rang >> 20));
        BinaryPrimitives.WriteUInt64BigEndian(octets[8..], 0x8000_0000_0000_0000UL | ((ulong)(rang & 0xF_FFFF) << 42) | _alea);
        return new Guid(octets, bigEndian: true);
    }

    /// <summary>Where the fiche of this id came from; null for an id this import did not make.</summary>
    public Origine? OrigineDe(Guid id, bool json)
    {
        Span<byte> octets = stackalloc byte[16];
        id.TryWriteBytes(octets, bigEndian: true, out _);
        var haut = BinaryPrimitives.ReadInt64BigEndian(octets);
        var bas = BinaryPrimitives.ReadUInt64BigEndian(octets[8..]);
        if (haut >>> 16 != _millisecondes || (bas & ((1UL << 42) - 1)) != _alea) return null;
        var rang = (int)(((haut & 0xFFF) << 20) | (long)((bas >> 42) & 0xF_FFFF));
        if (rang >= _origines.Count) return null;
        var o = _origines[rang];
        return json ? Origine.Json((int)(o >> 32), (int)o) : Origine.Csv((int)o);
    }
}

/// <summary>Where the checked fiches of a file go while it is read, with what each way needs before and after.</summary>
internal interface ISortieFiches
{
    bool Directe { get; }
    string Copie { get; }
    Task PreparerAsync(NpgsqlConnection connexion, CancellationToken ct);
    void Ecrire(NpgsqlBinaryImporter copie, Guid id, Guid candidatureId, ContenuFiche f, DateTimeOffset maintenant);
    Task ApresCopieAsync(NpgsqlConnection connexion, CancellationToken ct);

    /// <summary>Once the dossiers are merged: what makes the fiches part of fiches_actions, if the COPY did not.</summary>
    Task TerminerAsync(NpgsqlConnection connexion, CancellationToken ct);

    /// <summary>
    /// Two fiches of one dossier with the same reference, or without reference and with the same title: written fiches, and
    /// those the rules refused (<paramref name="refusees"/>).
    /// </summary>
    Task VerifierDoublonsAsync(NpgsqlConnection connexion, FichesDuFichier fiches, FichesRefusees refusees, bool json, ChargeurImport.Erreurs erreurs,
        CancellationToken ct);

    string Fusion { get; }
}

internal static class Doublons
{
    public const string ChampReference = "reference";
    public const string ChampTitre = "titre";

    public static string MessageReference(string valeur, string premiere) =>
        $"La référence {valeur} figure déjà dans ce fichier pour cette collectivité ({premiere}).";

    public static string MessageTitre(string valeur, string premiere) =>
        $"Une autre fiche sans référence porte le titre « {valeur} » pour cette collectivité ({premiere}).";

    /// <summary>
    /// Reads (id, candidature, value) rows grouped by (candidature, value) in file order: the first of a group is the
    /// original, the others are reported, in file order as the line-by-line errors. Both ways read tables that hold this
    /// import's fiches only (its staging table, or its own partition to be).
    /// </summary>
    public static async Task LireAsync(NpgsqlCommand commande, string champ, FichesDuFichier fiches, bool json,
        ChargeurImport.Erreurs erreurs, Func<string, string, string> message, CancellationToken ct)
    {
        var trouves = new List<(Origine Origine, string Erreur)>();
        await using (var r = await commande.ExecuteReaderAsync(ct))
        {
            (Guid Candidature, string Valeur)? groupe = null;
            Origine premiere = default;
            while (await r.ReadAsync(ct))
            {
                var cle = (r.GetGuid(1), r.GetString(2));
                var origine = fiches.OrigineDe(r.GetGuid(0), json)
                    ?? throw new InvalidOperationException($"La fiche {r.GetGuid(0)} n'est pas de cet import.");
                if (groupe != cle)
                {
                    groupe = cle;
                    premiere = origine;
                    continue;
                }
                trouves.Add((origine, message(cle.Item2, premiere.Decrire())));
            }
        }
        foreach (var (origine, erreur) in trouves.OrderBy(t => t.Origine.Ligne).ThenBy(t => t.Origine.Dossier).ThenBy(t => t.Origine.Fiche))
            erreurs.Ajouter(origine.Ligne, origine.Chemin($".{champ}"), champ, erreur);
    }

    /// <summary>The same, of a query that reads the refused fiches too when there are some (<see cref="Sql.AvecRefusees"/>).</summary>
    public static async Task LireAsync(NpgsqlConnection connexion, Func<string, string> sql, string table, FichesRefusees refusees, string champ,
        FichesDuFichier fiches, bool json, ChargeurImport.Erreurs erreurs, Func<string, string, string> message, CancellationToken ct)
    {
        await using var commande = ChargeurImport.Commande(sql(refusees.Nombre == 0 ? table : Sql.AvecRefusees(table)), connexion);
        if (refusees.Nombre > 0) refusees.Parametrer(commande);
        await LireAsync(commande, champ, fiches, json, erreurs, message, ct);
    }
}

/// <summary>
/// A first import into an édition that has no fiche yet, the yearly case: nothing to match, so the
/// fiches stream by COPY into a table of their own, which PostgreSQL fills while the file is still
/// being read, and which becomes the édition's partition of fiches_actions once the dossiers are
/// merged. Attaching it checks the foreign key to candidatures with one query, where rows inserted into
/// fiches_actions would have been checked one by one (a third of a large import's time).
/// </summary>
internal sealed class SortieDirecte(int annee) : ISortieFiches
{
    private readonly string _table = Sql.Partition(annee);

    // Fiches without reference: a 64-bit hash of (dossier, title) each; a hash seen twice makes a pair to check in SQL.
    private readonly HashSet<ulong> _titres = [];
    private readonly HashSet<(Guid Candidature, string Titre)> _titresSuspects = [];

    public bool Directe => true;
    public string Copie => Sql.CopieDirecte(_table);
    public string Fusion => Sql.FusionDirecte;

    public Task PreparerAsync(NpgsqlConnection connexion, CancellationToken ct) => ChargeurImport.ExecuterAsync(connexion, Sql.CreerPartition(_table, annee), ct);

    public void Ecrire(NpgsqlBinaryImporter copie, Guid id, Guid candidatureId, ContenuFiche f, DateTimeOffset maintenant)
    {
        SortieStaging.EcrireFiche(copie, id, candidatureId, f);
        copie.Write(annee, NpgsqlDbType.Integer);
        copie.Write(maintenant, NpgsqlDbType.TimestampTz);
        copie.Write(maintenant, NpgsqlDbType.TimestampTz);
        if (f.Reference is null && !_titres.Add(Empreinte(candidatureId, f.Titre))) _titresSuspects.Add((candidatureId, f.Titre));
    }

    private static ulong Empreinte(Guid candidatureId, string titre)
    {
        Span<byte> graine = stackalloc byte[16];
        candidatureId.TryWriteBytes(graine);
        var semence = BinaryPrimitives.ReadInt64LittleEndian(graine) ^ BinaryPrimitives.ReadInt64LittleEndian(graine[8..]);
        return XxHash3.HashToUInt64(MemoryMarshal.AsBytes(titre.AsSpan()), semence);
    }

    public Task ApresCopieAsync(NpgsqlConnection connexion, CancellationToken ct) => Task.CompletedTask;

    public Task TerminerAsync(NpgsqlConnection connexion, CancellationToken ct) => ChargeurImport.ExecuterAsync(connexion, Sql.Attacher(_table, annee), ct);

    /// <summary>
    /// References: the deferred unique constraint noted every possible clash while the COPY ran; checking it now costs
    /// nothing when there is none, and when there is, the full list is read. Titles: only the pairs whose hash was seen twice.
    /// The table holds this import's fiches only: one written meanwhile through the API is in another partition, and
    /// makes attaching this one fail. Refused fiches, which the constraint and the reading's hashes did not see, are added to
    /// both: the file is refused then, and its refusal names their duplicates too.
    /// </summary>
    public async Task VerifierDoublonsAsync(NpgsqlConnection connexion, FichesDuFichier fiches, FichesRefusees refusees, bool json,
        ChargeurImport.Erreurs erreurs, CancellationToken ct)
    {
        await VerifierReferencesAsync(connexion, fiches, refusees, json, erreurs, ct);
        foreach (var (candidature, titre) in refusees.Titres())
            if (!_titres.Add(Empreinte(candidature, titre))) _titresSuspects.Add((candidature, titre));
        if (_titresSuspects.Count == 0) return;
        await using var commande = ChargeurImport.Commande(Sql.TitresEnDoubleDirect(refusees.Nombre == 0 ? _table : Sql.AvecRefusees(_table)), connexion);
        commande.Parameters.AddWithValue("candidatures", _titresSuspects.Select(s => s.Candidature).ToArray());
        commande.Parameters.AddWithValue("titres", _titresSuspects.Select(s => s.Titre).ToArray());
        if (refusees.Nombre > 0) refusees.Parametrer(commande);
        await Doublons.LireAsync(commande, Doublons.ChampTitre, fiches, json, erreurs, Doublons.MessageTitre, ct);
    }

    private async Task VerifierReferencesAsync(NpgsqlConnection connexion, FichesDuFichier fiches, FichesRefusees refusees, bool json,
        ChargeurImport.Erreurs erreurs, CancellationToken ct)
    {
        // The constraint has not seen the refused references: the list is read whole, over both.
        if (refusees.AvecReference)
        {
            await Doublons.LireAsync(connexion, Sql.ReferencesEnDouble, _table, refusees, Doublons.ChampReference, fiches, json, erreurs,
                Doublons.MessageReference, ct);
            return;
        }
        await ChargeurImport.ExecuterAsync(connexion, "SAVEPOINT doublons", ct);
        try
        {
            await ChargeurImport.ExecuterAsync(connexion, $"SET CONSTRAINTS {_table}_reference IMMEDIATE", ct);
            await ChargeurImport.ExecuterAsync(connexion, "RELEASE SAVEPOINT doublons", ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await ChargeurImport.ExecuterAsync(connexion, "ROLLBACK TO SAVEPOINT doublons", ct);
            await Doublons.LireAsync(connexion, Sql.ReferencesEnDouble, _table, refusees, Doublons.ChampReference, fiches, json, erreurs,
                Doublons.MessageReference, ct);
        }
    }

}

/// <summary>An édition that already has fiches: the file's fiches are staged, then matched by natural key and merged.</summary>
internal sealed class SortieStaging(int annee) : ISortieFiches
{
    public bool Directe => false;
    public string Copie => Sql.CopieStaging;
    public string Fusion => Sql.FusionStaging;

    public async Task VerifierDoublonsAsync(NpgsqlConnection connexion, FichesDuFichier fiches, FichesRefusees refusees, bool json,
        ChargeurImport.Erreurs erreurs, CancellationToken ct)
    {
        await Doublons.LireAsync(connexion, Sql.ReferencesEnDouble, Sql.Staging, refusees, Doublons.ChampReference, fiches, json, erreurs,
            Doublons.MessageReference, ct);
        await Doublons.LireAsync(connexion, Sql.TitresEnDouble, Sql.Staging, refusees, Doublons.ChampTitre, fiches, json, erreurs, Doublons.MessageTitre, ct);
    }

    public Task PreparerAsync(NpgsqlConnection connexion, CancellationToken ct) => ChargeurImport.ExecuterAsync(connexion, Sql.CreerStaging, ct);

    public Task TerminerAsync(NpgsqlConnection connexion, CancellationToken ct) => Task.CompletedTask;

    public void Ecrire(NpgsqlBinaryImporter copie, Guid id, Guid candidatureId, ContenuFiche f, DateTimeOffset maintenant) =>
        EcrireFiche(copie, id, candidatureId, f);

    // Temporary tables have no statistics: without them the checks and the merge get nested-loop plans.
    // So has the partition a first import attached, until autovacuum gets to it: a re-import right after it would match
    // by nested loops (12 s instead of 0.5 for a 2022-sized file). Only the matching columns: a tenth of the full cost.
    public async Task ApresCopieAsync(NpgsqlConnection connexion, CancellationToken ct)
    {
        await ChargeurImport.ExecuterAsync(connexion, "ANALYZE import_lignes", ct);
        var partition = Sql.Partition(annee);
        await using (var sans = ChargeurImport.Commande(Sql.SansStatistiques, connexion))
        {
            sans.Parameters.AddWithValue("table", partition);
            if (!(bool)(await sans.ExecuteScalarAsync(ct))!) return;
        }
        await ChargeurImport.ExecuterAsync(connexion, Sql.AnalyserPourCorrespondance(partition), ct);
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
