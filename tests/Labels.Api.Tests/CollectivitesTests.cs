namespace Labels.Api.Tests;

public sealed class CollectivitesTests(LabelsApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("62041", "Arras", "ville", "62", "32")]
    [InlineData("2A004", "Ajaccio", "ville", "2A", "94")]
    [InlineData("97101", "Les Abymes", "ville", "971", "01")]
    [InlineData("57059", "Bellange", "village", "57", "44")]
    public async Task Une_commune_est_creee_depuis_le_cog(string code, string nom, string categorie, string departement, string region)
    {
        var admin = await AdminAsync();
        var reponse = await admin.PostAsJsonAsync("/api/v1/collectivites", new { codeInsee = code });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        var c = await LireAsync(reponse);
        Assert.Equal($"/api/v1/collectivites/{c["id"]}", reponse.Headers.Location!.ToString());
        Assert.Equal("commune", c["type"]!.GetValue<string>());
        Assert.Equal(nom, c["nom"]!.GetValue<string>());
        Assert.Equal(categorie, c["categorie"]!.GetValue<string>());
        Assert.Equal(departement, c["departement"]!.GetValue<string>());
        Assert.Equal(region, c["region"]!.GetValue<string>());
        var relu = await Anonyme().GetFromJsonAsync<JsonObject>(reponse.Headers.Location);
        Assert.Equal(c.ToJsonString(), relu!.ToJsonString());
    }

    [Fact]
    public async Task Un_epci_est_une_intercommunalite()
    {
        var admin = await AdminAsync();
        var reponse = await admin.PostAsJsonAsync("/api/v1/collectivites", new { siren = "200033579" });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        var c = await LireAsync(reponse);
        Assert.Equal("intercommunalite", c["type"]!.GetValue<string>());
        Assert.Equal("intercommunalite", c["categorie"]!.GetValue<string>());
        Assert.Equal("CU d'Arras", c["nom"]!.GetValue<string>());
        Assert.Null(c["codeInsee"]);
        Assert.Equal("62", c["departement"]!.GetValue<string>());
    }

    [Fact]
    public async Task Une_collectivite_existe_une_fois()
    {
        var admin = await AdminAsync();
        var arras = await CollectiviteAsync(admin, "62041");
        var doublon = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/collectivites", new { codeInsee = "62041" }), HttpStatusCode.Conflict);
        Assert.Equal($"La commune Arras (62041) est déjà enregistrée comme collectivité : {arras}.", doublon["detail"]!.GetValue<string>());
        var cua = await CollectiviteAsync(admin, "200033579");
        var epci = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/collectivites", new { siren = "200033579" }), HttpStatusCode.Conflict);
        Assert.Equal($"L'intercommunalité CU d'Arras (SIREN 200033579) est déjà enregistrée comme collectivité : {cua}.",
            epci["detail"]!.GetValue<string>());
        Assert.Equal(2, await Factory.DansLaBaseAsync(db => db.Collectivites.CountAsync()));
    }

    [Fact]
    public async Task Code_inconnu_422_qui_le_nomme_code_malforme_400()
    {
        var admin = await AdminAsync();
        var inconnu = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/collectivites", new { codeInsee = "62999" }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("62999", inconnu["detail"]!.GetValue<string>());
        Assert.NotNull(inconnu["errors"]!["codeInsee"]);
        var epciInconnu = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/collectivites", new { siren = "200000008" }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("200000008", epciInconnu["detail"]!.GetValue<string>());

        var malforme = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/collectivites", new { codeInsee = "ABCDE" }), HttpStatusCode.BadRequest);
        Assert.NotNull(malforme["errors"]!["codeInsee"]);
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/collectivites", new { siren = "200033578" }), HttpStatusCode.BadRequest);
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/collectivites", new { }), HttpStatusCode.BadRequest);
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/collectivites", new { codeInsee = "62041", siren = "200033579" }), HttpStatusCode.BadRequest);
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Collectivites.CountAsync()));
    }

    [Fact]
    public async Task Seul_un_administrateur_cree()
    {
        await ProblemeAsync(await Anonyme().PostAsJsonAsync("/api/v1/collectivites", new { codeInsee = "62041" }), HttpStatusCode.Unauthorized);
        var jure = await CompteAsync("jure");
        await ProblemeAsync(await jure.PostAsJsonAsync("/api/v1/collectivites", new { codeInsee = "62041" }), HttpStatusCode.Forbidden);
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Collectivites.CountAsync()));
    }

    [Fact]
    public async Task Liste_filtree_et_paginee()
    {
        var admin = await AdminAsync();
        foreach (var code in new[] { "62041", "57059", "2A004", "97101" }) await CollectiviteAsync(admin, code);
        await CollectiviteAsync(admin, "200033579");
        var client = Anonyme();

        var tout = await client.GetFromJsonAsync<JsonObject>("/api/v1/collectivites?pageSize=2");
        Assert.Equal(5, tout!["total"]!.GetValue<int>());
        Assert.Equal(2, tout["items"]!.AsArray().Count);
        Assert.Equal(2, tout["pageSize"]!.GetValue<int>());
        Assert.Equal(1, tout["page"]!.GetValue<int>());
        var page3 = await client.GetFromJsonAsync<JsonObject>("/api/v1/collectivites?pageSize=2&page=3");
        Assert.Single(page3!["items"]!.AsArray());

        async Task<string[]> Noms(string filtre) =>
            (await client.GetFromJsonAsync<JsonObject>($"/api/v1/collectivites?{filtre}"))!["items"]!.AsArray()
            .Select(i => i!["nom"]!.GetValue<string>()).ToArray();
        Assert.Equal(["Arras", "CU d'Arras"], await Noms("departement=62"));
        Assert.Equal(["Bellange"], await Noms("categorie=village"));
        Assert.Equal(["CU d'Arras"], await Noms("categorie=intercommunalite"));
        Assert.Equal(["Ajaccio"], await Noms("region=94"));
        Assert.Equal(["Les Abymes"], await Noms("codeInsee=97101"));
        Assert.Equal(["CU d'Arras"], await Noms("siren=200033579"));
        Assert.Equal(["Arras", "CU d'Arras"], await Noms("q=arras"));

        await ProblemeAsync(await client.GetAsync("/api/v1/collectivites?pageSize=201"), HttpStatusCode.BadRequest);
        await ProblemeAsync(await client.GetAsync("/api/v1/collectivites?page=0"), HttpStatusCode.BadRequest);
        await ProblemeAsync(await client.GetAsync("/api/v1/collectivites?categorie=metropole"), HttpStatusCode.BadRequest);
        await ProblemeAsync(await client.GetAsync($"/api/v1/collectivites/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("62041", "Arras")]
    [InlineData("216200410", "Arras")]
    [InlineData("200033579", "CU d'Arras")]
    [InlineData("2A004", "Ajaccio")]
    public async Task Une_collectivite_se_lit_par_son_code_insee_ou_son_siren(string code, string nom)
    {
        var admin = await AdminAsync();
        foreach (var c in new[] { "62041", "200033579", "2A004" }) await CollectiviteAsync(admin, c);
        var client = Anonyme();
        var parCode = await client.GetAsync($"/api/v1/collectivites/{code}");
        Assert.Equal(HttpStatusCode.OK, parCode.StatusCode);
        var lue = await LireAsync(parCode);
        Assert.Equal(nom, lue["nom"]!.GetValue<string>());
        // The same record as by its UUID, which keeps working.
        var parUuid = await client.GetFromJsonAsync<JsonObject>($"/api/v1/collectivites/{lue["id"]}");
        Assert.Equal(parUuid!.ToJsonString(), lue.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/collectivites/{lue["id"]!.GetValue<Guid>():N}")).StatusCode);
    }

    [Fact]
    public async Task L_historique_se_lit_par_code_comme_par_identifiant()
    {
        var admin = await AdminAsync();
        await HistoriqueAsync(admin, 2021, new Resultat("62041", 3), new Resultat("200033579", 4));
        var arras = await Factory.DansLaBaseAsync(db => db.Collectivites.Where(c => c.CodeInsee == "62041").Select(c => c.Id).SingleAsync());
        var client = Anonyme();
        var parUuid = await client.GetAsync($"/api/v1/collectivites/{arras}/historique");
        foreach (var code in new[] { "62041", "216200410" })
        {
            var parCode = await client.GetAsync($"/api/v1/collectivites/{code}/historique");
            Assert.Equal(HttpStatusCode.OK, parCode.StatusCode);
            Assert.Equal(await parUuid.Content.ReadAsStringAsync(), await parCode.Content.ReadAsStringAsync());
            Assert.Equal(parUuid.Headers.ETag, parCode.Headers.ETag);
            Assert.True(parCode.Headers.CacheControl!.Public);
        }
        var cu = await client.GetFromJsonAsync<JsonObject>("/api/v1/collectivites/200033579/historique");
        Assert.Equal(4, cu!["items"]![0]!["arobases"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("/historique")]
    public async Task Code_inconnu_404_code_malforme_400_qui_nomme_le_parametre(string suite)
    {
        var admin = await AdminAsync();
        await CollectiviteAsync(admin, "62041");
        var client = Anonyme();
        // Well formed, in the COG or not, but not registered: unknown.
        foreach (var inconnu in new[] { "62042", "62999", "200000008", "216200428", Guid.NewGuid().ToString() })
        {
            var probleme = await ProblemeAsync(await client.GetAsync($"/api/v1/collectivites/{inconnu}{suite}"), HttpStatusCode.NotFound);
            Assert.Equal("Collectivité introuvable.", probleme["detail"]!.GetValue<string>());
        }
        // A code of five characters that is no COG code, a SIREN whose check digit is wrong, anything else.
        foreach (var malforme in new[] { "6204", "62O41", "2C004", "216200411", "2162004100", "arras", "0190d7a2-5b1e-7cc3-9a43" })
        {
            var probleme = await ProblemeAsync(await client.GetAsync($"/api/v1/collectivites/{malforme}{suite}"), HttpStatusCode.BadRequest);
            var message = Assert.Single(probleme["errors"]!["id"]!.AsArray())!.GetValue<string>();
            Assert.Contains("code INSEE", message);
            Assert.Contains("SIREN", message);
        }
    }

    [Fact]
    public async Task Les_filtres_codeInsee_et_siren_de_la_liste_refusent_un_code_malforme()
    {
        var admin = await AdminAsync();
        await CollectiviteAsync(admin, "62041");
        var client = Anonyme();
        async Task<string[]> Noms(string filtre) =>
            (await client.GetFromJsonAsync<JsonObject>($"/api/v1/collectivites?{filtre}"))!["items"]!.AsArray()
            .Select(i => i!["nom"]!.GetValue<string>()).ToArray();
        Assert.Equal(["Arras"], await Noms("codeInsee=62041"));
        Assert.Equal(["Arras"], await Noms("siren=216200410"));
        Assert.Empty(await Noms("codeInsee=62042"));
        Assert.NotNull((await ProblemeAsync(await client.GetAsync("/api/v1/collectivites?codeInsee=6204"), HttpStatusCode.BadRequest))["errors"]!["codeInsee"]);
        Assert.NotNull((await ProblemeAsync(await client.GetAsync("/api/v1/collectivites?siren=216200411"), HttpStatusCode.BadRequest))["errors"]!["siren"]);
    }
}
