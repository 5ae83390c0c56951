using System.Text.RegularExpressions;
using Labels.Api.Securite;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Labels.Api.Tests;

/// <summary>Browsers: the jury's front-ends from their configured origins, public portals from anywhere.</summary>
public sealed class CorsTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private const string Jury = "https://jury.exemple.fr";
    private const string Ailleurs = "https://ailleurs.exemple.fr";

    private WebApplicationFactory<Program> AvecOrigines() =>
        Factory.WithWebHostBuilder(b => b.UseSetting("Cors:Origines:0", Jury).UseSetting("Cors:Origines:1", "http://localhost:5173"));

    private static HttpRequestMessage Preflight(string chemin, string methode, string origine, string entetes)
    {
        var requete = new HttpRequestMessage(HttpMethod.Options, chemin);
        requete.Headers.Add("Origin", origine);
        requete.Headers.Add("Access-Control-Request-Method", methode);
        requete.Headers.Add("Access-Control-Request-Headers", entetes);
        return requete;
    }

    private static string? Entete(HttpResponseMessage reponse, string nom) =>
        reponse.Headers.TryGetValues(nom, out var valeurs) ? string.Join(",", valeurs) : null;

    private static string[] Liste(HttpResponseMessage reponse, string nom) =>
        (Entete(reponse, nom) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public async Task Le_preflight_d_une_origine_configuree_est_accepte_pour_la_connexion_et_les_ecritures()
    {
        await using var hote = AvecOrigines();
        var client = hote.CreateClient();
        foreach (var (methode, chemin) in new[]
                 {
                     ("POST", "/api/v1/auth/login"),
                     ("POST", "/api/v1/auth/refresh"),
                     ("PUT", $"/api/v1/candidatures/{Guid.NewGuid()}/evaluations/moi"),
                     ("DELETE", $"/api/v1/jetons/{Guid.NewGuid()}"),
                 })
        {
            var reponse = await client.SendAsync(Preflight(chemin, methode, Jury, "authorization, content-type, if-match"));
            Assert.True(reponse.StatusCode == HttpStatusCode.NoContent, $"{methode} {chemin} : {(int)reponse.StatusCode}");
            Assert.Equal(Jury, Entete(reponse, "Access-Control-Allow-Origin"));
            // An answer for one origin is not for another, in a shared cache.
            Assert.Contains("Origin", Liste(reponse, "Vary"));
            Assert.Contains(methode, Liste(reponse, "Access-Control-Allow-Methods"));
            Assert.Equal(["Authorization", "Content-Type", "If-Match", "If-None-Match"], Liste(reponse, "Access-Control-Allow-Headers").Order(StringComparer.Ordinal));
            Assert.Null(Entete(reponse, "Access-Control-Allow-Credentials"));

            var refuse = await client.SendAsync(Preflight(chemin, methode, Ailleurs, "authorization, content-type, if-match"));
            Assert.Null(Entete(refuse, "Access-Control-Allow-Origin"));
            Assert.Null(Entete(refuse, "Access-Control-Allow-Methods"));
        }
        // A header the policy does not name is not granted (the browser then refuses to send the request).
        var autreEntete = await client.SendAsync(Preflight("/api/v1/auth/login", "POST", Jury, "x-autre"));
        Assert.DoesNotContain("x-autre", Liste(autreEntete, "Access-Control-Allow-Headers"), StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Une_connexion_depuis_une_origine_configuree_expose_les_en_tetes_declares()
    {
        await using var hote = AvecOrigines();
        var client = hote.CreateClient();
        var requete = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email = LabelsApiFactory.AdminEmail, password = LabelsApiFactory.AdminMotDePasse }),
        };
        requete.Headers.Add("Origin", Jury);
        var reponse = await client.SendAsync(requete);
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal(Jury, Entete(reponse, "Access-Control-Allow-Origin"));
        Assert.Equal(["ETag", "Location", "Retry-After"], Liste(reponse, "Access-Control-Expose-Headers").Order(StringComparer.Ordinal));
        Assert.Null(Entete(reponse, "Access-Control-Allow-Credentials"));

        var ailleurs = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email = LabelsApiFactory.AdminEmail, password = "faux" }),
        };
        ailleurs.Headers.Add("Origin", Ailleurs);
        var refuse = await client.SendAsync(ailleurs);
        Assert.Equal(HttpStatusCode.Unauthorized, refuse.StatusCode);
        Assert.Null(Entete(refuse, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Sans_origine_configuree_aucune_ne_l_est()
    {
        var reponse = await Anonyme().SendAsync(Preflight("/api/v1/auth/login", "POST", Jury, "content-type"));
        Assert.Equal(HttpStatusCode.NoContent, reponse.StatusCode);
        Assert.Null(Entete(reponse, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Le_palmares_public_accepte_if_none_match_de_toute_origine_et_un_429_reste_lisible()
    {
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await HistoriqueAsync(admin, 2021, new Resultat("62041", 3))).StatusCode);
        await using var hote = Factory.WithWebHostBuilder(b => b.UseSetting("Cors:Origines:0", Jury).UseSetting("LimitesDeDebit:LecturePublique", "1"));
        var client = hote.CreateClient();
        foreach (var origine in new[] { "https://portail.exemple.fr", Jury })
        {
            var preflight = await client.SendAsync(Preflight("/api/v1/editions/2021/palmares", "GET", origine, "if-none-match"));
            Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
            Assert.Equal("*", Entete(preflight, "Access-Control-Allow-Origin"));
            Assert.Equal(["authorization", "if-none-match"], Liste(preflight, "Access-Control-Allow-Headers").Select(e => e.ToLowerInvariant()).Order());
            Assert.Null(Entete(preflight, "Access-Control-Allow-Credentials"));
            // A front-end's staff read embargoed releases with their bearer token.
            var signe = await client.SendAsync(Preflight("/api/v1/editions/2021/palmares", "GET", origine, "authorization"));
            Assert.Equal(HttpStatusCode.NoContent, signe.StatusCode);
            Assert.Contains("authorization", Liste(signe, "Access-Control-Allow-Headers").Select(e => e.ToLowerInvariant()));
        }

        // Answered by the fast path, then refused by the limit: both readable by the page, Retry-After included.
        foreach (var attendu in new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests })
        {
            var requete = new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions/2021/palmares");
            requete.Headers.Add("Origin", "https://portail.exemple.fr");
            var reponse = await client.SendAsync(requete);
            Assert.Equal(attendu, reponse.StatusCode);
            Assert.Equal("*", Entete(reponse, "Access-Control-Allow-Origin"));
            Assert.Equal(["Content-Disposition", "ETag", "Last-Modified", "Retry-After"],
                Liste(reponse, "Access-Control-Expose-Headers").Order(StringComparer.Ordinal));
        }
    }

    /// <summary>
    /// A shared cache keeps one copy of a public read, whoever fetched it: a script without Origin gets the same CORS headers
    /// as a page, so that the copy it leaves in the cache still serves pages. Fast path, endpoint, 200, 304, 404 alike.
    /// </summary>
    [Fact]
    public async Task Une_lecture_publique_porte_les_memes_en_tetes_cors_avec_ou_sans_origin()
    {
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await HistoriqueAsync(admin, 2021, new Resultat("62041", 3))).StatusCode);
        await using var hote = AvecOrigines();
        var client = hote.CreateClient();
        var etag = (await client.GetAsync("/api/v1/editions/2021/palmares")).Headers.ETag!;
        foreach (var (url, attendu) in new[]
                 {
                     ("/api/v1/editions/2021/palmares", HttpStatusCode.OK), ("/api/v1/editions/2021/palmares.csv?departement=62", HttpStatusCode.OK),
                     ("/api/v1/editions/2021/palmares", HttpStatusCode.NotModified), ("/api/v1/editions/2021/chiffres-cles", HttpStatusCode.OK),
                     ("/api/v1/editions/2030/palmares", HttpStatusCode.NotFound), ("/api/v1/collectivites/62041/historique", HttpStatusCode.OK),
                     ("/api/v1/referentiel/regions", HttpStatusCode.OK), ("/api/v1/editions/2021/palmares?arobases=9", HttpStatusCode.BadRequest),
                 })
        {
            HttpRequestMessage Requete(string? origine)
            {
                var requete = new HttpRequestMessage(HttpMethod.Get, url);
                if (attendu == HttpStatusCode.NotModified) requete.Headers.IfNoneMatch.Add(etag);
                if (origine is not null) requete.Headers.Add("Origin", origine);
                return requete;
            }
            var sans = await client.SendAsync(Requete(null));
            var avec = await client.SendAsync(Requete("https://portail.exemple.fr"));
            Assert.Equal(attendu, sans.StatusCode);
            Assert.Equal(attendu, avec.StatusCode);
            foreach (var nom in new[] { "Access-Control-Allow-Origin", "Access-Control-Expose-Headers", "Vary" })
                Assert.True(string.Join(",", Liste(sans, nom).Order()) == string.Join(",", Liste(avec, nom).Order()), $"{url} {nom}");
            Assert.Equal("*", Entete(sans, "Access-Control-Allow-Origin"));
        }
    }

    /// <summary>
    /// Every route of the application answers a browser's preflight: public reads for any origin, the rest for the configured
    /// origins only. A request that is not a preflight keeps its 405 for a method the route does not take.
    /// </summary>
    [Fact]
    public async Task Chaque_route_repond_au_preflight_et_la_405_reste()
    {
        await using var hote = AvecOrigines();
        var client = hote.CreateClient();
        // The public reads, as (method, template) in the form Scenario.Routes gives them.
        var publiques = hote.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<LimiteurLecturePublique.MarqueLecturePublique>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m =>
                (m, "/" + Regex.Replace(e.RoutePattern.RawText!, @"\{(\w+):[^}]+\}", "{$1}").Trim('/'))))
            .ToHashSet();
        var routes = Scenario.Routes(hote.Services);
        Assert.True(routes.Count > 40, $"{routes.Count} routes");
        foreach (var (methode, modele) in routes)
        {
            var chemin = Regex.Replace(modele
                .Replace("{annee}", "2022").Replace("{codeInsee}", "62041").Replace("{siren}", "200033579"), @"\{\w+\}", _ => Guid.NewGuid().ToString());
            var publique = publiques.Contains((methode, modele));
            var entetes = publique ? "if-none-match" : "authorization, content-type, if-match";
            var reponse = await client.SendAsync(Preflight(chemin, methode, Jury, entetes));
            Assert.True(reponse.StatusCode == HttpStatusCode.NoContent, $"{methode} {modele} : {(int)reponse.StatusCode}");
            Assert.True((publique ? "*" : Jury) == Entete(reponse, "Access-Control-Allow-Origin"), $"{methode} {modele}");
            Assert.Null(Entete(reponse, "Access-Control-Allow-Credentials"));
            var ailleurs = await client.SendAsync(Preflight(chemin, methode, Ailleurs, entetes));
            Assert.True((publique ? "*" : null) == Entete(ailleurs, "Access-Control-Allow-Origin"), $"{methode} {modele} depuis ailleurs");
        }

        // Not a preflight: the method the route does not take is still refused, with those it does.
        foreach (var requete in new[] { new HttpRequestMessage(HttpMethod.Options, "/api/v1/auth/login"), new HttpRequestMessage(HttpMethod.Get, "/api/v1/auth/login") })
        {
            requete.Headers.Add("Origin", Jury);
            var reponse = await client.SendAsync(requete);
            await ProblemeAsync(reponse, HttpStatusCode.MethodNotAllowed);
            Assert.Equal(["POST"], reponse.Content.Headers.Allow);
        }
        // A preflight for a method the path does not take finds no endpoint (routing keeps its 405 for real requests): not granted.
        var inconnue = await client.SendAsync(Preflight("/api/v1/editions", "DELETE", Jury, "authorization"));
        await ProblemeAsync(inconnue, HttpStatusCode.NotFound);
        Assert.Null(Entete(inconnue, "Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("https://jury.exemple.fr", "https://jury.exemple.fr")]
    [InlineData("HTTPS://Jury.Exemple.FR", "https://jury.exemple.fr")]
    [InlineData("http://localhost:5173", "http://localhost:5173")]
    [InlineData("https://jury.exemple.fr:443", "https://jury.exemple.fr")]
    [InlineData("https://jury.exemple.fr/", null)]
    [InlineData("https://jury.exemple.fr/app", null)]
    [InlineData("https://*.exemple.fr", null)]
    [InlineData("*", null)]
    [InlineData("jury.exemple.fr", null)]
    [InlineData("ftp://jury.exemple.fr", null)]
    public void Une_origine_se_configure_telle_que_le_navigateur_l_envoie(string texte, string? attendue)
    {
        Assert.Equal(attendue is not null, Origines.EssayerOrigine(texte, out var origine));
        if (attendue is not null) Assert.Equal(attendue, origine);
    }

    [Fact]
    public void Une_liste_se_configure_en_liste_ou_en_une_valeur_separee_par_des_virgules_et_une_valeur_fausse_arrete_le_demarrage()
    {
        static List<string> Lire(params (string Cle, string Valeur)[] reglages) => ListesDeConfiguration.Lire<string>(
            new ConfigurationBuilder().AddInMemoryCollection(reglages.Select(r => new KeyValuePair<string, string?>(r.Cle, r.Valeur))).Build(),
            "Cors:Origines", Origines.EssayerOrigine, "une origine");
        Assert.Equal([Jury, "http://localhost:5173"], Lire(("Cors:Origines:0", Jury), ("Cors:Origines:1", "http://localhost:5173")));
        Assert.Equal([Jury, "http://localhost:5173"], Lire(("Cors:Origines", $"{Jury}, http://localhost:5173")));
        Assert.Empty(Lire());
        var erreur = Assert.Throws<InvalidOperationException>(() => Lire(("Cors:Origines:0", "*")));
        Assert.Contains("Cors:Origines", erreur.Message);
    }
}
