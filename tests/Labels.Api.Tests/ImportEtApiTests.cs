using System.Globalization;
using Labels.Domain.Distinctions;
using Npgsql;

namespace Labels.Api.Tests;

/// <summary>
/// The import writes its rows with SQL of its own, which restates rules of the entities (docs/import.md, « What the import's
/// SQL restates of the entities »). The same dossiers, written through the API and imported — as JSON and as CSV, into an
/// édition without fiches (straight into its partition) and into one with fiches (through the staging table) — make the same
/// rows, column by column.
/// </summary>
public sealed class ImportEtApiTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private const string ParEnjeux = "enjeux";
    private const string ParServices = "services";
    private const string Historique = "historique";

    /// <summary>A dossier written before the import, so that its fiches are staged; not one of those compared.</summary>
    private const string DossierDejaLa = "62041";

    private static int Annee(string genre) => genre == Historique ? 2021 : 2022;

    /// <summary>
    /// Codes as an édition classes them: by services (their enjeux follow), or by enjeux when it has no services. Each service
    /// below belongs to the enjeu given in <see cref="ReferentielAvecServices"/>.
    /// </summary>
    private static readonly Dictionary<string, string> EnjeuDuService = new()
    {
        ["ent"] = "education", ["tablettes"] = "education", ["mediatheque"] = "culture", ["portail"] = "services-publics", ["paiement"] = "services-publics",
    };

    private static readonly object ReferentielAvecServices = new
    {
        enjeux = EnjeuDuService.GroupBy(s => s.Value).Select(e => new { code = e.Key, nom = e.Key, services = e.Select(s => new { code = s.Key, nom = s.Key }) }),
        mentions = Array.Empty<object>(),
    };

    /// <summary>
    /// A fiche as the API takes it, which is also a fiche of the JSON format. Texts to be trimmed, a blank summary, codes
    /// repeated and out of order, a link repeated and one with blanks around it: what the canonical form of a fiche settles.
    /// </summary>
    private static JsonObject Fiche(string genre, string? reference, string titre, string? resume, string description, string debut, string? fin,
        string[] services, params string[] liens)
    {
        var fiche = new JsonObject
        {
            ["reference"] = reference, ["titre"] = titre, ["resume"] = resume, ["description"] = description,
            ["dateDebut"] = debut, ["dateFin"] = fin, ["enCours"] = fin is null,
            ["liens"] = new JsonArray(liens.Select(l => (JsonNode?)l).ToArray()),
        };
        // An édition without services takes the enjeux those services would have given, in the order they are written.
        fiche[genre == ParServices ? "services" : "enjeux"] =
            new JsonArray((genre == ParServices ? services : services.Select(s => EnjeuDuService[s])).Select(c => (JsonNode?)c).ToArray());
        return fiche;
    }

    /// <summary>
    /// The dossiers: a commune of exactly the threshold (a ville), one just under it (a village), one the COG gives no population
    /// (a village of 0), an EPCI, and a commune of Corsica without fiches. An archived édition gives some a distinction, its mentions
    /// repeated and out of order.
    /// </summary>
    private static (string Code, JsonObject[] Fiches, (int Arobases, string[] Mentions)? Distinction)[] Dossiers(string genre) =>
    [
        ("17190", [
            Fiche(genre, "  HOU-1 ", "  Portail citoyen ", "   ", "  Démarches en ligne\net paiement  ", "2021-03-01", null,
                ["portail", "ent", "portail", "paiement"], "https://houmeau.fr/b", " https://houmeau.fr/a ", "https://houmeau.fr/b"),
            Fiche(genre, null, "Médiathèque numérique", "Prêt de liseuses.", "Liseuses et tablettes", "2020-09-01", "2021-06-30",
                ["mediatheque", "tablettes"]),
            // Over two years old at any close of candidatures: kept, though it does not count.
            Fiche(genre, "HOU-3", "Ancien site", null, "Refonte du site", "2018-01-15", "2019-02-01", ["portail"], "https://houmeau.fr/ancien"),
        ], (4, ["mediation-numerique", "arobase-verte", "mediation-numerique"])),
        ("62770", [
            Fiche(genre, "SV-1", "Tablettes à l'école", "Des tablettes ; pour « tous », et des \"guillemets\" | une barre", "École numérique",
                "2022-01-10", null, ["tablettes"], "https://saint-venant.fr/ecole"),
        ], null),
        ("98411", [Fiche(genre, null, "Station connectée", null, "Relevés météo", "2021-11-30", null, ["portail"])], null),
        ("200033579", [
            Fiche(genre, "CUA-1", "Fibre pour tous", "Déploiement", "Très haut débit", "2019-05-01", "2022-03-31", ["paiement", "portail"],
                "https://cu-arras.fr/fibre"),
        ], (2, [])),
        ("2A004", [], (1, ["democratie-locale"])),
    ];

    private static string[] Codes(string genre) => Dossiers(genre).Select(d => d.Code).ToArray();

    private async Task<HttpClient> PreparerEditionAsync(string genre)
    {
        var admin = await AdminAsync();
        if (genre == Historique) await EditionAsync(admin, Annee(genre), historique: true);
        else await EditionAsync(admin, Annee(genre), "candidatures");
        if (genre == ParServices)
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/editions/{Annee(genre)}/referentiel", ReferentielAvecServices)).StatusCode);
        return admin;
    }

    /// <summary>
    /// The dossiers through the API, as a collectivité and the staff write them: collectivité, candidature, fiches, deposit. An
    /// archived édition takes no deposit (it never accepts candidatures) and no distinction (they come from a jury).
    /// </summary>
    private async Task ParLApiAsync(string genre)
    {
        var admin = await PreparerEditionAsync(genre);
        foreach (var (code, fiches, _) in Dossiers(genre))
        {
            var collectivite = await CollectiviteAsync(admin, code);
            var candidature = await CandidatureAsync(admin, Annee(genre), collectivite);
            foreach (var fiche in fiches)
            {
                var reponse = await admin.PostAsync($"/api/v1/candidatures/{candidature}/fiches",
                    new StringContent(fiche.ToJsonString(), Encoding.UTF8, "application/json"));
                Assert.True(reponse.StatusCode == HttpStatusCode.Created, await reponse.Content.ReadAsStringAsync());
            }
            var depot = await admin.PostAsync($"/api/v1/candidatures/{candidature}/depot", null);
            if (genre == Historique) await ProblemeAsync(depot, HttpStatusCode.Conflict);
            else Assert.Equal(HttpStatusCode.OK, depot.StatusCode);
        }
    }

    private static string FichierJson(string genre) => new JsonObject
    {
        ["dossiers"] = new JsonArray(Dossiers(genre).Select(d =>
        {
            var dossier = new JsonObject
            {
                ["collectivite"] = d.Code.Length == 9 ? new JsonObject { ["siren"] = d.Code } : new JsonObject { ["codeInsee"] = d.Code },
                ["fiches"] = new JsonArray(d.Fiches.Select(f => f.DeepClone()).ToArray()),
            };
            if (genre == Historique && d.Distinction is { } x)
                dossier["distinction"] = new JsonObject { ["arobases"] = x.Arobases, ["mentions"] = new JsonArray(x.Mentions.Select(m => (JsonNode?)m).ToArray()) };
            return (JsonNode?)dossier;
        }).ToArray()),
    }.ToJsonString();

    /// <summary>
    /// The same dossiers as a CSV: every cell quoted (RFC 4180), start dates as French spreadsheets write them, lists separated by
    /// « | » with blanks around, a distinction on its dossier's first line, a dossier without fiches on a line of its own.
    /// </summary>
    private static string FichierCsv(string genre)
    {
        static string Cellule(string? valeur) => valeur is null ? "" : $"\"{valeur.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        static string? Texte(JsonObject fiche, string nom) => fiche[nom]?.GetValue<string>();
        static string Liste(JsonObject fiche, string nom) => fiche[nom] is JsonArray a ? string.Join(" | ", a.Select(v => v!.GetValue<string>())) : "";
        var csv = new StringBuilder("collectivite;arobases;mentions;reference;titre;resume;description;dateDebut;dateFin;enCours;enjeux;services;liens\n");
        foreach (var (code, fiches, distinction) in Dossiers(genre))
        {
            var (arobases, mentions) = genre == Historique && distinction is { } x
                ? (x.Arobases.ToString(CultureInfo.InvariantCulture), string.Join('|', x.Mentions))
                : ("", "");
            if (fiches.Length == 0) csv.Append(CultureInfo.InvariantCulture, $"{code};{arobases};{Cellule(mentions)};;;;;;;;;;\n");
            foreach (var f in fiches)
            {
                var debut = DateOnly.ParseExact(Texte(f, "dateDebut")!, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
                csv.AppendJoin(';', code, arobases, Cellule(mentions), Cellule(Texte(f, "reference")), Cellule(Texte(f, "titre")), Cellule(Texte(f, "resume")),
                    Cellule(Texte(f, "description")), debut, Texte(f, "dateFin") ?? "", f["enCours"]!.GetValue<bool>() ? "oui" : "non",
                    Cellule(Liste(f, "enjeux")), Cellule(Liste(f, "services")), Cellule(Liste(f, "liens"))).Append('\n');
                (arobases, mentions) = ("", "");
            }
        }
        return csv.ToString();
    }

    /// <summary>
    /// The dossiers by import. Staged: a first import of another dossier gives the édition its fiches, so that this one matches
    /// its fiches by natural key rather than writing them straight into the partition.
    /// </summary>
    private async Task ParImportAsync(string genre, string format, bool staging)
    {
        var admin = await PreparerEditionAsync(genre);
        if (staging)
        {
            var autre = new JsonObject
            {
                ["dossiers"] = new JsonArray(new JsonObject
                {
                    ["collectivite"] = new JsonObject { ["codeInsee"] = DossierDejaLa },
                    ["fiches"] = new JsonArray(Fiche(genre, "ARR-1", "Déjà là", null, "Avant l'import", "2021-01-01", null, ["ent"])),
                }),
            };
            Assert.Equal(HttpStatusCode.OK, (await Importer(admin, genre, autre.ToJsonString(), "application/json")).StatusCode);
        }
        var reponse = await Importer(admin, genre, format == "json" ? FichierJson(genre) : FichierCsv(genre), format == "json" ? "application/json" : "text/csv");
        var rapport = await LireAsync(reponse);
        Assert.True(reponse.StatusCode == HttpStatusCode.OK, rapport.ToJsonString());
        Assert.Equal(Dossiers(genre).Length, rapport["dossiers"]!["created"]!.GetValue<int>());
        Assert.Equal(Dossiers(genre).Sum(d => d.Fiches.Length), rapport["fiches"]!["created"]!.GetValue<int>());
    }

    private static Task<HttpResponseMessage> Importer(HttpClient admin, string genre, string texte, string type) =>
        admin.PostAsync($"/api/v1/editions/{Annee(genre)}/imports", new StringContent(texte, Encoding.UTF8, type));

    /// <summary>
    /// Every column of the rows of these collectivités — collectivité, candidature, fiches, distinction — keyed by table and natural
    /// key. All columns are read (to_jsonb), so that one added later is compared too; left out are only:
    /// - the ids, chosen by each write (a row is named by its natural key instead, and a foreign key by the code of its
    ///   collectivité); that each is a UUIDv7, as the entities make them, is kept (id_v7);
    /// - the instants of the writes (created_at, updated_at, deposee_le), which are each write's own: the API writes a dossier in
    ///   several requests, the import at one instant. What the entities say of them is kept: a deposit has its instant, not
    ///   before the dossier's creation; a fiche just written was updated when it was created.
    /// </summary>
    private async Task<Dictionary<string, JsonObject>> LignesAsync(string[] codes)
    {
        const string sql = """
            SELECT jsonb_build_object('table', 'collectivites', 'cle', coalesce(c.code_insee, c.siren), 'id_v7', substr(c.id::text, 15, 1) = '7')
                   || (to_jsonb(c) - 'id' - 'created_at')
            FROM collectivites c WHERE coalesce(c.code_insee, c.siren) = ANY(@codes)
            UNION ALL
            SELECT jsonb_build_object('table', 'candidatures', 'cle', coalesce(co.code_insee, co.siren), 'id_v7', substr(ca.id::text, 15, 1) = '7',
                       'deposee_le_renseignee', ca.deposee_le IS NOT NULL, 'deposee_apres_creation', ca.deposee_le >= ca.created_at)
                   || (to_jsonb(ca) - 'id' - 'collectivite_id' - 'created_at' - 'deposee_le')
            FROM candidatures ca JOIN collectivites co ON co.id = ca.collectivite_id WHERE coalesce(co.code_insee, co.siren) = ANY(@codes)
            UNION ALL
            SELECT jsonb_build_object('table', 'fiches_actions',
                       'cle', coalesce(co.code_insee, co.siren) || ' ' || coalesce('reference ' || f.reference, 'titre ' || f.titre),
                       'id_v7', substr(f.id::text, 15, 1) = '7', 'edition_de_sa_candidature', f.edition_annee = ca.edition_annee,
                       'mise_a_jour_a_sa_creation', f.updated_at = f.created_at)
                   || (to_jsonb(f) - 'id' - 'candidature_id' - 'created_at' - 'updated_at')
            FROM fiches_actions f JOIN candidatures ca ON ca.id = f.candidature_id JOIN collectivites co ON co.id = ca.collectivite_id
            WHERE coalesce(co.code_insee, co.siren) = ANY(@codes)
            UNION ALL
            SELECT jsonb_build_object('table', 'distinctions', 'cle', coalesce(co.code_insee, co.siren), 'id_v7', substr(d.id::text, 15, 1) = '7',
                       'collectivite_de_sa_candidature', d.collectivite_id = ca.collectivite_id, 'edition_de_sa_candidature', d.edition_annee = ca.edition_annee)
                   || (to_jsonb(d) - 'id' - 'candidature_id' - 'collectivite_id' - 'updated_at')
            FROM distinctions d JOIN candidatures ca ON ca.id = d.candidature_id JOIN collectivites co ON co.id = ca.collectivite_id
            WHERE coalesce(co.code_insee, co.siren) = ANY(@codes)
            """;
        await using var connexion = new NpgsqlConnection(Factory.ChaineDeConnexion);
        await connexion.OpenAsync();
        await using var commande = new NpgsqlCommand(sql, connexion);
        commande.Parameters.AddWithValue("codes", codes);
        var lignes = new Dictionary<string, JsonObject>();
        await using var lecteur = await commande.ExecuteReaderAsync();
        while (await lecteur.ReadAsync())
        {
            var ligne = JsonNode.Parse(lecteur.GetString(0))!.AsObject();
            lignes.Add($"{ligne["table"]} {ligne["cle"]}", ligne);
        }
        return lignes;
    }

    /// <summary>Every difference at once, row and column named: one that differs rarely comes alone.</summary>
    private static void Comparer(string quoi, Dictionary<string, JsonObject> attendues, Dictionary<string, JsonObject> lues)
    {
        Assert.Equal(attendues.Keys.Order(StringComparer.Ordinal), lues.Keys.Order(StringComparer.Ordinal));
        var ecarts = new List<string>();
        foreach (var (cle, attendue) in attendues)
        {
            var lue = lues[cle];
            Assert.Equal(attendue.Select(c => c.Key).Order(StringComparer.Ordinal), lue.Select(c => c.Key).Order(StringComparer.Ordinal));
            foreach (var (colonne, valeur) in attendue)
                if (!JsonNode.DeepEquals(valeur, lue[colonne]))
                    ecarts.Add($"{cle}, colonne {colonne} : {valeur?.ToJsonString() ?? "null"} attendu, {lue[colonne]?.ToJsonString() ?? "null"} lu");
        }
        Assert.True(ecarts.Count == 0, $"{quoi} :\n{string.Join('\n', ecarts)}");
    }

    private static IEnumerable<(string Cle, JsonObject Ligne)> DeLaTable(Dictionary<string, JsonObject> lignes, string table) =>
        lignes.Where(l => l.Value["table"]!.GetValue<string>() == table).Select(l => (l.Key, l.Value));

    [Theory]
    [InlineData(ParEnjeux)]
    [InlineData(ParServices)]
    [InlineData(Historique)]
    public async Task Un_import_ecrit_les_memes_lignes_que_l_api(string genre)
    {
        var codes = Codes(genre);
        await ParLApiAsync(genre);
        var parLApi = await LignesAsync(codes);
        Assert.Equal(codes.Length * 2 + Dossiers(genre).Sum(d => d.Fiches.Length), parLApi.Count);
        Assert.All(parLApi.Values, l => Assert.True(l["id_v7"]!.GetValue<bool>(), l.ToJsonString()));
        if (genre == Historique)
        {
            // An archived édition never accepts candidatures: the API leaves its dossiers drafts, the import files them as
            // deposited (docs/import.md). Said here, then left out of the comparison.
            foreach (var (_, candidature) in DeLaTable(parLApi, "candidatures"))
            {
                Assert.Equal("Brouillon", candidature["statut"]!.GetValue<string>());
                Assert.False(candidature["deposee_le_renseignee"]!.GetValue<bool>());
            }
        }

        Dictionary<string, JsonObject>? premierImport = null;
        foreach (var (format, staging) in new[] { ("json", false), ("csv", false), ("json", true), ("csv", true) })
        {
            await Factory.ReinitialiserAsync();
            await ParImportAsync(genre, format, staging);
            var parLImport = await LignesAsync(codes);
            var quoi = $"import {format}{(staging ? " en staging" : "")}";
            foreach (var (cle, candidature) in DeLaTable(parLImport, "candidatures"))
            {
                Assert.Equal("Deposee", candidature["statut"]!.GetValue<string>());
                Assert.True(candidature["deposee_le_renseignee"]!.GetValue<bool>(), cle);
                Assert.True(candidature["deposee_apres_creation"]!.GetValue<bool>(), cle);
                if (genre != Historique) continue;
                foreach (var colonne in new[] { "statut", "deposee_le_renseignee", "deposee_apres_creation" })
                    candidature[colonne] = parLApi[cle][colonne]?.DeepClone();
            }
            // Distinctions come by import only (an archived édition): each import is compared with the first, and the first with
            // the entity below.
            var distinctions = DeLaTable(parLImport, "distinctions").ToList();
            Assert.Equal(genre == Historique ? Dossiers(genre).Count(d => d.Distinction is not null) : 0, distinctions.Count);
            Assert.All(distinctions, d => Assert.True(d.Ligne["id_v7"]!.GetValue<bool>(), d.Ligne.ToJsonString()));
            if (premierImport is not null) Comparer(quoi, DeLaTable(premierImport, "distinctions").ToDictionary(), distinctions.ToDictionary());
            foreach (var (cle, _) in distinctions) parLImport.Remove(cle);
            Comparer(quoi, parLApi, parLImport);
            if (premierImport is null && genre == Historique) await DistinctionsCommeLEntiteAsync(genre);
            premierImport ??= distinctions.ToDictionary();
        }
    }

    /// <summary>What <see cref="Distinction.Attribuer"/> makes of each distinction of the file, against what the import wrote.</summary>
    private Task DistinctionsCommeLEntiteAsync(string genre) => Factory.DansLaBaseAsync(async db =>
    {
        var edition = await db.Editions.AsNoTracking().SingleAsync(e => e.Annee == Annee(genre));
        foreach (var (code, _, distinction) in Dossiers(genre))
        {
            if (distinction is not { } d) continue;
            var (insee, siren) = code.Length == 9 ? (null, code) : (code, (string?)null);
            var candidature = await db.Candidatures.AsNoTracking().SingleAsync(c => c.EditionAnnee == edition.Annee
                && db.Collectivites.Any(x => x.Id == c.CollectiviteId && (insee != null ? x.CodeInsee == insee : x.Siren == siren)));
            var attendue = Distinction.Attribuer(candidature, edition, d.Arobases, d.Mentions, DateTimeOffset.UtcNow);
            var ecrite = await db.Distinctions.AsNoTracking().SingleAsync(x => x.CandidatureId == candidature.Id);
            Assert.Equal(
                (attendue.EditionAnnee, attendue.CollectiviteId, attendue.Arobases, string.Join('|', attendue.Mentions), attendue.ArobasesProposees, attendue.Justification),
                (ecrite.EditionAnnee, ecrite.CollectiviteId, ecrite.Arobases, string.Join('|', ecrite.Mentions), ecrite.ArobasesProposees, ecrite.Justification));
        }
        return 0;
    });
}
