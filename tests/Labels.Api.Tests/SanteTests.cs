namespace Labels.Api.Tests;

public sealed class SanteTests(LabelsApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Vivant_et_pret_sans_jeton()
    {
        var client = Anonyme();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var pret = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, pret.StatusCode);
        Assert.Equal("Healthy", await pret.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Swagger_decrit_chaque_route_avec_sa_securite()
    {
        var client = Anonyme();
        var doc = await client.GetStringAsync("/swagger/v1/swagger.json");
        Assert.Contains("\"/api/v1/editions/{annee}/referentiel\"", doc);
        Assert.Contains("\"bearer\"", doc);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/swagger/index.html")).StatusCode);
    }
}
