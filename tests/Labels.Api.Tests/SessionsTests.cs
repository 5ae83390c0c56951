using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Labels.Api.Tests;

/// <summary>Sessions end when they must, and a login answer tells an outsider nothing.</summary>
public sealed class SessionsTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private static async Task<JsonObject> PaireAsync(HttpClient client, string email, string motDePasse)
    {
        var reponse = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = motDePasse });
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return (await reponse.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static HttpClient Porteur(WebApplicationFactory<Program> instance, JsonObject paire)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", paire["accessToken"]!.GetValue<string>());
        return client;
    }

    private static async Task<HttpStatusCode> StatutAsync(HttpClient client) => (await client.GetAsync("/api/v1/jures/moi/affectations?edition=2022")).StatusCode;

    /// <summary>Asks until the answer is <paramref name="attendu"/>, for at most <paramref name="delai"/>.</summary>
    private static async Task<HttpStatusCode> AttendreAsync(HttpClient client, HttpStatusCode attendu, TimeSpan delai)
    {
        var fin = DateTime.UtcNow + delai;
        while (true)
        {
            var statut = await StatutAsync(client);
            if (statut == attendu || DateTime.UtcNow > fin) return statut;
            await Task.Delay(100);
        }
    }

    private async Task<Guid> CompteIdAsync(HttpClient admin, string email) =>
        (await admin.GetFromJsonAsync<JsonObject>("/api/v1/comptes?pageSize=200"))!["items"]!.AsArray()
            .Single(c => c!["email"]!.GetValue<string>() == email)!["id"]!.GetValue<Guid>();

    [Fact]
    public async Task Un_renouvellement_rejoue_met_fin_aux_jetons_d_acces_sur_chaque_instance()
    {
        await CompteAsync("jure", email: "jure@test.labels");
        // Another instance, which checks an account's state every second instead of every 30 s.
        await using var autre = Factory.WithWebHostBuilder(b => b.UseSetting("Securite:FraicheurDesSessions", "00:00:01"));
        var premiere = await PaireAsync(Anonyme(), "jure@test.labels", MotDePasse);
        var renouvellement = await Anonyme().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = premiere["refreshToken"]!.GetValue<string>() });
        var seconde = (await renouvellement.Content.ReadFromJsonAsync<JsonObject>())!;
        var ici = new[] { Porteur(Factory, premiere), Porteur(Factory, seconde) };
        var labas = new[] { Porteur(autre, premiere), Porteur(autre, seconde) };
        foreach (var client in ici.Concat(labas)) Assert.Equal(HttpStatusCode.OK, await StatutAsync(client));

        // The first refresh token again: taken as a theft.
        await ProblemeAsync(await Anonyme().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = premiere["refreshToken"]!.GetValue<string>() }),
            HttpStatusCode.Unauthorized);
        foreach (var client in ici) await ProblemeAsync(await client.GetAsync("/api/v1/jures/moi/affectations?edition=2022"), HttpStatusCode.Unauthorized);
        foreach (var client in labas) Assert.Equal(HttpStatusCode.Unauthorized, await AttendreAsync(client, HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(4)));
        // A new login opens a new session.
        Assert.Equal(HttpStatusCode.OK, await StatutAsync(Porteur(Factory, await PaireAsync(Anonyme(), "jure@test.labels", MotDePasse))));
    }

    [Fact]
    public async Task Desactiver_un_compte_met_fin_a_ses_sessions_et_a_ses_jetons()
    {
        var admin = await AdminAsync();
        var jure = await CompteAsync("jure", email: "jure@test.labels");
        var autreAdmin = await CompteAsync("admin", email: "admin2@test.labels");
        var jeton = await LireAsync(await autreAdmin.PostAsJsonAsync("/api/v1/jetons",
            new { nom = "script", scopes = new[] { "audit:read" }, expireLe = DateTimeOffset.UtcNow.AddDays(1) }));
        var script = Anonyme();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", jeton["secret"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/audit")).StatusCode);
        var refresh = (await PaireAsync(Anonyme(), "jure@test.labels", MotDePasse))["refreshToken"]!.GetValue<string>();
        var idJure = await CompteIdAsync(admin, "jure@test.labels");
        var idAutreAdmin = await CompteIdAsync(admin, "admin2@test.labels");

        await ProblemeAsync(await admin.PutAsJsonAsync($"/api/v1/comptes/{idJure}/statut", new { }), HttpStatusCode.BadRequest);
        var desactive = await admin.PutAsJsonAsync($"/api/v1/comptes/{idJure}/statut", new { actif = false });
        Assert.Equal(HttpStatusCode.OK, desactive.StatusCode);
        Assert.False((await LireAsync(desactive))["actif"]!.GetValue<bool>());
        await ProblemeAsync(await jure.GetAsync("/api/v1/jures/moi/affectations?edition=2022"), HttpStatusCode.Unauthorized);
        await ProblemeAsync(await Anonyme().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh }), HttpStatusCode.Unauthorized);
        var refuse = await ProblemeAsync(await Anonyme().PostAsJsonAsync("/api/v1/auth/login", new { email = "jure@test.labels", password = MotDePasse }),
            HttpStatusCode.Unauthorized);
        Assert.Equal("Identifiants invalides.", refuse["detail"]!.GetValue<string>());

        var jures = await admin.GetFromJsonAsync<JsonObject>("/api/v1/comptes?role=jure");
        var liste = Assert.Single(jures!["items"]!.AsArray())!;
        Assert.Equal("jure@test.labels", liste["email"]!.GetValue<string>());
        Assert.Equal("jure", liste["role"]!.GetValue<string>());
        Assert.False(liste["actif"]!.GetValue<bool>());
        Assert.Equal(3, (await admin.GetFromJsonAsync<JsonObject>("/api/v1/comptes"))!["total"]!.GetValue<int>());
        await ProblemeAsync(await admin.GetAsync("/api/v1/comptes?role=maire"), HttpStatusCode.BadRequest);

        // Enabled again: a new login works, the sessions ended stay ended.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/comptes/{idJure}/statut", new { actif = true })).StatusCode);
        await ProblemeAsync(await jure.GetAsync("/api/v1/jures/moi/affectations?edition=2022"), HttpStatusCode.Unauthorized);
        await PaireAsync(Anonyme(), "jure@test.labels", MotDePasse);

        // An API token ends with the account of the administrator who made it.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/comptes/{idAutreAdmin}/statut", new { actif = false })).StatusCode);
        await ProblemeAsync(await script.GetAsync("/api/v1/audit"), HttpStatusCode.Unauthorized);
        await ProblemeAsync(await admin.PutAsJsonAsync($"/api/v1/comptes/{Guid.NewGuid()}/statut", new { actif = false }), HttpStatusCode.NotFound);
        // The last enabled administrator stays.
        var moi = await CompteIdAsync(admin, LabelsApiFactory.AdminEmail);
        await ProblemeAsync(await admin.PutAsJsonAsync($"/api/v1/comptes/{moi}/statut", new { actif = false }), HttpStatusCode.Conflict);

        var journal = await admin.GetFromJsonAsync<JsonObject>("/api/v1/audit?action=compte.");
        Assert.Equal(["compte.desactivation", "compte.reactivation", "compte.desactivation"],
            journal!["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).Reverse());
        Assert.Equal($"compte:{idJure}", journal["items"]!.AsArray().Last()!["cible"]!.GetValue<string>());
    }

    [Fact]
    public async Task Changer_son_mot_de_passe_met_fin_a_ses_sessions()
    {
        var jure = await CompteAsync("jure", email: "jure@test.labels");
        var autreSession = Porteur(Factory, await PaireAsync(Anonyme(), "jure@test.labels", MotDePasse));
        const string nouveau = "Nouveau-mot-de-passe-2";
        var faux = await ProblemeAsync(await jure.PutAsJsonAsync("/api/v1/comptes/moi/mot-de-passe",
            new { motDePasseActuel = "pas-le-bon", nouveauMotDePasse = nouveau }), HttpStatusCode.BadRequest);
        Assert.NotNull(faux["errors"]!["motDePasseActuel"]);
        var faible = await ProblemeAsync(await jure.PutAsJsonAsync("/api/v1/comptes/moi/mot-de-passe",
            new { motDePasseActuel = MotDePasse, nouveauMotDePasse = "court" }), HttpStatusCode.BadRequest);
        Assert.NotNull(faible["errors"]!["nouveauMotDePasse"]);
        Assert.Equal(HttpStatusCode.OK, await StatutAsync(autreSession));

        Assert.Equal(HttpStatusCode.NoContent, (await jure.PutAsJsonAsync("/api/v1/comptes/moi/mot-de-passe",
            new { motDePasseActuel = MotDePasse, nouveauMotDePasse = nouveau })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatutAsync(jure));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatutAsync(autreSession));
        await ProblemeAsync(await Anonyme().PostAsJsonAsync("/api/v1/auth/login", new { email = "jure@test.labels", password = MotDePasse }),
            HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, await StatutAsync(Porteur(Factory, await PaireAsync(Anonyme(), "jure@test.labels", nouveau))));
    }

    /// <summary>Problem details without their trace identifier, which differs on every answer.</summary>
    private static async Task<string> CorpsSansTraceAsync(HttpResponseMessage reponse)
    {
        var corps = JsonNode.Parse(await reponse.Content.ReadAsStringAsync())!.AsObject();
        corps.Remove("traceId");
        return $"{(int)reponse.StatusCode} {reponse.Content.Headers.ContentType} {corps.ToJsonString()}";
    }

    [Fact]
    public async Task La_connexion_ne_dit_rien_ni_par_sa_reponse_ni_par_son_temps()
    {
        var admin = await AdminAsync();
        await CompteAsync("jure", email: "verrouille@test.labels");
        await CompteAsync("jure", email: "connu@test.labels");
        await CompteAsync("jure", email: "desactive@test.labels");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/comptes/{await CompteIdAsync(admin, "desactive@test.labels")}/statut",
            new { actif = false })).StatusCode);
        var client = Anonyme();
        for (var i = 0; i < 5; i++)
            await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "verrouille@test.labels", password = "faux" });

        (string Email, string MotDePasse)[] cas =
        [
            ("inconnu@test.labels", MotDePasse), ("connu@test.labels", "mauvais-mot-de-passe"),
            ("verrouille@test.labels", MotDePasse), ("desactive@test.labels", MotDePasse),
        ];
        var durees = cas.Select(_ => new List<double>()).ToArray();
        var corps = cas.Select(_ => new HashSet<string>()).ToArray();
        // Interleaved rounds in a shuffled order, so that the machine's moods fall on every case alike; a warm-up round first.
        var hasard = new Random(7);
        for (var tour = -1; tour < 9; tour++)
            foreach (var i in Enumerable.Range(0, cas.Length).OrderBy(_ => hasard.Next()))
            {
                var chrono = Stopwatch.StartNew();
                var reponse = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = cas[i].Email, password = cas[i].MotDePasse });
                chrono.Stop();
                if (tour < 0) continue;
                durees[i].Add(chrono.Elapsed.TotalMilliseconds);
                corps[i].Add(await CorpsSansTraceAsync(reponse));
            }
        var reponses = corps.SelectMany(c => c).Distinct().ToList();
        Assert.True(reponses.Count == 1, string.Join("\n", reponses));
        Assert.StartsWith("401 application/problem+json", reponses[0]);
        var medianes = durees.Select(d => d.Order().ElementAt(d.Count / 2)).ToArray();
        // Without a hash for an unknown address, that case answered about ten times faster than a wrong password; the
        // bound leaves room for a shared machine's noise.
        Assert.True(medianes.Max() / medianes.Min() < 2, "Médianes (ms) : " + string.Join(", ", medianes.Select(m => m.ToString("F1"))));

        // The journal keeps the true reason, for administrators only. Ten failures of each: every address, known or not,
        // is locked after five for this client.
        var journal = await admin.GetFromJsonAsync<JsonObject>("/api/v1/audit?action=auth.echec&pageSize=200");
        var raisons = journal!["items"]!.AsArray().Reverse().GroupBy(e => e!["cible"]!.GetValue<string>())
            .ToDictionary(g => g.Key, g => g.Select(e => e!["details"]!["raison"]!.GetValue<string>()).ToArray());
        static string[] CinqPuis(string raison, string suite) => [.. Enumerable.Repeat(raison, 5), .. Enumerable.Repeat(suite, 5)];
        Assert.Equal(CinqPuis("identifiants", "verrouille"), raisons["compte:inconnu@test.labels"]);
        Assert.Equal(CinqPuis("identifiants", "verrouille"), raisons["compte:connu@test.labels"]);
        Assert.Equal([.. Enumerable.Repeat("identifiants", 5), .. Enumerable.Repeat("verrouille", 10)], raisons["compte:verrouille@test.labels"]);
        Assert.Equal(CinqPuis("desactive", "verrouille"), raisons["compte:desactive@test.labels"]);
    }

    [Fact]
    public async Task Le_verrou_vaut_pour_le_client_qui_echoue_pas_pour_la_personne()
    {
        await CompteAsync("jure", email: "victime@test.labels");
        await using var hote = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, PairSimule>()));
        HttpRequestMessage Connexion(string pair, string motDePasse)
        {
            var requete = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
            {
                Content = JsonContent.Create(new { email = "victime@test.labels", password = motDePasse }),
            };
            requete.Headers.Add(PairSimule.Entete, pair);
            return requete;
        }
        var client = hote.CreateClient();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Connexion("203.0.113.66", "devine-" + i))).StatusCode);
        // The guesser is locked out, even with the right password…
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Connexion("203.0.113.66", MotDePasse))).StatusCode);
        // …the person, elsewhere, is not.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Connexion("198.51.100.7", MotDePasse))).StatusCode);
        // Four failures, then a success, start the count again.
        for (var i = 0; i < 4; i++) await client.SendAsync(Connexion("198.51.100.8", "faux"));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Connexion("198.51.100.8", MotDePasse))).StatusCode);
        for (var i = 0; i < 4; i++) await client.SendAsync(Connexion("198.51.100.8", "faux"));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Connexion("198.51.100.8", MotDePasse))).StatusCode);
    }

    [Fact]
    public async Task Deux_administrateurs_qui_se_desactivent_l_un_l_autre_en_meme_temps_en_laissent_un()
    {
        var admin = await AdminAsync();
        await CompteAsync("admin", email: "admin2@test.labels");
        var idAdmin = await CompteIdAsync(admin, LabelsApiFactory.AdminEmail);
        var idAutre = await CompteIdAsync(admin, "admin2@test.labels");
        for (var tour = 0; tour < 5; tour++)
        {
            var premier = await AdminAsync();
            var second = await ConnecteAsync("admin2@test.labels", MotDePasse);
            var reponses = await Task.WhenAll(
                premier.PutAsJsonAsync($"/api/v1/comptes/{idAutre}/statut", new { actif = false }),
                second.PutAsJsonAsync($"/api/v1/comptes/{idAdmin}/statut", new { actif = false }));
            // One wins; the other is refused: 409 (the last administrator) or 401 (its session ended first).
            Assert.Single(reponses, r => r.StatusCode == HttpStatusCode.OK);
            Assert.Single(reponses, r => r.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.Unauthorized);
            var actifs = (await (reponses[0].IsSuccessStatusCode ? premier : second).GetFromJsonAsync<JsonObject>("/api/v1/comptes?role=admin"))!
                ["items"]!.AsArray().Count(c => c!["actif"]!.GetValue<bool>());
            Assert.Equal(1, actifs);
            // Both enabled again for the next round, by the one still enabled.
            var restant = reponses[0].IsSuccessStatusCode ? premier : second;
            var desactive = reponses[0].IsSuccessStatusCode ? idAutre : idAdmin;
            Assert.Equal(HttpStatusCode.OK, (await restant.PutAsJsonAsync($"/api/v1/comptes/{desactive}/statut", new { actif = true })).StatusCode);
        }
    }

    [Fact]
    public async Task Les_jetons_d_un_compte_desactive_ne_reviennent_pas_avec_lui()
    {
        var admin = await AdminAsync();
        var autre = await CompteAsync("admin", email: "admin2@test.labels");
        var cree = await LireAsync(await autre.PostAsJsonAsync("/api/v1/jetons",
            new { nom = "script", scopes = new[] { "audit:read" }, expireLe = DateTimeOffset.UtcNow.AddDays(1) }));
        var script = Anonyme();
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", cree["secret"]!.GetValue<string>());
        var id = await CompteIdAsync(admin, "admin2@test.labels");
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/comptes/{id}/statut", new { actif = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/comptes/{id}/statut", new { actif = true })).StatusCode);
        await ProblemeAsync(await script.GetAsync("/api/v1/audit"), HttpStatusCode.Unauthorized);
        var jetons = await admin.GetFromJsonAsync<JsonObject>("/api/v1/jetons");
        Assert.All(jetons!["items"]!.AsArray(), j => Assert.NotNull(j!["revoqueLe"]));
    }

    [Fact]
    public async Task Changer_son_mot_de_passe_ne_permet_pas_de_deviner_l_actuel()
    {
        var jure = await CompteAsync("jure", email: "jure@test.labels");
        for (var i = 0; i < 5; i++)
            await ProblemeAsync(await jure.PutAsJsonAsync("/api/v1/comptes/moi/mot-de-passe",
                new { motDePasseActuel = "devine-" + i, nouveauMotDePasse = "Nouveau-mot-de-passe-2" }), HttpStatusCode.BadRequest);
        // Locked for this client as a login would be: even the right password is refused now.
        var bloque = await ProblemeAsync(await jure.PutAsJsonAsync("/api/v1/comptes/moi/mot-de-passe",
            new { motDePasseActuel = MotDePasse, nouveauMotDePasse = "Nouveau-mot-de-passe-2" }), HttpStatusCode.BadRequest);
        Assert.NotNull(bloque["errors"]!["motDePasseActuel"]);
        await ProblemeAsync(await Anonyme().PostAsJsonAsync("/api/v1/auth/login", new { email = "jure@test.labels", password = MotDePasse }),
            HttpStatusCode.Unauthorized);
        var journal = await (await AdminAsync()).GetFromJsonAsync<JsonObject>("/api/v1/audit?action=compte.mot-de-passe.echec");
        Assert.Equal(6, journal!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Une_adresse_tres_longue_se_connecte_ou_echoue_sans_500()
    {
        var longue = new string('a', 240) + "@test.labels";
        await CompteAsync("jure", email: longue);
        await PaireAsync(Anonyme(), longue, MotDePasse);
        await ProblemeAsync(await Anonyme().PostAsJsonAsync("/api/v1/auth/login", new { email = new string('b', 5000) + "@t.fr", password = "x" }),
            HttpStatusCode.Unauthorized);
    }
}
