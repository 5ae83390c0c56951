using Npgsql;

namespace Labels.Infrastructure.Imports;

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
        ErreursDuFichier erreurs, Func<string, string, string> message, CancellationToken ct)
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
        FichesDuFichier fiches, bool json, ErreursDuFichier erreurs, Func<string, string, string> message, CancellationToken ct)
    {
        await using var commande = CommandesImport.Commande(sql(refusees.Nombre == 0 ? table : Sql.AvecRefusees(table)), connexion);
        if (refusees.Nombre > 0) refusees.Parametrer(commande);
        await LireAsync(commande, champ, fiches, json, erreurs, message, ct);
    }
}
