using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Labels.Api.Tests.Outils;

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
    public async Task Le_cog_entier_est_charge()
    {
        var (communes, epci) = await Factory.DansLaBaseAsync(db => Task.FromResult((db.Communes.Count(), db.Epcis.Count())));
        Assert.Equal(34_969, communes);
        Assert.Equal(1_255, epci);
    }
}
