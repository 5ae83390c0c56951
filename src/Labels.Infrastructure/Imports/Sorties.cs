using System.Buffers.Binary;
using System.Security.Cryptography;
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
    string ReferencesEnDouble { get; }
    string TitresEnDouble { get; }
    string Fusion { get; }
}

/// <summary>
/// A first import into an édition that has no fiche yet, the yearly case: nothing to match, so the
/// fiches stream by COPY straight into their table, which PostgreSQL fills while the file is still
/// being read. The foreign key to candidatures and the (dossier, reference) uniqueness are deferred to
/// the commit, so that the candidatures are created after their fiches and duplicates are found by
/// one query over the import's fiches, then reported, rather than aborting the COPY at the first.
/// </summary>
internal sealed class SortieDirecte : ISortieFiches
{
    public bool Directe => true;
    public string Copie => Sql.CopieDirecte;
    public string ReferencesEnDouble => Sql.ReferencesEnDoubleDirect;
    public string TitresEnDouble => Sql.TitresEnDoubleDirect;
    public string Fusion => Sql.FusionDirecte;

    public async Task PreparerAsync(NpgsqlConnection connexion, CancellationToken ct)
    {
        await using var commande = new NpgsqlCommand(Sql.ContraintesDifferees, connexion);
        await commande.ExecuteNonQueryAsync(ct);
    }

    public void Ecrire(NpgsqlBinaryImporter copie, Guid id, Guid candidatureId, ContenuFiche f, DateTimeOffset maintenant)
    {
        SortieStaging.EcrireFiche(copie, id, candidatureId, f);
        copie.Write(maintenant, NpgsqlDbType.TimestampTz);
        copie.Write(maintenant, NpgsqlDbType.TimestampTz);
    }

    public Task ApresCopieAsync(NpgsqlConnection connexion, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>An édition that already has fiches: the file's fiches are staged, then matched by natural key and merged.</summary>
internal sealed class SortieStaging : ISortieFiches
{
    public bool Directe => false;
    public string Copie => Sql.CopieStaging;
    public string ReferencesEnDouble => Sql.ReferencesEnDoubleStaging;
    public string TitresEnDouble => Sql.TitresEnDoubleStaging;
    public string Fusion => Sql.FusionStaging;

    public async Task PreparerAsync(NpgsqlConnection connexion, CancellationToken ct)
    {
        await using var commande = new NpgsqlCommand(Sql.CreerStaging, connexion);
        await commande.ExecuteNonQueryAsync(ct);
    }

    public void Ecrire(NpgsqlBinaryImporter copie, Guid id, Guid candidatureId, ContenuFiche f, DateTimeOffset maintenant) =>
        EcrireFiche(copie, id, candidatureId, f);

    // Temporary tables have no statistics: without them the checks and the merge get nested-loop plans.
    public async Task ApresCopieAsync(NpgsqlConnection connexion, CancellationToken ct)
    {
        await using var commande = new NpgsqlCommand("ANALYZE import_lignes", connexion) { CommandTimeout = 0 };
        await commande.ExecuteNonQueryAsync(ct);
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
