using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Labels.Domain.Candidatures;
using Npgsql;
using NpgsqlTypes;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// A first import into an édition that has no fiche yet, the yearly case: nothing to match, so the
/// fiches stream by COPY into a table of their own, which PostgreSQL fills while the file is still
/// being read, and which becomes the édition's partition of fiches_actions once the dossiers are
/// merged. Attaching it checks the foreign key to candidatures with one query, where rows inserted into
/// fiches_actions would have been checked one by one at the commit (README, Benchmarks, for what that cost).
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

    public Task PreparerAsync(NpgsqlConnection connexion, CancellationToken ct) => CommandesImport.ExecuterAsync(connexion, Sql.CreerPartition(_table, annee), ct);

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

    public Task TerminerAsync(NpgsqlConnection connexion, CancellationToken ct) => CommandesImport.ExecuterAsync(connexion, Sql.Attacher(_table, annee), ct);

    /// <summary>
    /// References: the deferred unique constraint noted every possible clash while the COPY ran; checking it now costs
    /// nothing when there is none, and when there is, the full list is read. Titles: only the pairs whose hash was seen twice.
    /// The table holds this import's fiches only: one written meanwhile through the API is in another partition, and
    /// makes attaching this one fail. Refused fiches, which the constraint and the reading's hashes did not see, are added to
    /// both: the file is refused then, and its refusal names their duplicates too.
    /// </summary>
    public async Task VerifierDoublonsAsync(NpgsqlConnection connexion, FichesDuFichier fiches, FichesRefusees refusees, bool json,
        ErreursDuFichier erreurs, CancellationToken ct)
    {
        await VerifierReferencesAsync(connexion, fiches, refusees, json, erreurs, ct);
        foreach (var (candidature, titre) in refusees.Titres())
            if (!_titres.Add(Empreinte(candidature, titre))) _titresSuspects.Add((candidature, titre));
        if (_titresSuspects.Count == 0) return;
        await using var commande = CommandesImport.Commande(Sql.TitresEnDoubleDirect(refusees.Nombre == 0 ? _table : Sql.AvecRefusees(_table)), connexion);
        commande.Parameters.AddWithValue("candidatures", _titresSuspects.Select(s => s.Candidature).ToArray());
        commande.Parameters.AddWithValue("titres", _titresSuspects.Select(s => s.Titre).ToArray());
        if (refusees.Nombre > 0) refusees.Parametrer(commande);
        await Doublons.LireAsync(commande, Doublons.ChampTitre, fiches, json, erreurs, Doublons.MessageTitre, ct);
    }

    private async Task VerifierReferencesAsync(NpgsqlConnection connexion, FichesDuFichier fiches, FichesRefusees refusees, bool json,
        ErreursDuFichier erreurs, CancellationToken ct)
    {
        // The constraint has not seen the refused references: the list is read whole, over both.
        if (refusees.AvecReference)
        {
            await Doublons.LireAsync(connexion, Sql.ReferencesEnDouble, _table, refusees, Doublons.ChampReference, fiches, json, erreurs,
                Doublons.MessageReference, ct);
            return;
        }
        await CommandesImport.ExecuterAsync(connexion, "SAVEPOINT doublons", ct);
        try
        {
            await CommandesImport.ExecuterAsync(connexion, $"SET CONSTRAINTS {_table}_reference IMMEDIATE", ct);
            await CommandesImport.ExecuterAsync(connexion, "RELEASE SAVEPOINT doublons", ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            await CommandesImport.ExecuterAsync(connexion, "ROLLBACK TO SAVEPOINT doublons", ct);
            await Doublons.LireAsync(connexion, Sql.ReferencesEnDouble, _table, refusees, Doublons.ChampReference, fiches, json, erreurs,
                Doublons.MessageReference, ct);
        }
    }

}
