using Labels.Domain.Collectivites;
using Npgsql;
using NpgsqlTypes;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// The file's dossiers, one per collectivité code, kept in memory while it is read (a few thousand at
/// most, even for a hundred years' worth of fiches): the COG and the édition's candidatures are read
/// once beforehand, so that each line's code is checked and its candidature known as the line is read,
/// and the rules between a dossier's lines (one dossier per collectivité in JSON, one distinction) are
/// checked here with the place of the first line in the message.
/// </summary>
internal sealed class Dossiers
{
    private readonly HashSet<string> _cog;
    private readonly Dictionary<string, (Guid Id, bool AvecFiches)> _existantes;
    private readonly Dictionary<string, DossierDuFichier> _parCode = new(StringComparer.Ordinal);
    private readonly bool _json;
    private readonly ErreursDuFichier _erreurs;
    private readonly DateTimeOffset _maintenant;

    private Dossiers(HashSet<string> cog, Dictionary<string, (Guid, bool)> existantes, bool json, ErreursDuFichier erreurs,
        DateTimeOffset maintenant)
    {
        _cog = cog;
        _existantes = existantes;
        _json = json;
        _erreurs = erreurs;
        _maintenant = maintenant;
    }

    /// <summary>Whether some candidature of the édition already has fiches: then the file's fiches must be matched to them.</summary>
    public bool EditionAvecFiches => _existantes.Values.Any(e => e.AvecFiches);

    public static async Task<Dossiers> ChargerAsync(NpgsqlConnection connexion, int annee, bool json, ErreursDuFichier erreurs,
        DateTimeOffset maintenant, CancellationToken ct)
    {
        var cog = new HashSet<string>(StringComparer.Ordinal);
        await using (var commande = CommandesImport.Commande(Sql.CodesDuCog, connexion))
        await using (var r = await commande.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) cog.Add(r.GetString(0));
        var existantes = new Dictionary<string, (Guid, bool)>(StringComparer.Ordinal);
        await using (var commande = CommandesImport.Commande(Sql.CandidaturesDeLEdition, connexion))
        {
            commande.Parameters.AddWithValue("annee", annee);
            commande.Parameters.AddWithValue("intercommunalite", nameof(TypeCollectivite.Intercommunalite));
            await using var r = await commande.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                if (!r.IsDBNull(0)) existantes[r.GetString(0)] = (r.GetGuid(1), r.GetBoolean(2));
        }
        return new Dossiers(cog, existantes, json, erreurs, maintenant);
    }

    /// <summary>The dossier of a well-formed code, or null (and an error) when the COG does not know it.</summary>
    public DossierDuFichier? Voir(string code, Origine origine)
    {
        if (_parCode.TryGetValue(code, out var dossier))
        {
            if (_json)
                _erreurs.Ajouter(null, origine.Chemin(".collectivite"), "collectivite",
                    $"La collectivité {code} a déjà un dossier dans ce fichier ({dossier.Premiere.Decrire()}).");
            return dossier;
        }
        if (!_cog.Contains(code))
        {
            _erreurs.Ajouter(origine.Ligne, origine.Chemin(code.Length == 9 ? ".collectivite.siren" : ".collectivite.codeInsee"), "collectivite",
                $"Le COG ne connaît pas la collectivité {code}.");
            return null;
        }
        dossier = _existantes.TryGetValue(code, out var existante)
            ? new DossierDuFichier(code, existante.Id, existante: true, _maintenant) { Premiere = origine }
            : new DossierDuFichier(code, Guid.CreateVersion7(_maintenant), existante: false, _maintenant) { Premiere = origine };
        _parCode.Add(code, dossier);
        return dossier;
    }

    /// <summary>A distinction given for the dossier: the first one stands, any other line must give the same.</summary>
    public void Distinction(DossierDuFichier dossier, Origine origine, int? arobases, string[]? mentions)
    {
        if (arobases is null) return;
        if (dossier.Arobases is null)
        {
            (dossier.Arobases, dossier.Mentions, dossier.OrigineDistinction) = (arobases, mentions ?? [], origine);
            return;
        }
        if (dossier.Arobases != arobases || !dossier.Mentions!.SequenceEqual(mentions ?? []))
            _erreurs.Ajouter(origine.Ligne, origine.Chemin(".distinction"), "arobases",
                $"La distinction de {dossier.Code} diffère de celle donnée plus haut ({dossier.OrigineDistinction.Decrire()}).");
    }

    /// <summary>The dossiers into a temporary table, for the checks and the merge.</summary>
    public async Task CopierAsync(NpgsqlConnection connexion, CancellationToken ct)
    {
        await CommandesImport.ExecuterAsync(connexion, Sql.CreerDossiers, ct);
        await using var copie = await connexion.BeginBinaryImportAsync(Sql.CopieDossiers, ct);
        copie.Timeout = CommandesImport.SansLimite;
        foreach (var (code, d) in _parCode)
        {
            await copie.StartRowAsync(ct);
            await copie.WriteAsync(code, NpgsqlDbType.Text, ct);
            await copie.WriteAsync(d.CandidatureId, NpgsqlDbType.Uuid, ct);
            await copie.WriteAsync(d.Existante, NpgsqlDbType.Boolean, ct);
            await copie.WriteAsync(d.Fiches, NpgsqlDbType.Integer, ct);
            if (d.CollectiviteId is { } collectivite) await copie.WriteAsync(collectivite, NpgsqlDbType.Uuid, ct);
            else await copie.WriteNullAsync(ct);
            await copie.WriteAsync(d.DistinctionId, NpgsqlDbType.Uuid, ct);
            if (d.Arobases is { } a) await copie.WriteAsync(a, NpgsqlDbType.Integer, ct);
            else await copie.WriteNullAsync(ct);
            if (d.Mentions is { } m) await copie.WriteAsync(m, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            else await copie.WriteNullAsync(ct);
        }
        await copie.CompleteAsync(ct);
    }
}
