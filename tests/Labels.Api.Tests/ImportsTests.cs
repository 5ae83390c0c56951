using System.Security.Cryptography;
using Labels.Domain.Imports;
using Npgsql;

namespace Labels.Api.Tests;

public sealed class ImportsTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private static readonly string Json2022 = """
        { "dossiers": [
          { "collectivite": { "codeInsee": "62041" },
            "fiches": [
              { "reference": "ARR-001", "titre": "Portail citoyen", "description": "Démarches en ligne", "dateDebut": "2021-03-01", "enCours": true, "enjeux": ["services-publics"] },
              { "titre": "Médiathèque numérique", "description": "Prêt de liseuses", "dateDebut": "2020-09-01", "dateFin": "2021-06-30", "enCours": false, "enjeux": ["culture", "education"], "liens": ["https://arras.fr/mediatheque"] } ] },
          { "collectivite": { "siren": "200033579" },
            "fiches": [ { "reference": "CUA-1", "titre": "Fibre pour tous", "description": "Déploiement", "dateDebut": "2021-01-01", "enCours": true, "enjeux": ["attractivite"] } ] },
          { "collectivite": { "codeInsee": "57059" } } ] }
        """;

    private static HttpContent Contenu(string texte, string type = "application/json") => new StringContent(texte, Encoding.UTF8, type);

    private static Task<HttpResponseMessage> ImporterAsync(HttpClient client, string texte, string type = "application/json", string requete = "", int annee = 2022) =>
        client.PostAsync($"/api/v1/editions/{annee}/imports{requete}", Contenu(texte, type));

    private Task<(int Collectivites, int Candidatures, int Fiches, int Distinctions)> ComptesAsync() => Factory.DansLaBaseAsync(async db =>
        (await db.Collectivites.CountAsync(), await db.Candidatures.CountAsync(), await db.Fiches.CountAsync(), await db.Distinctions.CountAsync()));

    private Task<int> StatistiquesAsync(string table) => Factory.DansLaBaseAsync(db => db.Database
        .SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM pg_stats WHERE schemaname = current_schema() AND tablename = {table}").SingleAsync());

    private static void Compteurs(JsonNode rapport, string genre, int crees, int modifies, int inchanges)
    {
        Assert.Equal(crees, rapport[genre]!["created"]!.GetValue<int>());
        Assert.Equal(modifies, rapport[genre]!["updated"]!.GetValue<int>());
        Assert.Equal(inchanges, rapport[genre]!["unchanged"]!.GetValue<int>());
    }

    [Fact]
    public async Task Un_json_se_charge_puis_se_recharge_sans_rien_changer()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var premiere = await ImporterAsync(admin, Json2022);
        Assert.Equal(HttpStatusCode.OK, premiere.StatusCode);
        var rapport = await LireAsync(premiere);
        Assert.Equal("applique", rapport["status"]!.GetValue<string>());
        Compteurs(rapport, "dossiers", 3, 0, 0);
        Compteurs(rapport, "fiches", 3, 0, 0);
        Assert.Empty(rapport["errors"]!.AsArray());
        Assert.Equal((3, 3, 3, 0), await ComptesAsync());

        var arras = await Factory.DansLaBaseAsync(db => db.Collectivites.SingleAsync(c => c.CodeInsee == "62041"));
        Assert.Equal("Arras", arras.Nom);
        var cu = await Factory.DansLaBaseAsync(db => db.Collectivites.SingleAsync(c => c.Siren == "200033579"));
        Assert.Equal(Labels.Domain.Collectivites.Categorie.Intercommunalite, cu.Categorie);
        var mediatheque = await Factory.DansLaBaseAsync(db => db.Fiches.SingleAsync(f => f.Titre == "Médiathèque numérique"));
        Assert.Equal(["culture", "education"], mediatheque.Enjeux);
        Assert.Equal(new DateOnly(2021, 6, 30), mediatheque.DateFin);

        // The first import attached the édition's partition, which has no statistics (three rows: autovacuum leaves it).
        Assert.Equal(0, await StatistiquesAsync("fiches_actions_2022"));
        var seconde = await LireAsync(await ImporterAsync(admin, Json2022));
        Compteurs(seconde, "dossiers", 0, 0, 3);
        Compteurs(seconde, "fiches", 0, 0, 3);
        Assert.Equal((3, 3, 3, 0), await ComptesAsync());
        // The re-import analysed the columns it matches on, so its plan is not made blind.
        Assert.Equal(4, await StatistiquesAsync("fiches_actions_2022"));

        // A changed fiche is updated in place, matched by its reference, or by its title when it has none.
        var modifie = Json2022.Replace("Démarches en ligne", "Démarches et paiements en ligne").Replace("Prêt de liseuses", "Prêt de liseuses et tablettes");
        var troisieme = await LireAsync(await ImporterAsync(admin, modifie));
        Compteurs(troisieme, "dossiers", 0, 1, 2);
        Compteurs(troisieme, "fiches", 0, 2, 1);
        Assert.Equal((3, 3, 3, 0), await ComptesAsync());
        Assert.Equal("Démarches et paiements en ligne",
            await Factory.DansLaBaseAsync(db => db.Fiches.Where(f => f.Reference == "ARR-001").Select(f => f.Description).SingleAsync()));

        var imports = await Factory.DansLaBaseAsync(db => db.Imports.OrderBy(i => i.DemarreLe).ToListAsync());
        Assert.Equal(3, imports.Count);
        Assert.All(imports, i => Assert.Equal(StatutImport.Applique, i.Statut));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Json2022))), imports[0].Empreinte);
        Assert.NotNull(imports[0].AuteurId);
        var lu = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/imports/{imports[0].Id}");
        Assert.Equal("applique", lu!["statut"]!.GetValue<string>());
        Assert.Equal(3, lu["rapport"]!["fiches"]!["created"]!.GetValue<int>());
        // Who sent it, as README says a run records.
        Assert.Equal(imports[0].AuteurId, lu["auteurId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task Une_fiche_sans_reference_saisie_dans_l_api_est_celle_que_le_fichier_met_a_jour()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var arras = await CollectiviteAsync(admin, "62041");
        var mairie = await CompteAsync("collectivite", arras);
        var dossier = await CandidatureAsync(mairie, 2022, arras);
        var saisie = await mairie.PostAsJsonAsync($"/api/v1/candidatures/{dossier}/fiches", Fiche(titre: "Médiathèque numérique"));
        Assert.Equal(HttpStatusCode.Created, saisie.StatusCode);
        var idSaisie = (await LireAsync(saisie))["id"]!.GetValue<Guid>();

        var rapport = await LireAsync(await ImporterAsync(admin, Json2022));
        Compteurs(rapport, "fiches", 2, 1, 0);
        var mediatheque = await Factory.DansLaBaseAsync(db => db.Fiches.SingleAsync(f => f.Titre == "Médiathèque numérique"));
        Assert.Equal(idSaisie, mediatheque.Id);
        Assert.Equal("Prêt de liseuses", mediatheque.Description);
        Compteurs(await LireAsync(await ImporterAsync(admin, Json2022)), "fiches", 0, 0, 3);
        Assert.Equal((3, 3, 3, 0), await ComptesAsync());
    }

    [Theory]
    [InlineData(",", false, "\n")]
    [InlineData(";", true, "\r\n")]
    public async Task Un_csv_comme_on_en_produit(string sep, bool bom, string finDeLigne)
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        string L(params string[] cellules) => string.Join(sep, cellules) + finDeLigne;
        var csv = L("titre", "collectivite", "reference", "description", "dateDebut", "enCours", "enjeux", "dateFin")
            + L($"\"Portail{sep} citoyen\"", "62041", "ARR-001", "\"Démarches\nen ligne\"", "2021-03-01", "true", "services-publics", "")
            + L("Médiathèque", "62041", "", "Liseuses", "01/09/2020", "non", "culture|education", "2021-06-30")
            + L("", "57059", "", "", "", "", "", "")
            + finDeLigne + finDeLigne;
        var octets = (bom ? Encoding.UTF8.GetPreamble() : []).Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
        var contenu = new ByteArrayContent(octets);
        contenu.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        var reponse = await admin.PostAsync("/api/v1/editions/2022/imports", contenu);
        var rapport = await LireAsync(reponse);
        Assert.True(reponse.StatusCode == HttpStatusCode.OK, rapport.ToJsonString());
        Compteurs(rapport, "dossiers", 2, 0, 0);
        Compteurs(rapport, "fiches", 2, 0, 0);
        var portail = await Factory.DansLaBaseAsync(db => db.Fiches.SingleAsync(f => f.Reference == "ARR-001"));
        Assert.Equal($"Portail{sep} citoyen", portail.Titre);
        Assert.Equal("Démarches\nen ligne", portail.Description);
        Assert.Equal(new DateOnly(2020, 9, 1), await Factory.DansLaBaseAsync(db => db.Fiches.Where(f => f.Titre == "Médiathèque").Select(f => f.DateDebut).SingleAsync()));
        var encore = await admin.PostAsync("/api/v1/editions/2022/imports", new ByteArrayContent(octets) { Headers = { ContentType = contenu.Headers.ContentType } });
        Compteurs(await LireAsync(encore), "fiches", 0, 0, 2);
        // The run records the size of the body it read as it streamed.
        var runs = await admin.GetFromJsonAsync<JsonObject>("/api/v1/editions/2022/imports");
        Assert.All(runs!["items"]!.AsArray(), r => Assert.Equal(octets.Length, r!["octets"]!.GetValue<long>()));
    }

    [Fact]
    public async Task Toutes_les_erreurs_avec_leur_ligne_physique_et_rien_d_ecrit()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var csv = "collectivite;reference;titre;description;dateDebut;enCours;enjeux;mentions\n"   // line 1
            + "62041;R1;Portail;\"Deux\nlignes\";2021-03-01;true;services-publics;\n"             // lines 2-3
            + "62041;R2;Sans date;Texte;;true;culture;\n"                                          // line 4: date
            + "62999;R3;Inconnue;Texte;2021-01-01;true;culture;\n"                                 // line 5: unknown COG code
            + "6204;R4;Malformé;Texte;2021-01-01;true;culture;\n"                                  // line 6: malformed code
            + "62041;R5;Enjeu;Texte;2021-01-01;true;espace;\n"                                     // line 7: unknown enjeu
            + "62041;R1;Doublon;Texte;2021-01-01;true;culture;\n"                                  // line 8: duplicate reference
            + "57059;R6;Distinction;Texte;2021-01-01;true;culture;arobase-verte\n";               // line 9: distinction in a live édition
        var reponse = await ImporterAsync(admin, csv, "text/csv");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reponse.StatusCode);
        var rapport = await LireAsync(reponse);
        Assert.Equal("refuse", rapport["status"]!.GetValue<string>());
        var erreurs = rapport["errors"]!.AsArray().Select(e => (Ligne: e!["line"]!.GetValue<int>(), Champ: e["field"]!.GetValue<string>())).ToList();
        Assert.Contains((4, "dateDebut"), erreurs);
        Assert.Contains((5, "collectivite"), erreurs);
        Assert.Contains((6, "collectivite"), erreurs);
        Assert.Contains((7, "enjeux"), erreurs);
        Assert.Contains((8, "reference"), erreurs);
        Assert.Contains((9, "arobases"), erreurs);
        Assert.DoesNotContain(erreurs, e => e.Ligne is 2 or 3);
        Assert.Equal(erreurs.Count, rapport["errorsTotal"]!.GetValue<int>());
        Assert.All(rapport["errors"]!.AsArray(), e => Assert.Null(e!["path"]));
        Assert.Equal((0, 0, 0, 0), await ComptesAsync());
        Assert.Equal(StatutImport.Refuse, await Factory.DansLaBaseAsync(db => db.Imports.Select(i => i.Statut).SingleAsync()));
    }

    /// <summary>
    /// Into an édition without fiches the fiches go straight to their table and duplicates are found there; otherwise they
    /// are staged and found in the staging table. Both report the same errors, pointing at the first occurrence.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Les_doublons_du_fichier_avec_leur_premiere_occurrence(bool editionAvecFiches)
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        if (editionAvecFiches) Assert.Equal(HttpStatusCode.OK, (await ImporterAsync(admin, Json2022)).StatusCode);
        var avant = await ComptesAsync();
        var csv = "collectivite;reference;titre;description;dateDebut;enCours;enjeux\n"     // line 1
            + "2A004;A-1;Un;D;2021-01-01;true;culture\n"                                  // 2
            + "2A004;;Sans référence;D;2021-01-01;true;culture\n"                         // 3
            + "57059;A-1;Même référence, autre dossier;D;2021-01-01;true;culture\n"       // 4: another dossier, allowed
            + "2A004;A-1;Deux;D;2021-01-01;true;culture\n"                                // 5: reference of line 2
            + "2A004;;Sans référence;D;2021-01-01;true;culture\n"                         // 6: title of line 3
            + "2A004;A-2;Sans référence;D;2021-01-01;true;culture\n"                      // 7: same title with a reference, allowed
            + "2A004;A-1;Trois;D;2021-01-01;true;culture\n";                              // 8: reference of line 2
        var reponse = await ImporterAsync(admin, csv, "text/csv");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reponse.StatusCode);
        var erreurs = (await LireAsync(reponse))["errors"]!.AsArray()
            .Select(e => (e!["line"]!.GetValue<int>(), e["field"]!.GetValue<string>(), e["message"]!.GetValue<string>())).ToArray();
        Assert.Equal([(5, "reference"), (8, "reference"), (6, "titre")], erreurs.Select(e => (e.Item1, e.Item2)));
        Assert.Contains("A-1", erreurs[0].Item3);
        Assert.Contains("(ligne 2)", erreurs[0].Item3);
        Assert.Contains("(ligne 2)", erreurs[1].Item3);
        Assert.Contains("« Sans référence »", erreurs[2].Item3);
        Assert.Contains("(ligne 3)", erreurs[2].Item3);

        var json = """
            { "dossiers": [ { "collectivite": { "codeInsee": "2A004" }, "fiches": [
              { "reference": "J-1", "titre": "Un", "description": "D", "dateDebut": "2021-01-01", "enCours": true, "enjeux": ["culture"] },
              { "reference": "J-2", "titre": "Deux", "description": "D", "dateDebut": "2021-01-01", "enCours": true, "enjeux": ["culture"] },
              { "reference": "J-1", "titre": "Trois", "description": "D", "dateDebut": "2021-01-01", "enCours": true, "enjeux": ["culture"] } ] } ] }
            """;
        var erreurJson = Assert.Single((await LireAsync(await ImporterAsync(admin, json)))["errors"]!.AsArray())!;
        Assert.Equal("$.dossiers[0].fiches[2].reference", erreurJson["path"]!.GetValue<string>());
        Assert.Contains("($.dossiers[0].fiches[0])", erreurJson["message"]!.GetValue<string>());
        Assert.Equal(avant, await ComptesAsync());
    }

    /// <summary>
    /// A fiche refused for an error of its own is not written, yet its reference, or its title when it has none, is taken in
    /// its dossier: the duplicates it takes part in are reported with its error, whether it comes first or second, both ways.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Une_fiche_en_erreur_compte_dans_les_doublons_de_son_dossier(bool editionAvecFiches)
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        if (editionAvecFiches) Assert.Equal(HttpStatusCode.OK, (await ImporterAsync(admin, Json2022)).StatusCode);
        var avant = await ComptesAsync();
        const string csv = """
            collectivite,reference,titre,description,dateDebut,dateFin,enCours,enjeux
            62041,CSV-2,A,D,2021-03-01,,maybe,culture
            62041,CSV-2,B,D,2021-03-01,,true,culture
            62041,,Dup,D,2021-03-01,,true,culture
            62041,,Dup,D,2021-03-01,,vrai,culture
            62041,CSV-3,C,D,2021-03-01,,true,culture
            62041, CSV-3 ,C,D,2021-13-01,,true,culture
            62041,,Refusée,,2021-03-01,,true,culture
            62041,,Refusée,D,2021-03-01,,true,espace
            57059,CSV-2,Autre dossier,D,2021-03-01,,maybe,culture
            """;
        var reponse = await ImporterAsync(admin, csv, "text/csv", "?dryRun=true");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reponse.StatusCode);
        var erreurs = (await LireAsync(reponse))["errors"]!.AsArray()
            .Select(e => (e!["line"]!.GetValue<int>(), e["field"]!.GetValue<string>(), e["message"]!.GetValue<string>())).ToArray();
        Assert.Equal(
        [
            (2, "enCours", "Valeur attendue : true ou false."),
            (7, "dateDebut", "Date invalide « 2021-13-01 » : AAAA-MM-JJ (2022-02-03) ou JJ/MM/AAAA (03/02/2022) attendue."),
            (8, "description", "La description est requise."),
            (9, "enjeux", "Enjeu(x) inconnu(s) dans cette édition : espace."),
            (10, "enCours", "Valeur attendue : true ou false."),
            (3, "reference", "La référence CSV-2 figure déjà dans ce fichier pour cette collectivité (ligne 2)."),
            (7, "reference", "La référence CSV-3 figure déjà dans ce fichier pour cette collectivité (ligne 6)."),
            (5, "titre", "Une autre fiche sans référence porte le titre « Dup » pour cette collectivité (ligne 4)."),
            (9, "titre", "Une autre fiche sans référence porte le titre « Refusée » pour cette collectivité (ligne 8)."),
        ], erreurs);

        // In JSON, a fiche whose reference could not be read is not taken for one without reference.
        const string json = """
            { "dossiers": [
              { "collectivite": { "codeInsee": "62041" }, "fiches": [
                { "reference": "J-1", "titre": "Un", "description": "D", "dateDebut": "2021-03-01", "enCours": "oui", "enjeux": ["culture"] },
                { "reference": "J-1", "titre": "Deux", "description": "D", "dateDebut": "2021-03-01", "enCours": true, "enjeux": ["culture"] },
                { "titre": "Dup", "description": "D", "dateDebut": "2021-13-01", "enCours": true, "enjeux": ["culture"] },
                { "titre": "Dup", "description": "D", "dateDebut": "2021-03-01", "enCours": true, "enjeux": ["culture"] } ] },
              { "collectivite": { "codeInsee": "57059" }, "fiches": [
                { "reference": 12, "titre": "T", "description": "D", "dateDebut": "2021-03-01", "enCours": true, "enjeux": ["culture"] },
                { "titre": "T", "description": "D", "dateDebut": "2021-03-01", "enCours": true, "enjeux": ["culture"] } ] } ] }
            """;
        reponse = await ImporterAsync(admin, json, requete: "?dryRun=true");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reponse.StatusCode);
        var erreursJson = (await LireAsync(reponse))["errors"]!.AsArray()
            .Select(e => (e!["path"]!.GetValue<string>(), e["message"]!.GetValue<string>())).ToArray();
        Assert.Equal(
        [
            ("$.dossiers[0].fiches[0].enCours", "Valeur attendue : true ou false."),
            ("$.dossiers[0].fiches[2].dateDebut", "Date invalide « 2021-13-01 » : AAAA-MM-JJ (2022-02-03) ou JJ/MM/AAAA (03/02/2022) attendue."),
            ("$.dossiers[1].fiches[0].reference", "Valeur attendue : un texte entre guillemets."),
            ("$.dossiers[0].fiches[1].reference", "La référence J-1 figure déjà dans ce fichier pour cette collectivité ($.dossiers[0].fiches[0])."),
            ("$.dossiers[0].fiches[3].titre", "Une autre fiche sans référence porte le titre « Dup » pour cette collectivité ($.dossiers[0].fiches[2])."),
        ], erreursJson);
        Assert.Equal(avant, await ComptesAsync());
    }

    /// <summary>
    /// A first import makes its édition a partition of fiches_actions of its own; fiches written afterwards through the API
    /// go there, under the same rules as anywhere: a reference already used in the dossier is a conflict, at once.
    /// </summary>
    [Fact]
    public async Task Apres_un_premier_import_les_fiches_de_l_edition_ont_leur_partition_et_les_memes_regles()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        Assert.Equal(HttpStatusCode.OK, (await ImporterAsync(admin, Json2022)).StatusCode);
        var arras = await Factory.DansLaBaseAsync(db => db.Candidatures.Where(c => db.Collectivites.Any(x => x.Id == c.CollectiviteId && x.CodeInsee == "62041"))
            .Select(c => c.Id).SingleAsync());
        var doublon = await ProblemeAsync(await admin.PostAsJsonAsync($"/api/v1/candidatures/{arras}/fiches", Fiche(reference: "ARR-001")),
            HttpStatusCode.Conflict);
        var importee = await Factory.DansLaBaseAsync(db => db.Fiches.Where(f => f.Reference == "ARR-001").Select(f => f.Id).SingleAsync());
        Assert.Equal($"La fiche {importee} de ce dossier porte déjà la référence « ARR-001 ».", doublon["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/candidatures/{arras}/fiches", Fiche(reference: "ARR-002"))).StatusCode);
        var partitions = await Factory.DansLaBaseAsync(db => db.Database
            .SqlQueryRaw<string>("SELECT DISTINCT tableoid::regclass::text AS \"Value\" FROM fiches_actions").ToListAsync());
        Assert.Equal(["fiches_actions_2022"], partitions);
        Assert.Equal((3, 3, 4, 0), await ComptesAsync());
    }

    /// <summary>
    /// A fiche written meanwhile into the édition of a first import, through another connection (here with one of the
    /// file's references), makes the import a conflict (409) that writes nothing, not a 500.
    /// </summary>
    [Fact]
    public async Task Une_fiche_ecrite_pendant_un_import_direct_avec_la_meme_reference_est_un_conflit()
    {
        var admin = await AdminAsync();
        var (autre, transaction) = await EcrireAilleursAsync(admin, FicheR1EcriteAilleurs);
        await using var _ = autre;
        // Not committed yet: the import sees an édition without fiches and goes direct.
        var import = ImporterAsync(admin, UneFicheR1, "text/csv");
        // That fiche went to the default partition: the import waits on it when it attaches its own; the other write commits meanwhile.
        await AttendreQueLImportAttendeAsync(import, "ALTER TABLE fiches_actions ATTACH%");
        await transaction.CommitAsync();
        var reponse = await import;
        await ProblemeAsync(reponse, HttpStatusCode.Conflict);
        Assert.Equal(["Écrite ailleurs"], await Factory.DansLaBaseAsync(db => db.Fiches.Select(f => f.Titre).ToListAsync()));
        Assert.Equal(StatutImport.Echoue, await Factory.DansLaBaseAsync(db => db.Imports.Select(i => i.Statut).SingleAsync()));
    }

    /// <summary>
    /// An import into an édition that has fiches merges by natural key; a fiche with the same reference written meanwhile
    /// through another connection makes its merge a conflict (409) that writes nothing, not a 500.
    /// </summary>
    [Fact]
    public async Task Une_fiche_ecrite_pendant_la_fusion_d_un_import_avec_la_meme_reference_est_un_conflit()
    {
        var admin = await AdminAsync();
        var (autre, transaction) = await EcrireAilleursAsync(admin, FicheR1EcriteAilleurs);
        await using var _ = autre;
        var candidature = await Factory.DansLaBaseAsync(db => db.Candidatures.Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/candidatures/{candidature}/fiches", Fiche(reference: "R-0"))).StatusCode);
        // The édition has a fiche: the import stages and merges, and its insert of R-1 waits on the other one.
        var import = ImporterAsync(admin, UneFicheR1, "text/csv");
        await AttendreQueLImportAttendeAsync(import, "%WITH ins AS%");
        await transaction.CommitAsync();
        await ProblemeAsync(await import, HttpStatusCode.Conflict);
        var titres = await Factory.DansLaBaseAsync(db => db.Fiches.Select(f => f.Titre).ToListAsync());
        Assert.Equal(["Portail citoyen", "Écrite ailleurs"], titres.Order(StringComparer.Ordinal));
    }

    /// <summary>The foreign key to candidatures is checked when a first import attaches its fiches: a dossier removed meanwhile is a conflict.</summary>
    [Fact]
    public async Task Un_dossier_supprime_pendant_un_import_direct_est_un_conflit()
    {
        var admin = await AdminAsync();
        var (autre, transaction) = await EcrireAilleursAsync(admin, "DELETE FROM candidatures WHERE id = @candidature");
        await using var _ = autre;
        // The import still sees the candidature, adds a fiche to it, and waits on the removal when it attaches its fiches.
        var import = ImporterAsync(admin, UneFicheR1, "text/csv");
        await AttendreQueLImportAttendeAsync(import, "ALTER TABLE fiches_actions ATTACH%");
        await transaction.CommitAsync();
        await ProblemeAsync(await import, HttpStatusCode.Conflict);
        Assert.Equal((1, 0, 0, 0), await ComptesAsync());
        var run = await Factory.DansLaBaseAsync(db => db.Imports.SingleAsync());
        Assert.Equal(StatutImport.Echoue, run.Statut);
        // A failed run records the file it received, as any other.
        var empreinte = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(UneFicheR1)));
        Assert.Equal((empreinte, Encoding.UTF8.GetByteCount(UneFicheR1)), (run.Empreinte, run.Octets));
        Assert.Equal(empreinte, JsonNode.Parse(run.Rapport!)!["sha256"]!.GetValue<string>());
    }

    /// <summary>
    /// The last checks of a large import take long (attaching its fiches checks the foreign key of each); they must not be
    /// cut by the connection's command timeout, which Npgsql applies to every command unless told otherwise. Here the
    /// import waits on another transaction's write to the candidatures, for longer than a one-second timeout, then succeeds.
    /// </summary>
    [Fact]
    public async Task Les_verifications_d_un_long_import_ne_sont_pas_bornees_par_le_delai_des_commandes()
    {
        var admin = await AdminAsync();
        var (autre, transaction) = await EcrireAilleursAsync(admin, "UPDATE candidatures SET statut = statut WHERE id = @candidature");
        await using var _ = autre;
        await using var impatiente = Factory.WithWebHostBuilder(b => b.UseSetting("ConnectionStrings:Labels", Factory.ChaineDeConnexion + ";Command Timeout=1"));
        var client = impatiente.CreateClient();
        client.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        var import = ImporterAsync(client, UneFicheR1, "text/csv");
        await AttendreQueLImportAttendeAsync(import, "ALTER TABLE fiches_actions ATTACH%");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await transaction.CommitAsync();
        var reponse = await import;
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal("applique", (await LireAsync(reponse))["status"]!.GetValue<string>());
        Assert.Equal((1, 1, 1, 0), await ComptesAsync());
    }

    /// <summary>
    /// A first import and another transaction each waiting on the other: the import, attaching its fiches, waits on a
    /// candidature the other holds, which then asks for the fiches table the import holds. PostgreSQL breaks the cycle
    /// by cancelling the transaction whose deadlock check runs first, the one that waited first: the import, which
    /// answers 409 (try again) and writes nothing, while the other goes on.
    /// </summary>
    [Fact]
    public async Task Un_import_pris_dans_un_interblocage_est_un_conflit_qui_n_ecrit_rien()
    {
        var admin = await AdminAsync();
        var (autre, transaction) = await EcrireAilleursAsync(admin, "UPDATE candidatures SET statut = statut WHERE id = @candidature");
        await using var _ = autre;
        var import = ImporterAsync(admin, UneFicheR1, "text/csv");
        await AttendreQueLImportAttendeAsync(import, "ALTER TABLE fiches_actions ATTACH%");
        await using (var verrou = new NpgsqlCommand("LOCK TABLE fiches_actions IN ACCESS EXCLUSIVE MODE", autre, transaction))
            await verrou.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        var probleme = await ProblemeAsync(await import, HttpStatusCode.Conflict);
        Assert.Contains("croisé", probleme["detail"]!.GetValue<string>());
        Assert.Equal((1, 1, 0, 0), await ComptesAsync());
        Assert.Equal(StatutImport.Echoue, await Factory.DansLaBaseAsync(db => db.Imports.Select(i => i.Statut).SingleAsync()));
    }

    /// <summary>A fiche with the file's reference R-1 in Arras's 2022 dossier, written through another connection.</summary>
    private const string FicheR1EcriteAilleurs = """
        INSERT INTO fiches_actions (id, edition_annee, candidature_id, reference, titre, description, date_debut, en_cours, services, enjeux, liens, created_at, updated_at)
        VALUES (gen_random_uuid(), 2022, @candidature, 'R-1', 'Écrite ailleurs', 'D', '2021-01-01', true, '{}', '{culture}', '{}', now(), now())
        """;

    private const string UneFicheR1 = "collectivite;reference;titre;description;dateDebut;enCours;enjeux\n62041;R-1;Importée;D;2021-01-01;true;culture\n";

    /// <summary>
    /// An édition open to candidatures with Arras's candidature, and a write touching it (<c>@candidature</c>) made in another
    /// connection's transaction, left open for the test to commit.
    /// </summary>
    private async Task<(NpgsqlConnection Connexion, NpgsqlTransaction Transaction)> EcrireAilleursAsync(HttpClient admin, string sql)
    {
        await EditionAsync(admin, 2022, "candidatures");
        var candidature = await CandidatureAsync(admin, 2022, await CollectiviteAsync(admin, "62041"));
        var connexion = new NpgsqlConnection(Factory.ChaineDeConnexion);
        await connexion.OpenAsync();
        var transaction = await connexion.BeginTransactionAsync();
        await using var ecrire = new NpgsqlCommand(sql, connexion, transaction);
        ecrire.Parameters.AddWithValue("candidature", candidature);
        var touchees = await ecrire.ExecuteNonQueryAsync();
        if (touchees != 1)
        {
            await connexion.DisposeAsync();
            Assert.Fail($"{touchees} lignes touchées par : {sql}");
        }
        return (connexion, transaction);
    }

    /// <summary>
    /// Until the import's connection waits on a lock while running <paramref name="requete"/> (a LIKE pattern). Watched
    /// from a connection of its own: within a transaction pg_stat_activity stays as it was at its first read.
    /// </summary>
    private async Task AttendreQueLImportAttendeAsync(Task import, string requete)
    {
        await using var observateur = new NpgsqlConnection(Factory.ChaineDeConnexion);
        await observateur.OpenAsync();
        await using var attente = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE @requete",
            observateur);
        attente.Parameters.AddWithValue("requete", requete);
        var debut = DateTime.UtcNow;
        while ((long)(await attente.ExecuteScalarAsync())! == 0)
        {
            Assert.False(import.IsCompleted, "l'import a fini sans attendre l'autre écriture");
            Assert.True(DateTime.UtcNow - debut < TimeSpan.FromSeconds(30), "l'import n'attend pas l'autre écriture");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Une_seule_ligne_fausse_parmi_des_milliers_et_la_base_reste_identique()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        Assert.Equal(HttpStatusCode.OK, (await ImporterAsync(admin, Json2022)).StatusCode);
        var avant = await ComptesAsync();
        var csv = new StringBuilder("collectivite,reference,titre,description,dateDebut,enCours,enjeux\n");
        for (var i = 0; i < 3000; i++) csv.Append($"2A004,A-{i},Action {i},Description {i},2021-01-01,true,{(i == 2345 ? "inconnu" : "education")}\n");
        var reponse = await ImporterAsync(admin, csv.ToString(), "text/csv");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reponse.StatusCode);
        var erreur = Assert.Single((await LireAsync(reponse))["errors"]!.AsArray())!;
        Assert.Equal(2347, erreur["line"]!.GetValue<int>());
        Assert.Equal(avant, await ComptesAsync());
    }

    [Fact]
    public async Task Erreurs_json_avec_leur_chemin()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var json = """
            { "dossiers": [
              { "collectivite": { "codeInsee": "62041" }, "fiches": [ { "titre": "Ok", "description": "D", "dateDebut": "2021-01-01", "enCours": true, "enjeux": ["culture"] } ] },
              { "collectivite": { "codeInsee": "57059" }, "fiches": [ { "titre": "", "description": "D", "dateDebut": "2021-13-01", "enCours": true, "enjeux": ["culture"] } ] },
              { "collectivite": { "siren": "200000008" } },
              { "collectivite": { "codeInsee": "62041" } },
              { "collectivite": { "codeInsee": "2A004" }, "inconnu": 1 } ] }
            """;
        var reponse = await ImporterAsync(admin, json);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reponse.StatusCode);
        var chemins = (await LireAsync(reponse))["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToList();
        Assert.Contains("$.dossiers[1].fiches[0].titre", chemins);
        Assert.Contains("$.dossiers[1].fiches[0].dateDebut", chemins);
        Assert.Contains("$.dossiers[2].collectivite.siren", chemins);
        Assert.Contains("$.dossiers[3].collectivite", chemins);
        Assert.Contains(chemins, c => c.StartsWith("$.dossiers[4]", StringComparison.Ordinal));
        Assert.Equal((0, 0, 0, 0), await ComptesAsync());
    }

    /// <summary>
    /// A null where the format takes an object, a list or a text is an error of its path, like a value of another kind:
    /// never a 500, nor a run that fails without saying why.
    /// </summary>
    [Fact]
    public async Task Un_null_a_la_place_d_un_objet_d_une_liste_ou_d_un_texte_est_une_erreur_de_son_chemin()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        const string fiche = """{ "reference": "A", "titre": "ok", "description": "D", "dateDebut": "2022-01-01", "enCours": true, "enjeux": ["emploi"] }""";
        string Fichier(string dossier) => $$"""{ "dossiers": [ { "collectivite": { "codeInsee": "62041" }{{dossier}} } ] }""";
        var cas = new (string Json, string Chemin)[]
        {
            (Fichier(""", "fiches": [null]"""), "$.dossiers[0].fiches[0]"),
            (Fichier($$""", "fiches": [{{fiche}}, null]"""), "$.dossiers[0].fiches[1]"),
            (Fichier($$""", "fiches": [{{fiche.Replace("[\"emploi\"]", "[\"emploi\", null]")}}]"""), "$.dossiers[0].fiches[0].enjeux[1]"),
            (Fichier($$""", "fiches": [{{fiche.Replace("\"enCours\"", "\"services\": [null], \"enCours\"")}}]"""), "$.dossiers[0].fiches[0].services[0]"),
            (Fichier($$""", "fiches": [{{fiche.Replace("\"enCours\"", "\"liens\": [null], \"enCours\"")}}]"""), "$.dossiers[0].fiches[0].liens[0]"),
            (Fichier(""", "distinction": { "arobases": 3, "mentions": [null] }"""), "$.dossiers[0].distinction.mentions[0]"),
            ("""{ "dossiers": [null] }""", "$.dossiers[0]"),
            ("""{ "dossiers": [ { "collectivite": null } ] }""", "$.dossiers[0].collectivite"),
        };
        foreach (var (json, chemin) in cas)
        {
            var reponse = await ImporterAsync(admin, json, requete: "?dryRun=true");
            var corps = await reponse.Content.ReadAsStringAsync();
            Assert.True(reponse.StatusCode == HttpStatusCode.UnprocessableEntity, $"{json} : {(int)reponse.StatusCode} {corps}");
            var erreurs = JsonNode.Parse(corps)!["errors"]!.AsArray();
            Assert.Contains(erreurs, e => e!["path"]!.GetValue<string>() == chemin);
            Assert.DoesNotContain(erreurs, e => e!["message"]!.GetValue<string>() == "");
        }
        var item = Assert.Single((await LireAsync(await ImporterAsync(admin, cas[0].Json)))["errors"]!.AsArray())!;
        Assert.Equal("Valeur attendue : un objet { … }, pas null.", item["message"]!.GetValue<string>());
        var texte = Assert.Single((await LireAsync(await ImporterAsync(admin, cas[2].Json)))["errors"]!.AsArray())!;
        Assert.Equal(("enjeux[1]", "Valeur attendue : un texte entre guillemets, pas null."),
            (texte["field"]!.GetValue<string>(), texte["message"]!.GetValue<string>()));
        // A root that is not an object is no file of dossiers, null as any other.
        foreach (var illisible in new[] { "null", """{ "dossiers": null }""" })
            await ProblemeAsync(await ImporterAsync(admin, illisible), HttpStatusCode.BadRequest);

        // Run from the queue, the same file is refused with the same error, not failed without one.
        var accepte = await ImporterAsync(admin, cas[0].Json, requete: "?async=true");
        Assert.Equal(HttpStatusCode.Accepted, accepte.StatusCode);
        await using var executante = Factory.WithWebHostBuilder(b => b.UseSetting("Imports:Executer", "true"));
        _ = executante.Server;
        JsonObject etat;
        var debut = DateTime.UtcNow;
        do
        {
            await Task.Delay(100);
            etat = (await admin.GetFromJsonAsync<JsonObject>(accepte.Headers.Location))!;
        } while (etat["rapport"] is null && DateTime.UtcNow - debut < TimeSpan.FromSeconds(60));
        Assert.Equal("refuse", etat["statut"]!.GetValue<string>());
        Assert.Equal(cas[0].Chemin, Assert.Single(etat["rapport"]!["errors"]!.AsArray())!["path"]!.GetValue<string>());
        Assert.Equal((0, 0, 0, 0), await ComptesAsync());
        Assert.DoesNotContain(await Factory.DansLaBaseAsync(db => db.Imports.Select(i => i.Statut).ToListAsync()), s => s == StatutImport.Echoue);
    }

    /// <summary>A JSON file is one object: anything but blanks after it makes the file malformed, and nothing of it is written.</summary>
    [Fact]
    public async Task Ce_qui_suit_l_objet_racine_rend_le_json_illisible()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        // Far enough for the end to come in another read of the body than the root object's.
        var grand = new StringBuilder("""{ "dossiers": [ { "collectivite": { "codeInsee": "62041" }, "fiches": [""");
        for (var i = 0; i < 1500; i++)
            grand.Append(i == 0 ? "" : ",").Append($$"""{ "reference": "R-{{i}}", "titre": "Action {{i}}", "description": "D", "dateDebut": "2021-01-01", "enCours": true, "enjeux": ["culture"] }""");
        grand.Append("] } ] }");
        Assert.True(grand.Length > 3 << 16);
        foreach (var (json, ligne) in new[] { (Json2022 + " ceci n'est pas du JSON", 8), (Json2022 + "\n" + Json2022, 9), (grand + "\nx", 2),
                     (Json2022 + "]", 8) })
        {
            var probleme = await ProblemeAsync(await ImporterAsync(admin, json), HttpStatusCode.BadRequest);
            Assert.Equal("Fichier illisible", probleme["title"]!.GetValue<string>());
            Assert.StartsWith($"Du texte suit l'objet racine ligne {ligne}", probleme["detail"]!.GetValue<string>());
        }
        Assert.Equal((0, 0, 0, 0), await ComptesAsync());
        Assert.All(await Factory.DansLaBaseAsync(db => db.Imports.Select(i => i.Statut).ToListAsync()), s => Assert.Equal(StatutImport.Refuse, s));
        // Blanks after it are no content.
        Assert.Equal(HttpStatusCode.OK, (await ImporterAsync(admin, Json2022 + " \r\n\t\n")).StatusCode);
    }

    [Fact]
    public async Task Fichier_illisible_400_type_inconnu_415()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        await ProblemeAsync(await ImporterAsync(admin, "{ \"dossiers\": [ { \"collectivite\": "), HttpStatusCode.BadRequest);
        await ProblemeAsync(await ImporterAsync(admin, "[1, 2]"), HttpStatusCode.BadRequest);
        await ProblemeAsync(await ImporterAsync(admin, "<xml/>", "application/xml"), HttpStatusCode.UnsupportedMediaType);
        await ProblemeAsync(await ImporterAsync(admin, Json2022, annee: 2030), HttpStatusCode.NotFound);
        Assert.Equal((0, 0, 0, 0), await ComptesAsync());
        var jure = await CompteAsync("jure");
        await ProblemeAsync(await ImporterAsync(jure, Json2022), HttpStatusCode.Forbidden);
        await ProblemeAsync(await ImporterAsync(Anonyme(), Json2022), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Un_fichier_envoye_sous_le_mauvais_type_ou_mal_forme_est_refuse_en_francais()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        async Task<string> IllisibleAsync(string texte, string type)
        {
            var probleme = await ProblemeAsync(await ImporterAsync(admin, texte, type), HttpStatusCode.BadRequest);
            Assert.Equal("Fichier illisible", probleme["title"]!.GetValue<string>());
            return probleme["detail"]!.GetValue<string>();
        }
        var jsonEnCsv = await IllisibleAsync(Json2022, "text/csv");
        Assert.StartsWith("Le fichier, envoyé comme CSV (Content-Type: text/csv), commence par « { » : c'est du JSON.", jsonEnCsv);
        Assert.Contains("Content-Type: application/json", jsonEnCsv);
        Assert.StartsWith("Le fichier, envoyé comme CSV (Content-Type: text/csv), commence par « [ » : c'est du JSON.",
            await IllisibleAsync("[ { \"collectivite\": \"62041\" } ]", "text/csv"));
        var csvEnJson = await IllisibleAsync("collectivite;reference\n62041;R1\n", "application/json");
        Assert.Contains("s'il est en CSV, envoyez-le avec Content-Type: text/csv", csvEnJson);
        Assert.Equal("Le fichier JSON est vide : un objet { \"dossiers\": [ … ] } est attendu.", await IllisibleAsync(" \n", "application/json"));
        Assert.Equal("La colonne « titre » figure deux fois dans l'en-tête (ligne 1) ; chaque colonne y figure une fois.",
            await IllisibleAsync("collectivite;titre;Titre\n62041;A;B\n", "text/csv"));
        Assert.Equal((0, 0, 0, 0), await ComptesAsync());
    }

    [Fact]
    public async Task Un_json_imbrique_au_dela_de_la_limite_est_refuse_en_la_nommant()
    {
        // Well-formed, but 41 levels under "collectivite" (line 3): the reader's limit, not a missing comma.
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var json = "{ \"dossiers\": [\n  { \"fiches\": [],\n    \"collectivite\": " + string.Concat(Enumerable.Repeat("{ \"a\": ", 41)) + "1"
            + new string('}', 41) + " } ] }\n";
        var probleme = await ProblemeAsync(await ImporterAsync(admin, json), HttpStatusCode.BadRequest);
        Assert.Equal("Fichier illisible", probleme["title"]!.GetValue<string>());
        // Position 224: the brace of the 33rd level.
        Assert.Equal("JSON imbriqué sur plus de 32 niveaux ligne 3, position 224 : un fichier d'import n'imbrique pas plus de 32 objets ou "
            + "listes les uns dans les autres (son format en imbrique six).", probleme["detail"]!.GetValue<string>());
        Assert.Equal((0, 0, 0, 0), await ComptesAsync());
    }

    /// <summary>
    /// A CSV separates its columns by « , » or « ; » (docs/import.md), which its header shows. Sep, left to guess, would also
    /// take a tab or a « | », the latter being the separator of a cell's lists: such a header is refused, naming both.
    /// </summary>
    [Theory]
    [InlineData("\t", "une tabulation")]
    [InlineData("|", "« | »")]
    public async Task Un_csv_separe_autrement_que_par_virgule_ou_point_virgule_est_refuse(string separateur, string nom)
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var csv = string.Join(separateur, "collectivite", "reference", "titre", "description", "dateDebut", "enCours", "enjeux") + "\n"
            + string.Join(separateur, "62041", "R1", "Portail", "D", "2021-03-01", "true", "culture") + "\n";
        var probleme = await ProblemeAsync(await ImporterAsync(admin, csv, "text/csv"), HttpStatusCode.BadRequest);
        Assert.Equal($"L'en-tête du CSV (ligne 1) sépare ses colonnes par {nom} : un CSV d'import les sépare par « , » ou par « ; ».",
            probleme["detail"]!.GetValue<string>());
        Assert.Equal((0, 0, 0, 0), await ComptesAsync());
        // A header of one column has no separator to show: the lines, of one cell, are read.
        var seul = await ImporterAsync(admin, "collectivite\n62041\n", "text/csv");
        Assert.Equal(HttpStatusCode.OK, seul.StatusCode);
    }

    [Theory]
    [InlineData("text/csv", "collectivite;reference;titre;description;dateDebut;enCours;enjeux\n62041;R1;Portail;D;2023/02/01;true;culture\n")]
    [InlineData("application/json", """{ "dossiers": [ { "collectivite": { "codeInsee": "62041" }, "fiches": [ { "titre": "Portail", "description": "D", "dateDebut": "2023/02/01", "enCours": true, "enjeux": ["culture"] } ] } ] }""")]
    public async Task Une_date_hors_des_deux_formats_est_refusee_en_les_nommant(string type, string fichier)
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var reponse = await ImporterAsync(admin, fichier, type);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reponse.StatusCode);
        var erreur = Assert.Single((await LireAsync(reponse))["errors"]!.AsArray())!;
        Assert.Equal("dateDebut", erreur["field"]!.GetValue<string>());
        Assert.Equal("Date invalide « 2023/02/01 » : AAAA-MM-JJ (2022-02-03) ou JJ/MM/AAAA (03/02/2022) attendue.", erreur["message"]!.GetValue<string>());
        // Both formats are read.
        Assert.Equal(HttpStatusCode.OK, (await ImporterAsync(admin, fichier.Replace("2023/02/01", "01/02/2023"), type)).StatusCode);
        Assert.Equal(new DateOnly(2023, 2, 1), await Factory.DansLaBaseAsync(db => db.Fiches.Select(f => f.DateDebut).SingleAsync()));
    }

    [Fact]
    public async Task Un_essai_a_blanc_verifie_et_compte_sans_ecrire()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var reponse = await ImporterAsync(admin, Json2022, requete: "?dryRun=true");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var rapport = await LireAsync(reponse);
        Assert.Equal("valide", rapport["status"]!.GetValue<string>());
        Compteurs(rapport, "dossiers", 3, 0, 0);
        Compteurs(rapport, "fiches", 3, 0, 0);
        Assert.Equal((0, 0, 0, 0), await ComptesAsync());
        var import = await admin.GetFromJsonAsync<JsonObject>(reponse.Headers.Location);
        Assert.True(import!["dryRun"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Une_fiche_est_refusee_pour_les_memes_raisons_par_l_api_et_par_un_import()
    {
        // A fiche's rules live in the entity (FicheAction.Defauts): a form and a file hear the same reasons, field by field.
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var arras = await CollectiviteAsync(admin, "62041");
        var dossier = await CandidatureAsync(admin, 2022, arras);
        var fiche = new JsonObject
        {
            ["reference"] = new string('r', 65), ["titre"] = new string('t', 301), ["resume"] = new string('r', 2001), ["description"] = " ",
            ["dateDebut"] = "2021-03-01", ["dateFin"] = "2021-01-01", ["enCours"] = false,
            ["enjeux"] = new JsonArray("Pas Un Code", "culture"), ["liens"] = new JsonArray("https://arras.fr", "ftp://arras.fr"),
        };
        var api = await ProblemeAsync(await admin.PostAsync($"/api/v1/candidatures/{dossier}/fiches",
            new StringContent(fiche.ToJsonString(), Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        var parLApi = api["errors"]!.AsObject().SelectMany(e => e.Value!.AsArray().Select(m => (e.Key, m!.GetValue<string>())))
            .Order().ToList();
        var fichier = new JsonObject
        {
            ["dossiers"] = new JsonArray(new JsonObject { ["collectivite"] = new JsonObject { ["codeInsee"] = "62041" }, ["fiches"] = new JsonArray(fiche.DeepClone()) }),
        };
        var import = await ImporterAsync(admin, fichier.ToJsonString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, import.StatusCode);
        var parLImport = (await LireAsync(import))["errors"]!.AsArray().Select(e => (e!["field"]!.GetValue<string>(), e["message"]!.GetValue<string>()))
            .Order().ToList();
        Assert.Equal(7, parLApi.Count);
        Assert.Equal(parLApi, parLImport);
        Assert.Contains(("titre", "300 caractères au plus."), parLApi);
        Assert.Contains(("enjeux[0]", "Code d'enjeu invalide."), parLApi);
        Assert.Contains(("liens[1]", "Un lien est une adresse http(s) absolue."), parLApi);
        Assert.Equal((1, 1, 0, 0), await ComptesAsync());
    }

    [Fact]
    public async Task Une_valeur_du_mauvais_type_n_empeche_pas_de_signaler_les_autres_erreurs()
    {
        // The serializer stops at a dossier's first value of the wrong type; the report names every error of the file
        // (docs/import.md): a value refused for its type is not also reported missing.
        var admin = await AdminAsync();
        await EditionAsync(admin, 2021, historique: true);
        const string json = """
            { "dossiers": [
              { "collectivite": { "codeInsee": "62041" }, "distinction": { "arobases": 9 },
                "fiches": [
                  { "titre": "A", "description": "D", "dateDebut": "2021-01-01", "enCours": "oui", "enjeux": ["emploi"] },
                  { "titre": 12, "dateDebut": "2021-01-01", "enCours": true, "enjeux": ["emploi", 3], "auteur": "x", "Titre": "B" },
                  { "titre": "C", "description": "D", "dateDebut": "2021-01-01", "enjeux": ["emploi"] } ] },
              { "collectivite": { "codeInsee": 57059 }, "distinction": { "arobases": "3", "mentions": "aucune" } },
              { "collectivite": { "siren": "200033579" }, "distinction": { "arobases": 2.5 } } ] }
            """;
        var reponse = await ImporterAsync(admin, json, annee: 2021);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reponse.StatusCode);
        var erreurs = (await LireAsync(reponse))["errors"]!.AsArray()
            .Select(e => (e!["path"]!.GetValue<string>(), e["message"]!.GetValue<string>())).OrderBy(e => e.Item1, StringComparer.Ordinal).ToList();
        Assert.Equal(
        [
            ("$.dossiers[0].distinction.arobases", "Les arobases vont de 1 à 5."),
            // enCours unread is unknown, not false: no dateFin is asked for on its account, as in a CSV (enCours « maybe »).
            ("$.dossiers[0].fiches[0].enCours", "Valeur attendue : true ou false."),
            ("$.dossiers[0].fiches[1].Titre", "Propriété en double."),
            ("$.dossiers[0].fiches[1].auteur", "Propriété inconnue."),
            ("$.dossiers[0].fiches[1].description", "La description est requise."),
            ("$.dossiers[0].fiches[1].enjeux[1]", "Valeur attendue : un texte entre guillemets."),
            ("$.dossiers[0].fiches[1].titre", "Valeur attendue : un texte entre guillemets."),
            // An absent enCours is false: the fiche has neither an end nor a run.
            ("$.dossiers[0].fiches[2].dateFin", "Indiquez la date de fin, ou que l'action est en cours."),
            ("$.dossiers[1].collectivite.codeInsee", "Valeur attendue : un texte entre guillemets."),
            ("$.dossiers[1].distinction.mentions", "Valeur attendue : une liste [ … ]."),
            ("$.dossiers[2].distinction.arobases", "Valeur attendue : un nombre entier."),
        ], erreurs);
        Assert.Equal((0, 0, 0, 0), await ComptesAsync());
    }

    [Fact]
    public async Task Une_edition_historique_recoit_ses_distinctions_que_la_publication_fige()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2021, historique: true);
        var csv = "collectivite;arobases;mentions\n62041;5;arobase-verte|democratie-locale\n200033579;3;\n57059;2;inconnue\n";
        var refuse = await ImporterAsync(admin, csv, "text/csv", annee: 2021);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refuse.StatusCode);
        Assert.Equal(4, Assert.Single((await LireAsync(refuse))["errors"]!.AsArray())!["line"]!.GetValue<int>());

        var bon = await ImporterAsync(admin, csv.Replace("inconnue", "mediation-numerique"), "text/csv", annee: 2021);
        Assert.Equal(HttpStatusCode.OK, bon.StatusCode);
        Assert.Equal((3, 3, 0, 3), await ComptesAsync());
        var changement = await ImporterAsync(admin, "collectivite;arobases;mentions\n200033579;4;\n", "text/csv", annee: 2021);
        Compteurs(await LireAsync(changement), "dossiers", 0, 1, 0);

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/editions/2021/publication", new { })).StatusCode);
        var palmares = await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2021/palmares");
        var laureats = palmares!["laureats"]!.AsArray().ToDictionary(l => l!["nom"]!.GetValue<string>(), l => l!);
        Assert.Equal(5, laureats["Arras"]["arobases"]!.GetValue<int>());
        Assert.Equal(["arobase-verte", "democratie-locale"], laureats["Arras"]["mentions"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(4, laureats["CU d'Arras"]["arobases"]!.GetValue<int>());
        await ProblemeAsync(await ImporterAsync(admin, csv, "text/csv", annee: 2021), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Au_dela_de_la_taille_permise_413()
    {
        await using var petite = Factory.WithWebHostBuilder(b => b.UseSetting("Imports:TailleMax", "2048"));
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var client = petite.CreateClient();
        client.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        var gros = "collectivite,titre,description,dateDebut,enCours,enjeux\n" + string.Concat(Enumerable.Repeat("62041,T,D,2021-01-01,true,culture\n", 200));
        await ProblemeAsync(await client.PostAsync("/api/v1/editions/2022/imports", Contenu(gros, "text/csv")), HttpStatusCode.RequestEntityTooLarge);
        // Without a Content-Length the body is counted as it streams.
        var flux = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(gros)));
        flux.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        var requete = new HttpRequestMessage(HttpMethod.Post, "/api/v1/editions/2022/imports") { Content = flux };
        requete.Headers.TransferEncodingChunked = true;
        await ProblemeAsync(await client.SendAsync(requete), HttpStatusCode.RequestEntityTooLarge);
        // Refused at its second line for its encoding, it is still read on for the run's record, and found too large.
        byte[] latin1Octets = [.. Encoding.UTF8.GetBytes("collectivite,titre,description,dateDebut,enCours,enjeux\n62041,"), 0xE9,
            .. Encoding.UTF8.GetBytes(gros[gros.IndexOf('\n')..])];
        var latin1 = new StreamContent(new MemoryStream(latin1Octets));
        latin1.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        requete = new HttpRequestMessage(HttpMethod.Post, "/api/v1/editions/2022/imports") { Content = latin1 };
        requete.Headers.TransferEncodingChunked = true;
        await ProblemeAsync(await client.SendAsync(requete), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal((0, 0, 0, 0), await ComptesAsync());
        var runs = await Factory.DansLaBaseAsync(db => db.Imports.ToListAsync());
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal(StatutImport.Echoue, r.Statut));
        // Each records what it received up to the limit.
        Assert.Equal(new[] { Encoding.UTF8.GetBytes(gros), latin1Octets }.Select(o => (Convert.ToHexStringLower(SHA256.HashData(o.AsSpan(0, 2048))), 2048L)),
            runs.OrderBy(r => r.DemarreLe).Select(r => (r.Empreinte, r.Octets)));
    }

    [Fact]
    public async Task Un_import_asynchrone_montre_sa_progression_puis_son_rapport()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var csv = new StringBuilder("collectivite,reference,titre,description,dateDebut,enCours,enjeux\n");
        for (var i = 0; i < 20_000; i++) csv.Append($"{(i % 2 == 0 ? "62041" : "57059")},R-{i},Action {i},Description,2021-01-01,true,culture\n");
        var reponse = await ImporterAsync(admin, csv.ToString(), "text/csv", "?async=true");
        Assert.Equal(HttpStatusCode.Accepted, reponse.StatusCode);
        var location = reponse.Headers.Location!.ToString();
        Assert.StartsWith("/api/v1/imports/", location);
        // Accepted by an instance that leaves the queue to others; one that runs it starts.
        Assert.Equal("enAttente", (await LireAsync(reponse))["statut"]!.GetValue<string>());
        await using var executante = Factory.WithWebHostBuilder(b => b.UseSetting("Imports:Executer", "true"));
        _ = executante.Server;

        JsonObject etat;
        var debut = DateTime.UtcNow;
        do
        {
            await Task.Delay(200);
            etat = (await admin.GetFromJsonAsync<JsonObject>(location))!;
        } while (etat["statut"]!.GetValue<string>() is "enAttente" or "enCours" && DateTime.UtcNow - debut < TimeSpan.FromMinutes(2));
        Assert.Equal("applique", etat["statut"]!.GetValue<string>());
        Assert.Equal(20_000, etat["lignesLues"]!.GetValue<int>());
        Assert.Equal(20_000, etat["rapport"]!["fiches"]!["created"]!.GetValue<int>());
        Assert.Equal(20_000, (await ComptesAsync()).Fiches);
        Assert.True(etat["asynchrone"]!.GetValue<bool>());
    }
}
