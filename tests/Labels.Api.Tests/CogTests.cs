namespace Labels.Api.Tests;

public sealed class CogTests(LabelsApiFactory factory) : ApiTest(factory)
{
    [Theory]
    [InlineData("62041", "Arras", "62", "32", "216200410")]
    [InlineData("2A004", "Ajaccio", "2A", "94", "212000046")]
    [InlineData("97101", "Les Abymes", "971", "01", "219711017")]
    [InlineData("57059", "Bellange", "57", "44", "215700592")]
    public async Task Communes_du_cog(string code, string nom, string departement, string region, string siren)
    {
        var c = await Anonyme().GetFromJsonAsync<JsonObject>($"/api/v1/referentiel/communes/{code}");
        Assert.Equal(code, c!["codeInsee"]!.GetValue<string>());
        Assert.Equal(nom, c["nom"]!.GetValue<string>());
        Assert.Equal(departement, c["departement"]!.GetValue<string>());
        Assert.Equal(region, c["region"]!.GetValue<string>());
        Assert.Equal(siren, c["siren"]!.GetValue<string>());
        Assert.True(c["population"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task Bellange_a_58_habitants()
    {
        var c = await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/referentiel/communes/57059");
        Assert.Equal(58, c!["population"]!.GetValue<int>());
    }

    [Fact]
    public async Task Epci_avec_ses_46_communes()
    {
        var e = await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/referentiel/epci/200033579");
        Assert.Equal("CU d'Arras", e!["nom"]!.GetValue<string>());
        var communes = e["communes"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray();
        Assert.Equal(46, communes.Length);
        Assert.Contains("62041", communes);
        Assert.Equal("62", e["departement"]!.GetValue<string>());
        Assert.True(e["population"]!.GetValue<int>() > 100_000);
    }

    [Fact]
    public async Task Code_malforme_400_code_inconnu_404()
    {
        var malforme = await ProblemeAsync(await Anonyme().GetAsync("/api/v1/referentiel/communes/6204"), HttpStatusCode.BadRequest);
        Assert.NotNull(malforme["errors"]!["codeInsee"]);
        await ProblemeAsync(await Anonyme().GetAsync("/api/v1/referentiel/communes/62999"), HttpStatusCode.NotFound);
        await ProblemeAsync(await Anonyme().GetAsync("/api/v1/referentiel/epci/200033578"), HttpStatusCode.BadRequest);
        await ProblemeAsync(await Anonyme().GetAsync("/api/v1/referentiel/epci/200000008"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Les_regions_par_leur_nom_etag_304_et_cache_public()
    {
        var client = Anonyme();
        var reponse = await client.GetAsync("/api/v1/referentiel/regions");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var page = await LireAsync(reponse);
        Assert.Equal(26, page["total"]!.GetValue<int>());
        Assert.Equal(1, page["page"]!.GetValue<int>());
        Assert.Equal(50, page["pageSize"]!.GetValue<int>());
        var regions = page["items"]!.AsArray();
        Assert.Equal(26, regions.Count);
        Assert.Equal("Hauts-de-France", regions.Single(r => r!["code"]!.GetValue<string>() == "32")!["nom"]!.GetValue<string>());
        Assert.Equal("Île-de-France", regions.Single(r => r!["code"]!.GetValue<string>() == "11")!["nom"]!.GetValue<string>());
        Assert.Equal(["01", "02"], regions.Take(2).Select(r => r!["code"]!.GetValue<string>()));
        Assert.Equal(["code", "nom"], regions[0]!.AsObject().Select(p => p.Key));

        Assert.False(reponse.Headers.ETag!.IsWeak);
        Assert.True(reponse.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromDays(1), reponse.Headers.CacheControl.MaxAge);
        var depuisUnPortail = new HttpRequestMessage(HttpMethod.Get, "/api/v1/referentiel/regions");
        depuisUnPortail.Headers.Add("Origin", "https://portail.exemple.fr");
        Assert.Equal(["*"], (await client.SendAsync(depuisUnPortail)).Headers.GetValues("Access-Control-Allow-Origin"));
        var revalidation = new HttpRequestMessage(HttpMethod.Get, "/api/v1/referentiel/regions");
        revalidation.Headers.IfNoneMatch.Add(reponse.Headers.ETag);
        var nonModifiee = await client.SendAsync(revalidation);
        Assert.Equal(HttpStatusCode.NotModified, nonModifiee.StatusCode);
        Assert.Empty(await nonModifiee.Content.ReadAsByteArrayAsync());
        // The same for a signed-in caller, whose own cache only keeps it, as every answer a signed-in caller gets.
        var parAdmin = await (await AdminAsync()).GetAsync("/api/v1/referentiel/regions");
        Assert.True(parAdmin.Headers.CacheControl is { Private: true, Public: false, NoStore: false });
        Assert.Equal(TimeSpan.FromDays(1), parAdmin.Headers.CacheControl.MaxAge);
        Assert.Equal(reponse.Headers.ETag, parAdmin.Headers.ETag);

        var deuxieme = await client.GetFromJsonAsync<JsonObject>("/api/v1/referentiel/regions?page=2&pageSize=20");
        Assert.Equal(6, deuxieme!["items"]!.AsArray().Count);
        Assert.NotNull((await ProblemeAsync(await client.GetAsync("/api/v1/referentiel/regions?pageSize=500"), HttpStatusCode.BadRequest))["errors"]!["pageSize"]);
    }

    [Fact]
    public async Task Les_departements_avec_leur_region_filtres_par_region()
    {
        var client = Anonyme();
        var tous = await client.GetFromJsonAsync<JsonObject>("/api/v1/referentiel/departements?pageSize=200");
        Assert.Equal(109, tous!["total"]!.GetValue<int>());
        var departements = tous["items"]!.AsArray().Select(d => (Code: d!["code"]!.GetValue<string>(), Nom: d["nom"]!.GetValue<string>(),
            Region: d["region"]!.GetValue<string>())).ToList();
        Assert.Contains(("2A", "Corse-du-Sud", "94"), departements);
        Assert.Contains(("971", "Guadeloupe", "01"), departements);
        // Every code the COG's communes carry has its name, and every département its région.
        var regions = (await client.GetFromJsonAsync<JsonObject>("/api/v1/referentiel/regions"))!["items"]!.AsArray()
            .Select(r => r!["code"]!.GetValue<string>()).ToHashSet();
        Assert.All(departements, d => Assert.Contains(d.Region, regions));
        var (departementsDesCommunes, regionsDesCommunes) = await Factory.DansLaBaseAsync(async db =>
            (await db.Communes.Select(c => c.Departement).Distinct().ToListAsync(), await db.Communes.Select(c => c.Region).Distinct().ToListAsync()));
        Assert.Subset(departements.Select(d => d.Code).ToHashSet(), departementsDesCommunes.ToHashSet());
        Assert.Subset(regions, regionsDesCommunes.ToHashSet());

        var hautsDeFrance = await client.GetAsync("/api/v1/referentiel/departements?region=32");
        Assert.Equal(HttpStatusCode.OK, hautsDeFrance.StatusCode);
        var page = await LireAsync(hautsDeFrance);
        Assert.Equal(5, page["total"]!.GetValue<int>());
        Assert.Equal(["02 Aisne", "59 Nord", "60 Oise", "62 Pas-de-Calais", "80 Somme"],
            page["items"]!.AsArray().Select(d => $"{d!["code"]} {d["nom"]}".Replace("\"", "")));
        Assert.False(hautsDeFrance.Headers.ETag!.IsWeak);
        Assert.NotEqual(hautsDeFrance.Headers.ETag, (await client.GetAsync("/api/v1/referentiel/departements?region=11")).Headers.ETag);
        var revalidation = new HttpRequestMessage(HttpMethod.Get, "/api/v1/referentiel/departements?region=32");
        revalidation.Headers.IfNoneMatch.Add(hautsDeFrance.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidation)).StatusCode);

        // A région the COG does not have is refused naming it, not answered with an empty list.
        var inconnue = await ProblemeAsync(await client.GetAsync("/api/v1/referentiel/departements?region=99"), HttpStatusCode.BadRequest);
        Assert.Contains("« 99 »", inconnue["errors"]!["region"]![0]!.GetValue<string>());
        var malformee = await ProblemeAsync(await client.GetAsync("/api/v1/referentiel/departements?region=Hauts-de-France"), HttpStatusCode.BadRequest);
        Assert.Contains("région", malformee["errors"]!["region"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Le_cog_entier_est_charge()
    {
        var (communes, epci) = await Factory.DansLaBaseAsync(db => Task.FromResult((db.Communes.Count(), db.Epcis.Count())));
        Assert.Equal(34_969, communes);
        Assert.Equal(1_255, epci);
    }
}
