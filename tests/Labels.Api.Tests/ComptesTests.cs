namespace Labels.Api.Tests;

public sealed class ComptesTests(LabelsApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Un_compte_de_collectivite_est_rattache_a_sa_collectivite()
    {
        var admin = await AdminAsync();
        var arras = await CollectiviteAsync(admin, "62041");
        var reponse = await admin.PostAsJsonAsync("/api/v1/comptes",
            new { email = "mairie@arras.fr", motDePasse = MotDePasse, role = "collectivite", collectiviteId = arras });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        var compte = await LireAsync(reponse);
        Assert.Equal("collectivite", compte["role"]!.GetValue<string>());
        Assert.Equal(arras, compte["collectiviteId"]!.GetValue<Guid>());
        Assert.Null(compte["motDePasse"]);
        Assert.Null(compte["passwordHash"]);
        await ConnecteAsync("mairie@arras.fr", MotDePasse);
    }

    [Fact]
    public async Task Regles_de_creation()
    {
        var admin = await AdminAsync();
        var arras = await CollectiviteAsync(admin, "62041");
        var sansCollectivite = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/comptes",
            new { email = "a@arras.fr", motDePasse = MotDePasse, role = "collectivite" }), HttpStatusCode.BadRequest);
        Assert.NotNull(sansCollectivite["errors"]!["collectiviteId"]);
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/comptes",
            new { email = "a@arras.fr", motDePasse = MotDePasse, role = "jure", collectiviteId = arras }), HttpStatusCode.BadRequest);
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/comptes",
            new { email = "a@arras.fr", motDePasse = MotDePasse, role = "collectivite", collectiviteId = Guid.NewGuid() }),
            HttpStatusCode.UnprocessableEntity);
        var role = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/comptes",
            new { email = "a@arras.fr", motDePasse = MotDePasse, role = "maire" }), HttpStatusCode.BadRequest);
        Assert.NotNull(role["errors"]!["role"]);
        var faible = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/comptes",
            new { email = "a@arras.fr", motDePasse = "court", role = "jure" }), HttpStatusCode.BadRequest);
        Assert.NotNull(faible["errors"]!["motDePasse"]);
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/comptes",
            new { email = "pas-un-email", motDePasse = MotDePasse, role = "jure" }), HttpStatusCode.BadRequest);

        var cree = await admin.PostAsJsonAsync("/api/v1/comptes", new { email = "a@arras.fr", motDePasse = MotDePasse, role = "jure" });
        Assert.Equal(HttpStatusCode.Created, cree.StatusCode);
        var id = (await LireAsync(cree))["id"]!.GetValue<Guid>();
        var doublon = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/comptes",
            new { email = "A@Arras.fr", motDePasse = MotDePasse, role = "jure" }), HttpStatusCode.Conflict);
        Assert.Equal($"Un compte existe déjà pour A@Arras.fr : {id}.", doublon["detail"]!.GetValue<string>());
        Assert.Equal(2, await Factory.DansLaBaseAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Seul_un_administrateur_cree_des_comptes()
    {
        var jure = await CompteAsync("jure");
        await ProblemeAsync(await jure.PostAsJsonAsync("/api/v1/comptes",
            new { email = "x@test.labels", motDePasse = MotDePasse, role = "admin" }), HttpStatusCode.Forbidden);
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Users.CountAsync(u => u.Email == "x@test.labels")));
    }
}
