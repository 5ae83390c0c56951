using System.Net.Http.Headers;

namespace Labels.Api.Tests;

public sealed class SecuriteTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private HttpClient AvecJeton(string secret)
    {
        var client = Anonyme();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private async Task<(Guid Id, string Secret)> JetonAsync(HttpClient admin, string[] scopes, TimeSpan? duree = null)
    {
        var reponse = await admin.PostAsJsonAsync("/api/v1/jetons",
            new { nom = "script d'import", scopes, expireLe = DateTimeOffset.UtcNow + (duree ?? TimeSpan.FromDays(30)) });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        var corps = await LireAsync(reponse);
        return (corps["jeton"]!["id"]!.GetValue<Guid>(), corps["secret"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/v1/nulle-part")]
    [InlineData("/api/v1/editions/2021/palmares.json")]
    [InlineData("/favicon.ico")]
    public async Task Une_route_inconnue_est_introuvable_pour_tous(string chemin)
    {
        var probleme = await ProblemeAsync(await Anonyme().GetAsync(chemin), HttpStatusCode.NotFound);
        Assert.Equal("Introuvable", probleme["title"]!.GetValue<string>());
        await ProblemeAsync(await (await AdminAsync()).GetAsync(chemin), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("DELETE", "/api/v1/editions", "GET, POST")]
    [InlineData("POST", "/api/v1/editions/2021/palmares", "GET, HEAD")]
    [InlineData("PUT", "/api/v1/editions/2021/palmares.csv", "GET, HEAD")]
    public async Task Une_methode_que_la_route_n_accepte_pas_est_refusee_avec_celles_qu_elle_accepte(string methode, string chemin, string permises)
    {
        foreach (var client in new[] { Anonyme(), await AdminAsync() })
        {
            var reponse = await client.SendAsync(new HttpRequestMessage(new HttpMethod(methode), chemin));
            var probleme = await ProblemeAsync(reponse, HttpStatusCode.MethodNotAllowed);
            Assert.Equal(permises.Split(", "), reponse.Content.Headers.Allow.Order(StringComparer.Ordinal));
            Assert.Contains(permises, probleme["detail"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Un_jeton_d_api_vaut_pour_ses_scopes_jusqu_a_sa_revocation()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var (id, secret) = await JetonAsync(admin, ["imports:write"]);
        Assert.StartsWith("lbl_", secret);
        var stocke = await Factory.DansLaBaseAsync(db => db.JetonsApi.SingleAsync());
        Assert.NotEqual(secret, stocke.Empreinte);
        Assert.DoesNotContain(secret, stocke.Empreinte + stocke.Debut + stocke.Nom);
        var liste = await admin.GetStringAsync("/api/v1/jetons");
        Assert.DoesNotContain(secret, liste);
        Assert.Contains(stocke.Debut, liste);

        var script = AvecJeton(secret);
        var import = await script.PostAsync("/api/v1/editions/2022/imports",
            new StringContent("collectivite;titre;description;dateDebut;enCours;enjeux\n62041;T;D;2021-01-01;true;culture\n", System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        await ProblemeAsync(await script.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden);
        await ProblemeAsync(await script.PostAsJsonAsync("/api/v1/editions", new { annee = 2030, numero = 31 }), HttpStatusCode.Forbidden);
        await ProblemeAsync(await script.PostAsJsonAsync("/api/v1/jetons", new { nom = "x", scopes = new[] { "audit:read" }, expireLe = DateTimeOffset.UtcNow.AddDays(1) }),
            HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/editions/2022")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/jetons/{id}")).StatusCode);
        await ProblemeAsync(await script.GetAsync("/api/v1/editions/2022/imports"), HttpStatusCode.Unauthorized);
        await ProblemeAsync(await AvecJeton("lbl_inconnu").GetAsync("/api/v1/editions/2022/imports"), HttpStatusCode.Unauthorized);
        // On a public read too: a dead credential is said so, not served the anonymous view.
        var lecture = await script.GetAsync("/api/v1/editions/2022");
        Assert.Equal("Bearer", Assert.Single(lecture.Headers.WwwAuthenticate).Scheme);
        Assert.Contains("révoqué", (await ProblemeAsync(lecture, HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>());
        await ProblemeAsync(await AvecJeton("lbl_inconnu").GetAsync("/api/v1/editions/2022/palmares"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await Anonyme().GetAsync("/api/v1/editions/2022")).StatusCode);
        var journal = await admin.GetFromJsonAsync<JsonObject>("/api/v1/audit?action=jeton.");
        Assert.Equal(["jeton.revocation", "jeton.creation"], journal!["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Un_jeton_expire_ne_vaut_plus()
    {
        var admin = await AdminAsync();
        var (_, secret) = await JetonAsync(admin, ["audit:read"], TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, (await AvecJeton(secret).GetAsync("/api/v1/audit")).StatusCode);
        await Task.Delay(2500);
        await ProblemeAsync(await AvecJeton(secret).GetAsync("/api/v1/audit"), HttpStatusCode.Unauthorized);
        var invalide = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/jetons",
            new { nom = "x", scopes = new[] { "tout" }, expireLe = DateTimeOffset.UtcNow.AddDays(1) }), HttpStatusCode.BadRequest);
        Assert.NotNull(invalide["errors"]!["scopes"]);
        var tropLoin = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/jetons",
            new { nom = "x", scopes = new[] { "audit:read" }, expireLe = DateTimeOffset.UtcNow.AddYears(3) }), HttpStatusCode.BadRequest);
        Assert.NotNull(tropLoin["errors"]!["expireLe"]);
    }

    [Fact]
    public async Task Les_connexions_sont_journalisees()
    {
        await Anonyme().PostAsJsonAsync("/api/v1/auth/login", new { email = LabelsApiFactory.AdminEmail, password = "mauvais" });
        var admin = await AdminAsync();
        var journal = await admin.GetFromJsonAsync<JsonObject>("/api/v1/audit?action=auth.");
        var actions = journal!["items"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()).ToArray();
        Assert.Equal(["auth.connexion", "auth.echec"], actions);
        Assert.Equal($"compte:{LabelsApiFactory.AdminEmail}", journal["items"]![1]!["cible"]!.GetValue<string>());
        Assert.Equal("identifiants", journal["items"]![1]!["details"]!["raison"]!.GetValue<string>());
        var jure = await CompteAsync("jure");
        await ProblemeAsync(await jure.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Trop_de_connexions_429_avec_retry_after()
    {
        await using var limitee = Factory.WithWebHostBuilder(b => b.UseSetting("LimitesDeDebit:Authentification", "3"));
        var client = limitee.CreateClient();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "x@y.fr", password = "z" })).StatusCode);
        var refuse = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = LabelsApiFactory.AdminEmail, password = LabelsApiFactory.AdminMotDePasse });
        await ProblemeAsync(refuse, HttpStatusCode.TooManyRequests);
        Assert.True(refuse.Headers.RetryAfter!.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Le_caractere_nul_est_refuse_partout()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var dossier = await CandidatureAsync(admin, 2022, await CollectiviteAsync(admin, "62041"));
        await ProblemeAsync(await admin.PostAsync($"/api/v1/candidatures/{dossier}/fiches", new StringContent(
            "{\"titre\":\"a\\u0000b\",\"description\":\"d\",\"dateDebut\":\"2021-01-01\",\"enCours\":true,\"enjeux\":[\"culture\"]}",
            System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await ProblemeAsync(await admin.PostAsync("/api/v1/editions/2022/imports", new StringContent("{\"a\\u0000b\":true}",
            System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        var csv = await admin.PostAsync("/api/v1/editions/2022/imports", new StringContent(
            "collectivite;titre;description;dateDebut;enCours;enjeux\n62041;a\0b;d;2021-01-01;true;culture\n", System.Text.Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, csv.StatusCode);
        Assert.Equal(2, (await LireAsync(csv))["errors"]![0]!["line"]!.GetValue<int>());
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Fiches.CountAsync()));
    }

    [Fact]
    public async Task Le_caractere_de_remplacement_est_refuse_partout_comme_dans_les_imports()
    {
        // U+FFFD is what a lost character becomes: stored, the text is no longer what its author wrote, and nothing says so.
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var dossier = await CandidatureAsync(admin, 2022, await CollectiviteAsync(admin, "62041"));
        var fiche = await ProblemeAsync(await admin.PostAsJsonAsync($"/api/v1/candidatures/{dossier}/fiches", Fiche("Caf\uFFFD")),
            HttpStatusCode.BadRequest);
        Assert.Contains("U+FFFD", fiche["errors"]!["titre"]![0]!.GetValue<string>());
        var jeton = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/jetons",
            new { nom = "Imports \uFFFD", scopes = new[] { "imports:write" }, expireLe = DateTimeOffset.UtcNow.AddDays(1) }), HttpStatusCode.BadRequest);
        Assert.NotNull(jeton["errors"]!["nom"]);
        var referentiel = await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/2022/referentiel",
            new { enjeux = new[] { new { code = "x", nom = "Num\uFFFDrique" } }, mentions = Array.Empty<object>() }), HttpStatusCode.BadRequest);
        Assert.NotNull(referentiel["errors"]!["enjeux[0].nom"]);
        foreach (var requete in new[] { "q=Caf%EF%BF%BD", "q=Caf\uFFFD", "q=a%00b" })
        {
            var parametre = await ProblemeAsync(await Anonyme().GetAsync($"/api/v1/editions/2022/fiches?{requete}"), HttpStatusCode.BadRequest);
            Assert.NotNull(parametre["errors"]!["q"]);
        }
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Fiches.CountAsync()));
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.JetonsApi.CountAsync()));
    }

    [Fact]
    public async Task Les_refus_du_cadre_ont_un_detail_en_francais()
    {
        // The framework's own refusals (a challenge, a policy, a body of the wrong type) carry a detail as ours do.
        var anonyme = await ProblemeAsync(await Anonyme().GetAsync("/api/v1/comptes"), HttpStatusCode.Unauthorized);
        Assert.Contains("Authorization: Bearer", anonyme["detail"]!.GetValue<string>());
        var jure = await CompteAsync("jure");
        var interdit = await ProblemeAsync(await jure.GetAsync("/api/v1/audit"), HttpStatusCode.Forbidden);
        Assert.Equal("Ce compte ou ce jeton n'a pas accès à cette route.", interdit["detail"]!.GetValue<string>());
        var sansType = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = new ByteArrayContent("{}"u8.ToArray()) };
        var sans = await ProblemeAsync(await Anonyme().SendAsync(sansType), HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("Content-Type: application/json (reçu : aucun)", sans["detail"]!.GetValue<string>());
        var texte = await ProblemeAsync(await Anonyme().PostAsync("/api/v1/auth/login", new StringContent("{}", System.Text.Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("« text/plain; charset=utf-8 »", texte["detail"]!.GetValue<string>());
        foreach (var charset in new[] { "utf8", "\"latin1\"", "" })
        {
            var requete = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = new ByteArrayContent("{}"u8.ToArray()) };
            requete.Content.Headers.TryAddWithoutValidation("Content-Type", $"application/json; charset={charset}");
            var refus = await ProblemeAsync(await Anonyme().SendAsync(requete), HttpStatusCode.UnsupportedMediaType);
            Assert.Contains("UTF-8", refus["detail"]!.GetValue<string>());
        }
        var utf8 = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = new ByteArrayContent("{\"email\":\"x@y.fr\",\"password\":\"z\"}"u8.ToArray()),
        };
        utf8.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=\"UTF-8\"");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonyme().SendAsync(utf8)).StatusCode);
    }

    [Fact]
    public async Task Un_corps_trop_gros_est_refuse_avant_d_etre_lu()
    {
        var admin = await AdminAsync();
        var gros = "{\"codeInsee\":\"" + new string('1', 2 << 20) + "\"}";
        await ProblemeAsync(await admin.PostAsync("/api/v1/collectivites", new StringContent(gros, System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Collectivites.CountAsync()));
    }

    [Fact]
    public async Task En_tetes_de_securite_et_proprietes_inconnues_nommees()
    {
        var reponse = await Anonyme().GetAsync("/api/v1/editions");
        Assert.Equal("nosniff", reponse.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", reponse.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("default-src 'none'", reponse.Headers.GetValues("Content-Security-Policy").Single());
        var swagger = await Anonyme().GetAsync("/swagger/index.html");
        Assert.Contains("script-src 'self'", swagger.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("unsafe-inline", swagger.Headers.GetValues("Content-Security-Policy").Single().Split(';').Single(d => d.Contains("script-src")));

        var admin = await AdminAsync();
        var inconnue = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/collectivites", new { codeInsee = "62041", statut = "deposee" }),
            HttpStatusCode.BadRequest);
        Assert.Contains("statut", inconnue["detail"]!.GetValue<string>());
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Collectivites.CountAsync()));
        var profond = string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200);
        await ProblemeAsync(await admin.PostAsync("/api/v1/collectivites", new StringContent(profond, System.Text.Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
    }
}
