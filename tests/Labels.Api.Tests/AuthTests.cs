using System.Net.Http.Headers;

namespace Labels.Api.Tests;

public sealed class AuthTests(LabelsApiFactory factory) : ApiTest(factory)
{
    [Fact]
    public async Task Connexion_donne_une_paire_de_jetons_qui_ouvre_les_routes_admin()
    {
        var reponse = await Anonyme().PostAsJsonAsync("/api/v1/auth/login",
            new { email = LabelsApiFactory.AdminEmail, password = LabelsApiFactory.AdminMotDePasse });
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var corps = await LireAsync(reponse);
        Assert.False(string.IsNullOrEmpty(corps["accessToken"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(corps["refreshToken"]!.GetValue<string>()));
        Assert.Equal(3600, corps["expiresIn"]!.GetValue<int>());

        var client = Anonyme();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", corps["accessToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/editions", new { annee = 2022, numero = 23 })).StatusCode);
    }

    [Fact]
    public async Task Mauvais_identifiants_401_en_problem_details()
    {
        var reponse = await Anonyme().PostAsJsonAsync("/api/v1/auth/login", new { email = LabelsApiFactory.AdminEmail, password = "faux" });
        await ProblemeAsync(reponse, HttpStatusCode.Unauthorized);
        var inconnu = await Anonyme().PostAsJsonAsync("/api/v1/auth/login", new { email = "personne@test.labels", password = "x" });
        await ProblemeAsync(inconnu, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Sans_jeton_ou_avec_un_faux_jeton_401()
    {
        await ProblemeAsync(await Anonyme().PostAsJsonAsync("/api/v1/editions", new { annee = 2022, numero = 23 }), HttpStatusCode.Unauthorized);
        var client = Anonyme();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "pas-un-jeton");
        await ProblemeAsync(await client.PostAsJsonAsync("/api/v1/editions", new { annee = 2022, numero = 23 }), HttpStatusCode.Unauthorized);
        // Public reads too (a dead token is told so), but not the health probes, which answer whoever asks.
        await ProblemeAsync(await client.GetAsync("/api/v1/editions"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Le_schema_d_authorization_se_lit_sans_casse()
    {
        // RFC 9110: « bearer », « BEARER » and several spaces name the same credential, a person's token or a script's.
        var admin = await AdminAsync();
        var jeton = admin.DefaultRequestHeaders.Authorization!.Parameter!;
        var script = (await LireAsync(await admin.PostAsJsonAsync("/api/v1/jetons",
            new { nom = "Lecteur", scopes = new[] { "audit:read" }, expireLe = DateTimeOffset.UtcNow.AddDays(1) })))["secret"]!.GetValue<string>();
        foreach (var entete in new[] { $"bearer {jeton}", $"BEARER {jeton}", $"Bearer   {jeton}", $"bearer {script}" })
        {
            var requete = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit");
            requete.Headers.TryAddWithoutValidation("Authorization", entete);
            Assert.Equal(HttpStatusCode.OK, (await Anonyme().SendAsync(requete)).StatusCode);
        }
        var autre = new HttpRequestMessage(HttpMethod.Get, "/api/v1/audit");
        autre.Headers.TryAddWithoutValidation("Authorization", $"Bearerx {jeton}");
        await ProblemeAsync(await Anonyme().SendAsync(autre), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Le_renouvellement_donne_une_nouvelle_paire_et_refuse_un_faux_jeton()
    {
        var connexion = await LireAsync(await Anonyme().PostAsJsonAsync("/api/v1/auth/login",
            new { email = LabelsApiFactory.AdminEmail, password = LabelsApiFactory.AdminMotDePasse }));
        var reponse = await Anonyme().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = connexion["refreshToken"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var paire = await LireAsync(reponse);
        var client = Anonyme();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", paire["accessToken"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/editions", new { annee = 2022, numero = 23 })).StatusCode);

        await ProblemeAsync(await Anonyme().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "faux" }), HttpStatusCode.Unauthorized);
        // Rotation: the spent refresh token is refused, and its reuse revokes the newer one too.
        await ProblemeAsync(await Anonyme().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = connexion["refreshToken"]!.GetValue<string>() }),
            HttpStatusCode.Unauthorized);
        await ProblemeAsync(await Anonyme().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = paire["refreshToken"]!.GetValue<string>() }),
            HttpStatusCode.Unauthorized);
        // An access token is not a refresh token.
        await ProblemeAsync(await Anonyme().PostAsJsonAsync("/api/v1/auth/refresh",
            new { refreshToken = connexion["accessToken"]!.GetValue<string>() }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Un_front_qui_envoie_encore_son_jeton_expire_se_renouvelle()
    {
        // A dead token on a public read is a 401 (docs/securite.md); on login and refresh it is what the caller is replacing.
        var connexion = await LireAsync(await Anonyme().PostAsJsonAsync("/api/v1/auth/login",
            new { email = LabelsApiFactory.AdminEmail, password = LabelsApiFactory.AdminMotDePasse }));
        var front = Anonyme();
        front.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "jeton-expire");
        await ProblemeAsync(await front.GetAsync("/api/v1/editions"), HttpStatusCode.Unauthorized);
        var renouvellement = await front.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = connexion["refreshToken"]!.GetValue<string>() });
        Assert.Equal(HttpStatusCode.OK, renouvellement.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await front.PostAsJsonAsync("/api/v1/auth/login",
            new { email = LabelsApiFactory.AdminEmail, password = LabelsApiFactory.AdminMotDePasse })).StatusCode);
    }

    [Fact]
    public async Task Un_jeton_vaut_sur_une_autre_instance_de_l_api()
    {
        var admin = await AdminAsync();
        // A second host on the same database: its own process state, the key ring from PostgreSQL.
        await using var autreInstance = Factory.WithWebHostBuilder(_ => { });
        var client = autreInstance.CreateClient();
        client.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/v1/editions", new { annee = 2022, numero = 23 })).StatusCode);
        var cles = await Factory.DansLaBaseAsync(db => Task.FromResult(db.DataProtectionKeys.Count()));
        Assert.True(cles >= 1);
    }

    [Fact]
    public async Task Verrouillage_apres_cinq_echecs()
    {
        await CompteAsync("jure", email: "jure@test.labels");
        for (var i = 0; i < 5; i++)
            await ProblemeAsync(await Anonyme().PostAsJsonAsync("/api/v1/auth/login", new { email = "jure@test.labels", password = "faux" }),
                HttpStatusCode.Unauthorized);
        var bon = await Anonyme().PostAsJsonAsync("/api/v1/auth/login", new { email = "jure@test.labels", password = MotDePasse });
        var corps = await ProblemeAsync(bon, HttpStatusCode.Unauthorized);
        // Locked says no more than a wrong password.
        Assert.Equal("Identifiants invalides.", corps["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Pas_d_inscription_publique()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Anonyme().PostAsJsonAsync("/api/v1/auth/register", new { email = "a@b.fr", password = "x" })).StatusCode);
        await ProblemeAsync(await Anonyme().PostAsJsonAsync("/api/v1/comptes",
            new { email = "a@b.fr", motDePasse = MotDePasse, role = "admin" }), HttpStatusCode.Unauthorized);
    }
}
