namespace Labels.Api.Tests;

public sealed class EditionsTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private static readonly object ReferentielAvecServices = new
    {
        enjeux = new object[]
        {
            new { code = "education", nom = "Éducation", services = new[] { new { code = "ent", nom = "Espace numérique de travail" } } },
            new { code = "culture", nom = "Culture", services = new[] { new { code = "mediatheque", nom = "Médiathèque numérique" } } },
        },
        mentions = new[] { new { code = "arobase-verte", nom = "Arobase verte" } },
    };

    [Fact]
    public async Task Une_premiere_edition_porte_le_referentiel_par_defaut()
    {
        var admin = await AdminAsync();
        var reponse = await admin.PostAsJsonAsync("/api/v1/editions", new
        {
            annee = 2022, numero = 23, ouvertureCandidatures = "2021-09-01", clotureCandidatures = "2021-11-15",
            reunionJury = "2021-12-10", ceremonie = "2022-02-03",
        });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        Assert.Equal("/api/v1/editions/2022", reponse.Headers.Location!.ToString());
        var e = await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2022");
        Assert.Equal(23, e!["numero"]!.GetValue<int>());
        Assert.Equal("preparation", e["statut"]!.GetValue<string>());
        Assert.False(e["historique"]!.GetValue<bool>());
        Assert.Equal("2021-11-15", e["clotureCandidatures"]!.GetValue<string>());
        Assert.Equal(16, e["nombreEnjeux"]!.GetValue<int>());
        Assert.Equal(0, e["nombreServices"]!.GetValue<int>());
        Assert.Equal(4, e["mentions"]!.AsArray().Count);

        var enjeux = await Anonyme().GetFromJsonAsync<JsonArray>("/api/v1/editions/2022/enjeux");
        string[] attendus = ["emploi", "culture", "patrimoine", "services-publics", "identite", "education", "democratie-locale",
            "cooperation", "vie-quotidienne", "developpement-economique", "solidarites", "vie-associative", "cohesion-sociale",
            "attractivite", "mediation", "innovation"];
        Assert.Equal(attendus, enjeux!.Select(x => x!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Le_referentiel_est_clone_de_l_edition_precedente()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2021);
        var put = await admin.PutAsJsonAsync("/api/v1/editions/2021/referentiel", ReferentielAvecServices);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        await EditionAsync(admin, 2022);
        var r2021 = await Anonyme().GetStringAsync("/api/v1/editions/2021/referentiel");
        var r2022 = await Anonyme().GetStringAsync("/api/v1/editions/2022/referentiel");
        Assert.Equal(r2021, r2022);
        Assert.Contains("\"mediatheque\"", r2022);
        var e = await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2022");
        Assert.Equal(2, e!["nombreEnjeux"]!.GetValue<int>());
        Assert.Equal(2, e["nombreServices"]!.GetValue<int>());

        // Changing 2022 leaves 2021 as it was.
        await admin.PutAsJsonAsync("/api/v1/editions/2022/referentiel", new { enjeux = new[] { new { code = "x", nom = "X" } }, mentions = Array.Empty<object>() });
        Assert.Equal(r2021, await Anonyme().GetStringAsync("/api/v1/editions/2021/referentiel"));
    }

    [Fact]
    public async Task Le_cycle_de_vie_refuse_sauts_et_retours()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022);
        var saut = await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut = "evaluation" }), HttpStatusCode.Conflict);
        Assert.Contains("candidatures", saut["detail"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut = "candidatures" })).StatusCode);
        await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut = "preparation" }), HttpStatusCode.Conflict);
        await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut = "publiee" }), HttpStatusCode.Conflict);
        await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut = "n-importe" }), HttpStatusCode.BadRequest);
        await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/1990/statut", new { statut = "candidatures" }), HttpStatusCode.NotFound);
        var e = await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2022");
        Assert.Equal("candidatures", e!["statut"]!.GetValue<string>());
        var journal = await Factory.DansLaBaseAsync(db => db.Audit.Where(a => a.Action == "edition.statut").ToListAsync());
        Assert.Single(journal);
        var details = System.Text.Json.Nodes.JsonNode.Parse(journal[0].Details)!;
        Assert.Equal("preparation", details["avant"]!.GetValue<string>());
        Assert.Equal("candidatures", details["apres"]!.GetValue<string>());

        await EditionAsync(admin, 2010, historique: true);
        await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/2010/statut", new { statut = "candidatures" }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Creation_validee_et_unique()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022);
        var annee = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions", new { annee = 2022, numero = 99 }), HttpStatusCode.Conflict);
        Assert.Equal("L'édition 2022 existe déjà.", annee["detail"]!.GetValue<string>());
        var numero = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions", new { annee = 2023, numero = 23 }), HttpStatusCode.Conflict);
        Assert.Equal("Le numéro 23 est déjà celui de l'édition 2022.", numero["detail"]!.GetValue<string>());
        var invalide = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions", new { annee = 1800, numero = 0 }), HttpStatusCode.BadRequest);
        Assert.NotNull(invalide["errors"]!["annee"]);
        Assert.NotNull(invalide["errors"]!["numero"]);
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions",
            new { annee = 2024, numero = 25, ouvertureCandidatures = "2023-10-01", clotureCandidatures = "2023-09-01" }), HttpStatusCode.BadRequest);
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions",
            new { annee = 2024, numero = 25, ouvertureCandidatures = "pas-une-date" }), HttpStatusCode.BadRequest);
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions", new { annee = 2024, numero = 25, inconnu = 1 }), HttpStatusCode.BadRequest);
        Assert.Equal(1, await Factory.DansLaBaseAsync(db => db.Editions.CountAsync()));
        await ProblemeAsync(await Anonyme().GetAsync("/api/v1/editions/2030"), HttpStatusCode.NotFound);
        var jure = await CompteAsync("jure");
        await ProblemeAsync(await jure.PostAsJsonAsync("/api/v1/editions", new { annee = 2024, numero = 25 }), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Liste_paginee_dans_l_ordre_des_annees()
    {
        var admin = await AdminAsync();
        foreach (var annee in new[] { 2023, 2021, 2022 }) await EditionAsync(admin, annee);
        var page = await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions?pageSize=2");
        Assert.Equal(3, page!["total"]!.GetValue<int>());
        Assert.Equal([2021, 2022], page["items"]!.AsArray().Select(e => e!["annee"]!.GetValue<int>()));
    }

    [Fact]
    public async Task Referentiel_valide_et_proteges_les_codes_utilises()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var invalide = await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/2022/referentiel", new
        {
            enjeux = new[] { new { code = "A B", nom = "", services = Array.Empty<object>() }, new { code = "c", nom = "C", services = Array.Empty<object>() }, new { code = "c", nom = "C2", services = Array.Empty<object>() } },
            mentions = Array.Empty<object>(),
        }), HttpStatusCode.BadRequest);
        Assert.NotNull(invalide["errors"]!["enjeux[0].code"]);
        Assert.NotNull(invalide["errors"]!["enjeux[0].nom"]);
        Assert.NotNull(invalide["errors"]!["enjeux[2].code"]);
        await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/2022/referentiel", new { enjeux = Array.Empty<object>(), mentions = Array.Empty<object>() }),
            HttpStatusCode.BadRequest);

        var arras = await CollectiviteAsync(admin, "62041");
        var candidature = await CandidatureAsync(admin, 2022, arras);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/candidatures/{candidature}/fiches", Fiche(enjeux: ["education"]))).StatusCode);
        var avant = await Anonyme().GetStringAsync("/api/v1/editions/2022/referentiel");
        var conflit = await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/2022/referentiel",
            new { enjeux = new[] { new { code = "culture", nom = "Culture", services = Array.Empty<object>() } }, mentions = Array.Empty<object>() }), HttpStatusCode.Conflict);
        Assert.Contains("education", conflit["detail"]!.GetValue<string>());
        Assert.Equal(avant, await Anonyme().GetStringAsync("/api/v1/editions/2022/referentiel"));

        // Renaming and adding keep the codes in use: accepted.
        var ok = await admin.PutAsJsonAsync("/api/v1/editions/2022/referentiel", new
        {
            enjeux = new[] { new { code = "education", nom = "Éducation et jeunesse", services = Array.Empty<object>() }, new { code = "culture", nom = "Culture", services = Array.Empty<object>() } },
            mentions = new[] { new { code = "arobase-verte", nom = "@ verte" } },
        });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var collectivite = await CompteAsync("collectivite", arras);
        await ProblemeAsync(await collectivite.PutAsJsonAsync("/api/v1/editions/2022/referentiel", ReferentielAvecServices), HttpStatusCode.Forbidden);
    }
}
