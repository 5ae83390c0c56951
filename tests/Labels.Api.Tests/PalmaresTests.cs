using System.Net.Http.Headers;
using Labels.Domain.Candidatures;
using Labels.Domain.Collectivites;
using Labels.Domain.Distinctions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using nietras.SeparatedValues;

namespace Labels.Api.Tests;

public sealed class PalmaresTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private async Task<JsonObject> PalmaresAsync(int annee, string requete = "")
    {
        var reponse = await Anonyme().GetAsync($"/api/v1/editions/{annee}/palmares{requete}");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return await LireAsync(reponse);
    }

    private static JsonNode Laureat(JsonObject palmares, string nom) =>
        palmares["laureats"]!.AsArray().Single(l => l!["nom"]!.GetValue<string>() == nom)!;

    [Fact]
    public async Task Territoire_d_excellence_numerique_sur_un_historique_construit()
    {
        var admin = await AdminAsync();
        // Arras: 5 @ from 2016 to 2021 (its sixth in 2021). Bellange: five 5 @ by 2021, its sixth in 2022.
        // Ajaccio: six 5 @ by 2020, before the rule existed; 5 @ again in 2021.
        for (var annee = 2015; annee <= 2021; annee++)
        {
            var resultats = new List<Resultat>
            {
                new("62041", annee >= 2016 ? 5 : 3),
                new("57059", annee >= 2017 ? 5 : 2),
                new("2A004", 5),
            };
            Assert.Equal(HttpStatusCode.Created, (await HistoriqueAsync(admin, annee, resultats.ToArray())).StatusCode);
        }
        var p2020 = await PalmaresAsync(2020);
        Assert.All(p2020["laureats"]!.AsArray(), l => Assert.Null(l!["territoireExcellenceNumerique"]));

        var p2021 = await PalmaresAsync(2021);
        Assert.Equal(2021, Laureat(p2021, "Arras")["territoireExcellenceNumerique"]!["attribueEn"]!.GetValue<int>());
        Assert.Equal(2023, Laureat(p2021, "Arras")["territoireExcellenceNumerique"]!["valableJusquEn"]!.GetValue<int>());
        Assert.Null(Laureat(p2021, "Bellange")["territoireExcellenceNumerique"]); // a fifth 5 @ only
        Assert.Equal(2021, Laureat(p2021, "Ajaccio")["territoireExcellenceNumerique"]!["attribueEn"]!.GetValue<int>());
        var c2021 = await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2021/chiffres-cles");
        Assert.Equal(2, c2021!["territoiresExcellenceNumerique"]!["nouveaux"]!.GetValue<int>());
        Assert.Equal(2, c2021["territoiresExcellenceNumerique"]!["total"]!.GetValue<int>());

        // 2022: Arras 5 @ again but holds a valid title (no second one); Bellange gets its sixth; Ajaccio does not take part.
        await HistoriqueAsync(admin, 2022, new Resultat("62041", 5), new Resultat("57059", 5));
        var p2022 = await PalmaresAsync(2022);
        Assert.Equal(2021, Laureat(p2022, "Arras")["territoireExcellenceNumerique"]!["attribueEn"]!.GetValue<int>());
        Assert.Equal(2022, Laureat(p2022, "Bellange")["territoireExcellenceNumerique"]!["attribueEn"]!.GetValue<int>());
        var c2022 = await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2022/chiffres-cles");
        Assert.Equal(1, c2022!["territoiresExcellenceNumerique"]!["nouveaux"]!.GetValue<int>());
        Assert.Equal(3, c2022["territoiresExcellenceNumerique"]!["total"]!.GetValue<int>()); // Ajaccio's title still counts

        // 2024: Arras' title expired after 2023 and its 5 @ earns a new one; Ajaccio's expired; Bellange's lasts through 2024.
        await HistoriqueAsync(admin, 2023, new Resultat("62041", 4));
        await HistoriqueAsync(admin, 2024, new Resultat("62041", 5), new Resultat("57059", 2));
        var p2024 = await PalmaresAsync(2024);
        Assert.Equal(2024, Laureat(p2024, "Arras")["territoireExcellenceNumerique"]!["attribueEn"]!.GetValue<int>());
        Assert.Equal(2022, Laureat(p2024, "Bellange")["territoireExcellenceNumerique"]!["attribueEn"]!.GetValue<int>());
        var c2024 = await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2024/chiffres-cles");
        Assert.Equal(1, c2024!["territoiresExcellenceNumerique"]!["nouveaux"]!.GetValue<int>());
        Assert.Equal(2, c2024["territoiresExcellenceNumerique"]!["total"]!.GetValue<int>());

        var arras = await Factory.DansLaBaseAsync(db => db.Collectivites.Where(c => c.CodeInsee == "62041").Select(c => c.Id).SingleAsync());
        var historique = await Anonyme().GetFromJsonAsync<JsonObject>($"/api/v1/collectivites/{arras}/historique");
        var editions = historique!["items"]!.AsArray();
        Assert.Equal(Enumerable.Range(2015, 10), editions.Select(e => e!["edition"]!.GetValue<int>()));
        Assert.Equal(3, editions[0]!["arobases"]!.GetValue<int>());
        Assert.Equal(2021, editions[7]!["territoireExcellenceNumerique"]!["attribueEn"]!.GetValue<int>());
    }

    [Fact]
    public async Task Publication_depuis_la_deliberation_dans_l_ordre_des_editions()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2021, historique: true);
        await EditionAsync(admin, 2022, "candidatures");
        var dossiers = new List<Guid>();
        foreach (var code in new[] { "62041", "57059" })
        {
            var id = await CandidatureAsync(admin, 2022, await CollectiviteAsync(admin, code));
            await admin.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche());
            await admin.PostAsync($"/api/v1/candidatures/{id}/depot", null);
            dossiers.Add(id);
        }
        await admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut = "evaluation" });
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions/2022/publication", new { }), HttpStatusCode.Conflict);
        await admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut = "deliberation" });
        await admin.PutAsJsonAsync($"/api/v1/candidatures/{dossiers[0]}/decision", new { arobases = 3, justification = "Aucune évaluation." });

        var sansDecision = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions/2022/publication", new { }), HttpStatusCode.Conflict);
        Assert.Contains("sans décision", sansDecision["detail"]!.GetValue<string>());
        await admin.PutAsJsonAsync($"/api/v1/candidatures/{dossiers[1]}/decision",
            new { arobases = 2, mentions = new[] { "democratie-locale" }, justification = "Aucune évaluation." });
        var desordre = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions/2022/publication", new { }), HttpStatusCode.Conflict);
        Assert.Contains("2021", desordre["detail"]!.GetValue<string>());
        await ProblemeAsync(await Anonyme().GetAsync("/api/v1/editions/2022/palmares"), HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/editions/2021/publication", new { })).StatusCode);
        var publication = await admin.PostAsJsonAsync("/api/v1/editions/2022/publication", new { });
        Assert.Equal(HttpStatusCode.Created, publication.StatusCode);
        Assert.Equal("/api/v1/editions/2022/palmares?version=1", publication.Headers.Location!.ToString());
        Assert.Equal("publiee", (await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2022"))!["statut"]!.GetValue<string>());

        var palmares = await PalmaresAsync(2022);
        Assert.Equal(2022, palmares["edition"]!.GetValue<int>());
        Assert.Equal(23, palmares["numero"]!.GetValue<int>());
        Assert.Equal(1, palmares["version"]!.GetValue<int>());
        Assert.Equal("Licence Ouverte 2.0", palmares["licence"]!.GetValue<string>());
        Assert.EndsWith("Z", palmares["publieLe"]!.GetValue<string>());
        var arras = Laureat(palmares, "Arras");
        Assert.Equal("62041", arras["codeInsee"]!.GetValue<string>());
        Assert.Equal("216200410", arras["siren"]!.GetValue<string>());
        Assert.Equal("commune", arras["type"]!.GetValue<string>());
        Assert.Equal("ville", arras["categorie"]!.GetValue<string>());
        Assert.Equal("62", arras["departement"]!.GetValue<string>());
        Assert.Equal("32", arras["region"]!.GetValue<string>());
        Assert.Equal(3, arras["arobases"]!.GetValue<int>());
        Assert.True(arras.AsObject().ContainsKey("territoireExcellenceNumerique"));
        Assert.Equal(["democratie-locale"], Laureat(palmares, "Bellange")["mentions"]!.AsArray().Select(m => m!.GetValue<string>()));

        // A published édition is frozen: no step back in its lifecycle, no new fiche (corrections have their own test).
        await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut = "deliberation" }), HttpStatusCode.Conflict);
        await ProblemeAsync(await admin.PostAsJsonAsync($"/api/v1/candidatures/{dossiers[0]}/fiches", Fiche()), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Une_correction_fait_une_nouvelle_version_avec_son_journal()
    {
        var admin = await AdminAsync();
        await HistoriqueAsync(admin, 2021, new Resultat("62041", 3), new Resultat("57059", 2));
        var v1 = await Anonyme().GetAsync("/api/v1/editions/2021/palmares");
        var etag1 = v1.Headers.ETag!.Tag;
        var candidature = await Factory.DansLaBaseAsync(db => db.Candidatures
            .Where(c => db.Collectivites.Any(col => col.Id == c.CollectiviteId && col.CodeInsee == "62041")).Select(c => c.Id).SingleAsync());

        await ProblemeAsync(await admin.PutAsJsonAsync($"/api/v1/candidatures/{candidature}/decision", new { arobases = 4 }),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/candidatures/{candidature}/decision",
            new { arobases = 4, justification = "Erreur de saisie corrigée." })).StatusCode);
        var inchange = await Anonyme().GetAsync("/api/v1/editions/2021/palmares");
        Assert.Equal(etag1, inchange.Headers.ETag!.Tag);
        Assert.Equal(3, Laureat(await LireAsync(inchange), "Arras")["arobases"]!.GetValue<int>());

        var publication = await admin.PostAsJsonAsync("/api/v1/editions/2021/publication", new { });
        Assert.Equal(HttpStatusCode.Created, publication.StatusCode);
        var version2 = await LireAsync(publication);
        Assert.Equal(2, version2["version"]!.GetValue<int>());
        var changement = Assert.Single(version2["changements"]!.AsArray())!;
        Assert.Equal("Arras", changement["nom"]!.GetValue<string>());
        Assert.Equal(3, changement["avant"]!["arobases"]!.GetValue<int>());
        Assert.Equal(4, changement["apres"]!["arobases"]!.GetValue<int>());

        Assert.Equal(4, Laureat(await PalmaresAsync(2021), "Arras")["arobases"]!.GetValue<int>());
        Assert.Equal(3, Laureat(await PalmaresAsync(2021, "?version=1"), "Arras")["arobases"]!.GetValue<int>());
        var versions = await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2021/palmares/versions");
        Assert.Equal(2, versions!["total"]!.GetValue<int>());
        Assert.Empty(versions["items"]![0]!["changements"]!.AsArray());
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions/2021/publication", new { }), HttpStatusCode.Conflict);
        await ProblemeAsync(await Anonyme().GetAsync("/api/v1/editions/2021/palmares?version=3"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Embargo_jusqu_a_l_instant_de_publication()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2021, historique: true);
        await Factory.DansLaBaseAsync(async db =>
        {
            var edition = await db.Editions.SingleAsync(e => e.Annee == 2021);
            var c = Collectivite.Commune(await db.Communes.SingleAsync(x => x.CodeInsee == "62041"), DateTimeOffset.UtcNow);
            var candidature = Candidature.Creer(edition, c.Id, true, DateTimeOffset.UtcNow);
            db.AddRange(c, candidature, Distinction.Attribuer(candidature, edition, 4, [], DateTimeOffset.UtcNow));
            db.Fiches.Add(FicheAction.Creer(candidature, edition, new ContenuFiche(null, "Médiathèque numérique", null, "Prêt de liseuses",
                new DateOnly(2020, 1, 1), null, true, [], ["culture"], []), true, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        var levee = DateTimeOffset.UtcNow.AddSeconds(3);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/editions/2021/publication", new { publieLe = levee })).StatusCode);
        var arras = await Factory.DansLaBaseAsync(db => db.Collectivites.Select(c => c.Id).SingleAsync());

        await ProblemeAsync(await Anonyme().GetAsync("/api/v1/editions/2021/palmares"), HttpStatusCode.NotFound);
        await ProblemeAsync(await Anonyme().GetAsync("/api/v1/editions/2021/palmares.csv"), HttpStatusCode.NotFound);
        await ProblemeAsync(await Anonyme().GetAsync("/api/v1/editions/2021/chiffres-cles"), HttpStatusCode.NotFound);
        await ProblemeAsync(await Anonyme().GetAsync("/api/v1/editions/2021/fiches"), HttpStatusCode.NotFound);
        Assert.Equal(0, (await Anonyme().GetFromJsonAsync<JsonObject>($"/api/v1/collectivites/{arras}/historique"))!["total"]!.GetValue<int>());
        var jure = await CompteAsync("jure");
        await ProblemeAsync(await jure.GetAsync("/api/v1/editions/2021/palmares"), HttpStatusCode.NotFound);
        var vuParAdmin = await admin.GetAsync("/api/v1/editions/2021/palmares");
        Assert.Equal(HttpStatusCode.OK, vuParAdmin.StatusCode);
        Assert.True(vuParAdmin.Headers.CacheControl!.Private);
        Assert.True(vuParAdmin.Headers.CacheControl.NoStore);

        await Task.Delay(levee - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));
        Assert.Equal(4, Laureat(await PalmaresAsync(2021), "Arras")["arobases"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await Anonyme().GetAsync("/api/v1/editions/2021/chiffres-cles")).StatusCode);
        Assert.Equal(1, (await Anonyme().GetFromJsonAsync<JsonObject>($"/api/v1/collectivites/{arras}/historique"))!["total"]!.GetValue<int>());
        Assert.Equal(1, (await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2021/fiches"))!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Etag_304_cache_cors_et_filtres()
    {
        var admin = await AdminAsync();
        await HistoriqueAsync(admin, 2021, new Resultat("62041", 3, ["arobase-verte"]), new Resultat("57059", 5), new Resultat("200033579", 4), new Resultat("2A004", 3));
        var client = Anonyme();
        var requete = new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions/2021/palmares");
        requete.Headers.Add("Origin", "https://portail.exemple.fr");
        var reponse = await client.SendAsync(requete);
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal("*", reponse.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(reponse.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.False(reponse.Headers.ETag!.IsWeak);
        Assert.True(reponse.Headers.CacheControl!.Public);
        Assert.NotNull(reponse.Content.Headers.LastModified);

        await NonModifieAsync(client, Revalidation("/api/v1/editions/2021/palmares", reponse.Headers.ETag!));

        async Task<string[]> Noms(string filtre) => (await PalmaresAsync(2021, filtre))["laureats"]!.AsArray()
            .Select(l => l!["nom"]!.GetValue<string>()).Order().ToArray();
        Assert.Equal(["Arras", "CU d'Arras"], await Noms("?departement=62"));
        Assert.Equal(["Ajaccio"], await Noms("?region=94"));
        Assert.Equal(["Bellange"], await Noms("?categorie=village"));
        Assert.Equal(["CU d'Arras"], await Noms("?categorie=intercommunalite"));
        Assert.Equal(["Ajaccio", "Arras"], await Noms("?arobases=3"));
        Assert.Equal(["Arras"], await Noms("?mention=arobase-verte"));
        Assert.Empty(await Noms("?departement=62&arobases=5"));
        var filtre = await client.GetAsync("/api/v1/editions/2021/palmares?departement=62");
        Assert.NotEqual(reponse.Headers.ETag, filtre.Headers.ETag);
        await ProblemeAsync(await client.GetAsync("/api/v1/editions/2021/palmares?categorie=metropole"), HttpStatusCode.BadRequest);

        // A code that exists nowhere (the COG's, the édition's référentiel) is refused naming its parameter, never answered empty:
        // an empty list would say « no laureate there ». By the fast path (anonymous) as by the endpoint (a token).
        foreach (var lecteur in new[] { client, admin })
            foreach (var (inconnu, parametre) in new[] { ("region=99", "region"), ("departement=20", "departement"), ("departement=99", "departement"),
                         ("mention=inexistante", "mention") })
            {
                var refus = await ProblemeAsync(await lecteur.GetAsync($"/api/v1/editions/2021/palmares?{inconnu}"), HttpStatusCode.BadRequest);
                Assert.Contains("« " + inconnu.Split('=')[1] + " »", refus["errors"]![parametre]![0]!.GetValue<string>());
                await ProblemeAsync(await lecteur.GetAsync($"/api/v1/editions/2021/palmares.csv?{inconnu}"), HttpStatusCode.BadRequest);
            }
        await ProblemeAsync(await client.GetAsync("/api/v1/referentiel/departements?region=99"), HttpStatusCode.BadRequest);
        await ProblemeAsync(await client.GetAsync("/api/v1/collectivites?departement=20"), HttpStatusCode.BadRequest);
        await ProblemeAsync(await client.GetAsync("/api/v1/editions/2021/fiches?region=99"), HttpStatusCode.BadRequest);
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonObject>("/api/v1/referentiel/departements?region=94"))!["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task La_voie_rapide_anonyme_repond_comme_l_endpoint()
    {
        var admin = await AdminAsync();
        await HistoriqueAsync(admin, 2021, new Resultat("62041", 3, ["arobase-verte"]), new Resultat("57059", 5), new Resultat("200033579", 4));
        string[] entetes =
        [
            "ETag", "Vary", "Last-Modified", "Cache-Control", "Content-Type", "Content-Length", "Content-Disposition", "Access-Control-Allow-Origin",
            "Access-Control-Expose-Headers", "Access-Control-Allow-Credentials", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options",
            "Content-Security-Policy", "Content-Encoding",
        ];
        // Which requests went through routing: the fast path answers before it, so it leaves no route values on the context (it names
        // its endpoint on the request all the same, for the route its metrics are recorded under).
        var routees = new System.Collections.Concurrent.ConcurrentQueue<bool>();
        await using var observee = Factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new Observateur(routees))));
        var anonyme = observee.CreateClient();
        var connecte = observee.CreateClient();
        connecte.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        var etag = (await anonyme.GetAsync("/api/v1/editions/2021/palmares")).Headers.ETag!.Tag;
        var etagGzip = (await anonyme.SendAsync(AvecCodages("/api/v1/editions/2021/palmares", "gzip"))).Headers.ETag!.Tag;
        routees.Clear();
        foreach (var (url, accept, origine, siAucun, codages) in new (string, string?, bool, string?, string?)[]
                 {
                     ("/api/v1/editions/2021/palmares", null, false, null, null),
                     ("/api/v1/editions/2021/palmares", null, true, null, null),
                     ("/api/v1/editions/2021/palmares", null, true, etag, null),
                     ("/api/v1/editions/2021/palmares?version=1&departement=62&ignore=x", null, true, null, null),
                     ("/api/v1/editions/2021/palmares?categorie=Intercommunalite&arobases=4", null, false, null, null),
                     ("/api/v1/editions/2021/palmares?mention=arobase-verte", "text/csv", false, null, null),
                     ("/api/v1/editions/2021/PALMARES.csv?region=44", null, true, null, null),
                     ("/api/v1/editions/2021/palmares", null, false, null, "gzip, deflate, br"),
                     ("/api/v1/editions/2021/palmares.csv", null, true, null, "gzip"),
                     ("/api/v1/editions/2021/palmares", null, false, etagGzip, "gzip"),
                     ("/api/v1/editions/2021/palmares?version=2", null, false, null, null),
                     ("/api/v1/editions/2021/palmares?arobases=abc", null, false, null, null),
                     ("/api/v1/editions/2021/palmares?categorie=metropole", null, false, null, null),
                     ("/api/v1/editions/2020/palmares", null, false, null, null),
                 })
        {
            HttpRequestMessage Requete()
            {
                var requete = AvecCodages(url, codages);
                if (accept is not null) requete.Headers.Accept.ParseAdd(accept);
                if (origine) requete.Headers.Add("Origin", "https://portail.exemple.fr");
                if (siAucun is not null) requete.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(siAucun));
                return requete;
            }
            // The signed-in request goes the whole way through the pipeline to the endpoint.
            var parEndpoint = await connecte.SendAsync(Requete());
            var rapide = await anonyme.SendAsync(Requete());
            Assert.Equal(parEndpoint.StatusCode, rapide.StatusCode);
            // A visible release: the signed-in request reached the endpoint, the anonymous one was answered before
            // routing. (An error answer says nothing here: the exception handler clears what routing set before it writes.)
            Assert.True(routees.TryDequeue(out var routee));
            Assert.True(routees.TryDequeue(out var routeeAnonyme));
            if (parEndpoint.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotModified)
                Assert.True(routee && !routeeAnonyme, $"{url} : endpoint atteint {routee} (connecté), {routeeAnonyme} (anonyme)");
            if (parEndpoint.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotModified)
                Assert.Equal(await parEndpoint.Content.ReadAsByteArrayAsync(), await rapide.Content.ReadAsByteArrayAsync());
            foreach (var nom in entetes.Where(n => n != "Cache-Control"))
                Assert.True(Valeur(parEndpoint, nom) == Valeur(rapide, nom), $"{url} : {nom} « {Valeur(parEndpoint, nom)} » ≠ « {Valeur(rapide, nom)} »");
            // The same freshness, which only the signed-in caller's own cache may keep (an error or a 404 is kept by none for them).
            if (parEndpoint.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotModified)
                Assert.Equal(rapide.Headers.NonValidated["Cache-Control"].ToString(),
                    parEndpoint.Headers.NonValidated["Cache-Control"].ToString().Replace("private", "public"));
        }

        static string? Valeur(HttpResponseMessage r, string nom) =>
            r.Headers.TryGetValues(nom, out var v) || r.Content.Headers.TryGetValues(nom, out v) ? string.Join(", ", v) : null;
    }

    private static HttpRequestMessage AvecCodages(string url, string? codages)
    {
        var requete = new HttpRequestMessage(HttpMethod.Get, url);
        if (codages is not null) requete.Headers.TryAddWithoutValidation("Accept-Encoding", codages);
        return requete;
    }

    private static HttpRequestMessage Revalidation(string url, EntityTagHeaderValue etag, string? codages = null, HttpMethod? methode = null)
    {
        var requete = AvecCodages(url, codages);
        requete.Method = methode ?? HttpMethod.Get;
        requete.Headers.IfNoneMatch.Add(etag);
        return requete;
    }

    /// <summary>The client's copy is current: 304, its ETag again, no body.</summary>
    private static async Task NonModifieAsync(HttpClient client, HttpRequestMessage revalidation)
    {
        var etag = revalidation.Headers.IfNoneMatch.Single();
        var reponse = await client.SendAsync(revalidation);
        Assert.Equal(HttpStatusCode.NotModified, reponse.StatusCode);
        Assert.Equal(etag, reponse.Headers.ETag);
        Assert.Empty(await reponse.Content.ReadAsByteArrayAsync());
    }

    private static byte[] Decompresser(byte[] octets, string codage)
    {
        using var entree = new MemoryStream(octets);
        using Stream flux = codage == "br"
            ? new System.IO.Compression.BrotliStream(entree, System.IO.Compression.CompressionMode.Decompress)
            : new System.IO.Compression.GZipStream(entree, System.IO.Compression.CompressionMode.Decompress);
        using var sortie = new MemoryStream();
        flux.CopyTo(sortie);
        return sortie.ToArray();
    }

    /// <summary>
    /// The open-data export: every published palmarès, the latest version of each, in one CSV whose lines are exactly the
    /// per-édition CSV's and one JSON whose items are exactly the per-édition palmarès; cached, compressed and revalidated
    /// like the palmarès, the same for every caller.
    /// </summary>
    [Fact]
    public async Task L_export_ouvert_reunit_chaque_palmares_publie_en_csv_et_json()
    {
        var admin = await AdminAsync();
        var client = Anonyme();
        // Nothing published: an empty export, with its header.
        var vide = await client.GetAsync("/api/v1/palmares.csv");
        Assert.Equal(HttpStatusCode.OK, vide.StatusCode);
        Assert.Equal(Encoding.UTF8.GetBytes("\uFEFF" + string.Join(';', Publication.CsvDuPalmares.Colonnes) + "\n"),
            await vide.Content.ReadAsByteArrayAsync());
        Assert.Empty((await client.GetFromJsonAsync<JsonObject>("/api/v1/palmares"))!["items"]!.AsArray());
        Assert.Null(vide.Content.Headers.LastModified);

        await HistoriqueAsync(admin, 2020, new Resultat("62041", 3, ["arobase-verte"]), new Resultat("200033579", 4));
        await HistoriqueAsync(admin, 2021, new Resultat("62041", 5), new Resultat("57059", 2, ["democratie-locale", "arobase-verte"]),
            new Resultat("2A004", 1));

        var reponse = await client.GetAsync("/api/v1/palmares.csv");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal("text/csv", reponse.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", reponse.Content.Headers.ContentType.CharSet);
        Assert.Equal("palmares.csv", reponse.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var octets = await reponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, octets[..3]);
        // One header, then each édition's lines as its own CSV has them, oldest édition first.
        static string[] Lignes(byte[] csv) => Encoding.UTF8.GetString(csv[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var parEdition = new List<string>();
        foreach (var annee in new[] { 2020, 2021 })
            parEdition.AddRange(Lignes(await client.GetByteArrayAsync($"/api/v1/editions/{annee}/palmares.csv")).Skip(1));
        var lignes = Lignes(octets);
        Assert.Equal(string.Join(';', Publication.CsvDuPalmares.Colonnes), lignes[0]);
        Assert.Equal(parEdition, lignes[1..]);
        using (var lecteur = Sep.New(';').Reader(o => o with { Unescape = true }).FromText(Encoding.UTF8.GetString(octets[3..])))
        {
            var lues = lecteur.Enumerate(r => (Edition: r["edition"].Parse<int>(), Nom: r["nom"].ToString(), Licence: r["licence"].ToString(),
                PublieLe: r["publieLe"].ToString(), Mentions: r["mentions"].ToString())).ToList();
            Assert.Equal([2020, 2020, 2021, 2021, 2021], lues.Select(l => l.Edition));
            Assert.All(lues, l => Assert.Equal("Licence Ouverte 2.0", l.Licence));
            Assert.All(lues, l => Assert.EndsWith("Z", l.PublieLe));
            Assert.Equal("arobase-verte|democratie-locale", lues.Single(l => l.Nom == "Bellange").Mentions);
        }

        // JSON: a page of éditions, each item the édition's palmarès as /editions/{annee}/palmares serves it.
        var json = await client.GetAsync("/api/v1/palmares");
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        var export = await LireAsync(json);
        Assert.Equal((1, 50, 2), (export["page"]!.GetValue<int>(), export["pageSize"]!.GetValue<int>(), export["total"]!.GetValue<int>()));
        var palmares = export["items"]!.AsArray();
        Assert.Equal([2020, 2021], palmares.Select(p => p!["edition"]!.GetValue<int>()));
        foreach (var p in palmares)
            Assert.True(JsonNode.DeepEquals(p, await PalmaresAsync(p!["edition"]!.GetValue<int>())), p!.ToJsonString());
        Assert.All(palmares, p => Assert.Equal("Licence Ouverte 2.0", p!["licence"]!.GetValue<string>()));
        // Paged like every list: one édition a page, a page past the last empty, bounds refused naming the parameter.
        var seconde = await client.GetFromJsonAsync<JsonObject>("/api/v1/palmares?page=2&pageSize=1");
        Assert.Equal([2021], seconde!["items"]!.AsArray().Select(p => p!["edition"]!.GetValue<int>()));
        Assert.Equal(2, seconde["total"]!.GetValue<int>());
        Assert.Empty((await client.GetFromJsonAsync<JsonObject>("/api/v1/palmares?page=3&pageSize=1"))!["items"]!.AsArray());
        foreach (var (requete, champ) in new[] { ("pageSize=0", "pageSize"), ("pageSize=201", "pageSize"), ("page=0", "page"), ("page=abc", "page") })
        {
            var refus = await ProblemeAsync(await client.GetAsync($"/api/v1/palmares?{requete}"), HttpStatusCode.BadRequest);
            Assert.True(refus["errors"]!.AsObject().ContainsKey(champ), refus.ToJsonString());
        }
        // Each route serves one type: JSON pages on /palmares, the file on /palmares.csv; any other Accept is 406.
        foreach (var (url, type) in new[] { ("/api/v1/palmares", "text/csv"), ("/api/v1/palmares.csv", "application/json") })
        foreach (var methode in new[] { HttpMethod.Get, HttpMethod.Head })
        {
            var inacceptable = new HttpRequestMessage(methode, url);
            inacceptable.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
            Assert.Equal(HttpStatusCode.NotAcceptable, (await client.SendAsync(inacceptable)).StatusCode);
        }

        var derniere = palmares.Max(p => p!["publieLe"]!.GetValue<DateTimeOffset>());
        // Cached as a public read that changes with each publication (by the signed-in caller's own cache only); revalidated
        // by strong ETag or date.
        foreach (var lecteur in new[] { client, admin })
        foreach (var url in new[] { "/api/v1/palmares", "/api/v1/palmares.csv" })
        {
            var lue = await lecteur.GetAsync(url);
            Assert.False(lue.Headers.ETag!.IsWeak);
            var anonyme = lecteur == client;
            Assert.True(lue.Headers.CacheControl is { NoStore: false } cache && cache.Public == anonyme && cache.Private != anonyme,
                $"{url} : {lue.Headers.CacheControl}");
            Assert.Equal(TimeSpan.FromSeconds(10), lue.Headers.CacheControl.MaxAge);
            Assert.Equal(new[] { "Accept", "Accept-Encoding" }, lue.Headers.Vary);
            // The export last changed when its latest release became public (HTTP dates have whole seconds).
            Assert.Equal(derniere.AddTicks(-(derniere.Ticks % TimeSpan.TicksPerSecond)), lue.Content.Headers.LastModified);
            await NonModifieAsync(lecteur, Revalidation(url, lue.Headers.ETag));
            var depuis = new HttpRequestMessage(HttpMethod.Get, url);
            depuis.Headers.IfModifiedSince = lue.Content.Headers.LastModified;
            Assert.Equal(HttpStatusCode.NotModified, (await lecteur.SendAsync(depuis)).StatusCode);
            var head = await lecteur.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            Assert.Equal((await lue.Content.ReadAsByteArrayAsync()).Length, head.Content.Headers.ContentLength);
            Assert.Equal(lue.Headers.ETag, head.Headers.ETag);
        }
        // Compressed as the client prefers, each coding its own ETag; the JSON page too.
        foreach (var (url, brute) in new[] { ("/api/v1/palmares.csv", reponse), ("/api/v1/palmares?pageSize=200", await client.GetAsync("/api/v1/palmares?pageSize=200")) })
        foreach (var codage in new[] { "gzip", "br" })
        {
            var compresse = await client.SendAsync(AvecCodages(url, codage));
            Assert.Equal(new[] { codage }, compresse.Content.Headers.ContentEncoding);
            Assert.Equal(await brute.Content.ReadAsByteArrayAsync(), Decompresser(await compresse.Content.ReadAsByteArrayAsync(), codage));
            Assert.NotEqual(brute.Headers.ETag, compresse.Headers.ETag);
            await NonModifieAsync(client, Revalidation(url, compresse.Headers.ETag!, codage));
        }

        // A correction: the édition appears as its latest version only, and the export's ETag changes.
        var candidature = await Factory.DansLaBaseAsync(db => db.Candidatures.Where(c => c.EditionAnnee == 2021
            && db.Collectivites.Any(col => col.Id == c.CollectiviteId && col.CodeInsee == "62041")).Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/candidatures/{candidature}/decision",
            new { arobases = 4, justification = "Erreur de saisie corrigée." })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/editions/2021/publication", new { })).StatusCode);
        var apres = await client.SendAsync(Revalidation("/api/v1/palmares", json.Headers.ETag!));
        Assert.Equal(HttpStatusCode.OK, apres.StatusCode);
        Assert.NotEqual(json.Headers.ETag, apres.Headers.ETag);
        var corrige = (await LireAsync(apres))["items"]!.AsArray();
        Assert.Equal([(2020, 1), (2021, 2)], corrige.Select(p => (p!["edition"]!.GetValue<int>(), p["version"]!.GetValue<int>())));
        Assert.Equal(4, Laureat(corrige[1]!.AsObject(), "Arras")["arobases"]!.GetValue<int>());
        var csvCorrige = Lignes(await client.GetByteArrayAsync("/api/v1/palmares.csv"));
        Assert.Equal(6, csvCorrige.Length);
        Assert.Equal(3, csvCorrige.Count(l => l.StartsWith("2021;2;", StringComparison.Ordinal)));
        Assert.DoesNotContain(csvCorrige, l => l.StartsWith("2021;1;", StringComparison.Ordinal));

        // The pages kept are bounded whatever sizes are asked: past the bound a page is still served, assembled again, uncompressed.
        for (var taille = 1; taille <= 60; taille++)
        {
            var lue = await client.SendAsync(AvecCodages($"/api/v1/palmares?pageSize={taille}", "br"));
            Assert.Equal(HttpStatusCode.OK, lue.StatusCode);
            var corps = await lue.Content.ReadAsByteArrayAsync();
            if (lue.Content.Headers.ContentEncoding.Count > 0) corps = Decompresser(corps, "br");
            Assert.Equal(Math.Min(taille, 2), JsonNode.Parse(corps)!["items"]!.AsArray().Count);
            if (taille == 60) Assert.Empty(lue.Content.Headers.ContentEncoding);
        }
    }

    [Fact]
    public async Task Palmares_compresse_selon_accept_encoding()
    {
        var admin = await AdminAsync();
        await HistoriqueAsync(admin, 2021, new Resultat("62041", 3, ["arobase-verte"]), new Resultat("57059", 5), new Resultat("200033579", 4),
            new Resultat("2A004", 3), new Resultat("59350", 2), new Resultat("75056", 1));
        var client = Anonyme();
        var brute = await client.GetAsync("/api/v1/editions/2021/palmares");
        var octets = await brute.Content.ReadAsByteArrayAsync();
        Assert.Empty(brute.Content.Headers.ContentEncoding);
        Assert.Equal(new[] { "Accept", "Accept-Encoding" }, brute.Headers.Vary);

        foreach (var (codages, attendu) in new[] { ("gzip", "gzip"), ("gzip, deflate, br", "br"), ("br;q=0.5, gzip", "gzip"), ("*", "br") })
        {
            var compresse = await client.SendAsync(AvecCodages("/api/v1/editions/2021/palmares", codages));
            Assert.Equal(HttpStatusCode.OK, compresse.StatusCode);
            Assert.Equal(new[] { attendu }, compresse.Content.Headers.ContentEncoding);
            Assert.Equal(new[] { "Accept", "Accept-Encoding" }, compresse.Headers.Vary);
            var corps = await compresse.Content.ReadAsByteArrayAsync();
            Assert.True(corps.Length < octets.Length, $"{codages} : {corps.Length} octets, {octets.Length} sans compression");
            Assert.Equal(corps.Length, compresse.Content.Headers.ContentLength);
            Assert.Equal(octets, Decompresser(corps, attendu));
            // Another representation, another strong ETag; its own revalidation.
            Assert.False(compresse.Headers.ETag!.IsWeak);
            Assert.NotEqual(brute.Headers.ETag, compresse.Headers.ETag);
            await NonModifieAsync(client, Revalidation("/api/v1/editions/2021/palmares", compresse.Headers.ETag, codages));
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Revalidation("/api/v1/editions/2021/palmares", compresse.Headers.ETag))).StatusCode);
        }

        foreach (var refuse in new[] { "identity", "gzip;q=0, br;q=0", "deflate", "compress" })
        {
            var reponse = await client.SendAsync(AvecCodages("/api/v1/editions/2021/palmares", refuse));
            Assert.Empty(reponse.Content.Headers.ContentEncoding);
            Assert.Equal(octets, await reponse.Content.ReadAsByteArrayAsync());
            Assert.Equal(brute.Headers.ETag, reponse.Headers.ETag);
        }

        var csv = await (await client.GetAsync("/api/v1/editions/2021/palmares.csv?departement=62")).Content.ReadAsByteArrayAsync();
        var csvGzip = await client.SendAsync(AvecCodages("/api/v1/editions/2021/palmares.csv?departement=62", "gzip"));
        Assert.Equal("text/csv", csvGzip.Content.Headers.ContentType!.MediaType);
        Assert.Equal(csv, Decompresser(await csvGzip.Content.ReadAsByteArrayAsync(), "gzip"));
    }

    [Fact]
    public async Task Head_donne_les_en_tetes_du_get_sans_le_corps()
    {
        var admin = await AdminAsync();
        await HistoriqueAsync(admin, 2021, new Resultat("62041", 3, ["arobase-verte"]), new Resultat("57059", 5), new Resultat("200033579", 4));
        HttpRequestMessage Head(string url, string? codages)
        {
            var requete = AvecCodages(url, codages);
            requete.Method = HttpMethod.Head;
            return requete;
        }
        // Anonymous: the fast path; signed in: the endpoint.
        foreach (var client in new[] { Anonyme(), admin })
        foreach (var url in new[] { "/api/v1/editions/2021/palmares", "/api/v1/editions/2021/palmares.csv?departement=62" })
        foreach (var codages in new[] { null, "gzip" })
        {
            var get = await client.SendAsync(AvecCodages(url, codages));
            var head = await client.SendAsync(Head(url, codages));
            Assert.Equal(HttpStatusCode.OK, head.StatusCode);
            Assert.Empty(await head.Content.ReadAsByteArrayAsync());
            Assert.Equal((await get.Content.ReadAsByteArrayAsync()).Length, head.Content.Headers.ContentLength);
            Assert.Equal(get.Headers.ETag, head.Headers.ETag);
            Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
            Assert.Equal(get.Content.Headers.ContentEncoding, head.Content.Headers.ContentEncoding);
            Assert.Equal(get.Content.Headers.LastModified, head.Content.Headers.LastModified);
            await NonModifieAsync(client, Revalidation(url, get.Headers.ETag!, codages, HttpMethod.Head));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Anonyme().SendAsync(Head("/api/v1/editions/2020/palmares", null))).StatusCode);
    }

    [Theory]
    [InlineData(null, Publication.Compression.Aucune)]
    [InlineData("gzip", Publication.Compression.Gzip)]
    [InlineData("GZIP", Publication.Compression.Gzip)]
    [InlineData("gzip, deflate, br, zstd", Publication.Compression.Brotli)]
    [InlineData("br;q=0.8, gzip;q=0.9", Publication.Compression.Gzip)]
    [InlineData("gzip;q=0.5", Publication.Compression.Gzip)]
    [InlineData("gzip;q=0.5, identity", Publication.Compression.Aucune)]
    [InlineData("*", Publication.Compression.Brotli)]
    [InlineData("*;q=0.5, br;q=0", Publication.Compression.Gzip)]
    [InlineData("identity, *;q=0", Publication.Compression.Aucune)]
    [InlineData("deflate", Publication.Compression.Aucune)]
    [InlineData("br;q=abc", Publication.Compression.Aucune)]
    public void Le_codage_prefere_parmi_ceux_acceptes(string? codages, Publication.Compression attendue)
    {
        var http = new DefaultHttpContext();
        if (codages is not null) http.Request.Headers.AcceptEncoding = codages;
        Assert.Equal(attendue, Publication.ReponsePalmares.CompressionAcceptee(http.Request));
    }

    /// <summary>A release just published is read by many portals at once: its bytes are serialised and compressed once, not once per request.</summary>
    [Fact]
    public async Task Les_octets_d_une_release_se_calculent_une_fois_pour_des_lectures_simultanees()
    {
        var laureats = Enumerable.Range(0, 5_000).Select(i => new Application.Palmares.LaureatDto(Guid.NewGuid(), $"{i:00000}", null, $"Commune {i}",
            TypeCollectivite.Commune, Categorie.Ville, "62", "32", 1_000 + i, 1 + i % 5, i % 9 == 0 ? ["arobase-verte"] : [], null)).ToArray();
        var release = new Publication.PalmaresPublies.Release(new Application.Palmares.PalmaresDto(2022, 23, DateTimeOffset.UtcNow, 1, "Licence Ouverte 2.0", laureats),
            new Dictionary<string, string> { ["arobase-verte"] = "Arobase verte" });
        var publies = Factory.Services.GetRequiredService<Publication.PalmaresPublies>();
        using var depart = new Barrier(8);
        var lectures = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            depart.SignalAndWait();
            return publies.Representer(release, Publication.FiltresPalmares.Aucun, csv: false, Publication.Compression.Brotli);
        })).ToArray();
        var representations = await Task.WhenAll(lectures);
        Assert.Equal("br", representations[0].Codage);
        Assert.All(representations, r => Assert.Same(representations[0], r));
        Assert.Same(representations[0], publies.Representer(release, Publication.FiltresPalmares.Aucun, csv: false, Publication.Compression.Brotli));
    }

    /// <summary>
    /// The other tests go through the in-memory test server; this one goes through Kestrel and real sockets, with the
    /// pool of large blocks it sends from: concurrent reads of a palmarès many blocks long, in each coding, arrive intact.
    /// </summary>
    [Fact]
    public async Task Servi_par_Kestrel_le_palmares_arrive_intact_sous_lectures_concurrentes()
    {
        var admin = await AdminAsync();
        var communes = await Factory.DansLaBaseAsync(db => db.Communes.OrderBy(c => c.CodeInsee).Select(c => c.CodeInsee).ToListAsync());
        var codes = communes.Where((_, i) => i % 80 == 0).Take(400).ToList();
        var publication = await HistoriqueAsync(admin, 2021, codes.Select((code, i) => new Resultat(code, 1 + i % 5)).ToArray());
        Assert.Equal(HttpStatusCode.Created, publication.StatusCode);
        const string url = "/api/v1/editions/2021/palmares";
        var attendu = await Anonyme().GetByteArrayAsync(url);
        Assert.True(attendu.Length > 3 * 32 * 1024, $"{attendu.Length} octets : moins de quatre blocs");
        var csvAttendu = await Anonyme().GetByteArrayAsync(url + ".csv");

        await using var kestrel = Factory.WithWebHostBuilder(_ => { });
        kestrel.UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        kestrel.StartServer();
        Assert.IsType<Reglages.FabriqueDePoolsDeBlocs>(kestrel.Services.GetRequiredService<IMemoryPoolFactory<byte>>());
        var serveur = kestrel.Services.GetRequiredService<IServer>();
        Assert.Contains("Kestrel", serveur.GetType().Name);
        var adresse = Assert.Single(serveur.Features.Get<IServerAddressesFeature>()!.Addresses);
        using var client = new HttpClient { BaseAddress = new Uri(adresse) };
        var lectures = Enumerable.Range(0, 48).Select(async i =>
        {
            var codage = (i % 4) switch { 0 => "gzip", 1 => "br", _ => null };
            var chemin = i % 4 == 3 ? url + ".csv" : url;
            using var reponse = await client.SendAsync(AvecCodages(chemin, codage));
            Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
            var octets = await reponse.Content.ReadAsByteArrayAsync();
            Assert.Equal(codage, reponse.Content.Headers.ContentEncoding.SingleOrDefault());
            Assert.Equal(i % 4 == 3 ? csvAttendu : attendu, codage is null ? octets : Decompresser(octets, codage));
        });
        await Task.WhenAll(lectures);
    }

    [Fact]
    public void Un_calcul_qui_echoue_n_est_pas_garde()
    {
        var laureat = new Application.Palmares.LaureatDto(Guid.NewGuid(), "62041", null, "Arras", TypeCollectivite.Commune, Categorie.Ville, "62", "32",
            41_000, 3, [], null);
        var release = new Publication.PalmaresPublies.Release(new Application.Palmares.PalmaresDto(2021, 22, DateTimeOffset.UtcNow, 1, "Licence Ouverte 2.0",
            new EchoueUneFois<Application.Palmares.LaureatDto>([laureat])), new Dictionary<string, string>());
        var publies = Factory.Services.GetRequiredService<Publication.PalmaresPublies>();
        Assert.Throws<InvalidOperationException>(() => publies.Representer(release, Publication.FiltresPalmares.Aucun, csv: false));
        var octets = publies.Representer(release, Publication.FiltresPalmares.Aucun, csv: false).Octets;
        Assert.Contains("Arras", Encoding.UTF8.GetString(octets));
    }

    /// <summary>A list whose first enumeration fails, as a computation that fails once.</summary>
    private sealed class EchoueUneFois<T>(IReadOnlyList<T> elements) : IReadOnlyList<T>
    {
        private int _essais;
        public T this[int index] => elements[index];
        public int Count => elements.Count;
        public IEnumerator<T> GetEnumerator() =>
            Interlocked.Increment(ref _essais) == 1 ? throw new InvalidOperationException("échec passager") : elements.GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void Une_representation_que_la_compression_n_allege_pas_part_telle_quelle()
    {
        var alea = Publication.Representation.De(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64), "application/json");
        Assert.Same(alea, alea.Comprimee(Publication.Compression.Gzip));
        Assert.Same(alea, alea.Comprimee(Publication.Compression.Brotli));
        var texte = Publication.Representation.De(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"nom\":\"Arras\"},", 50))), "application/json");
        Assert.Equal("gzip", texte.Comprimee(Publication.Compression.Gzip).Codage);
        Assert.Equal("br", texte.Comprimee(Publication.Compression.Brotli).Codage);
    }

    /// <summary>Ahead of the whole pipeline: notes, once each request is answered, whether it was routed to an endpoint.</summary>
    private sealed class Observateur(System.Collections.Concurrent.ConcurrentQueue<bool> routees) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> suite) => app =>
        {
            app.Use(async (http, prochain) =>
            {
                await prochain(http);
                routees.Enqueue(http.Request.RouteValues.Count > 0);
            });
            suite(app);
        };
    }

    [Theory]
    [InlineData("/api/v1/editions/2021/palmares", true, 2021, false)]
    [InlineData("/API/V1/Editions/2021/Palmares.CSV", true, 2021, true)]
    [InlineData("/api/v1/editions/21/palmares", true, 21, false)]
    [InlineData("/api/v1/editions/+2021/palmares", false, 0, false)]
    [InlineData("/api/v1/editions/20210/palmares", false, 0, false)]
    [InlineData("/api/v1/editions/2021/palmares/", false, 0, false)]
    [InlineData("/api/v1/editions/2021/palmares/versions", false, 0, false)]
    [InlineData("/api/v1/editions//palmares", false, 0, false)]
    [InlineData("/api/v1/editions/2021/chiffres-cles", false, 0, false)]
    public void La_voie_rapide_ne_prend_que_le_chemin_du_palmares(string chemin, bool pris, int annee, bool csv)
    {
        Assert.Equal(pris, Publication.VoieRapidePalmares.LireChemin(chemin, out var a, out var c));
        if (pris) Assert.Equal((annee, csv), (a, c));
    }

    [Theory]
    [InlineData("", true)]
    [InlineData("?departement=62&arobases=3&autre=1", true)]
    [InlineData("?version=2&categorie=village&mention=m&region=32", true)]
    [InlineData("?version=", false)]
    [InlineData("?version=-1", false)]
    [InlineData("?arobases=%203", false)]
    [InlineData("?departement=62&departement=59", false)]
    [InlineData("?categorie=metropole", false)]
    public void La_voie_rapide_laisse_a_l_endpoint_les_parametres_douteux(string requete, bool pris)
    {
        var parametres = new Microsoft.AspNetCore.Http.QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(requete));
        Assert.Equal(pris, Publication.VoieRapidePalmares.LireParametres(parametres, Factory.Services.GetRequiredService<Application.Cog.ITerritoires>(), out _, out _));
    }

    [Fact]
    public async Task La_limite_de_lecture_publique_compte_la_voie_rapide_et_les_endpoints()
    {
        var admin = await AdminAsync();
        await HistoriqueAsync(admin, 2021, new Resultat("62041", 3));
        await using var limitee = Factory.WithWebHostBuilder(b => b.UseSetting("LimitesDeDebit:LecturePublique", "3"));
        var client = limitee.CreateClient();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/editions/2021/palmares")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/editions/2021")).StatusCode);
        foreach (var url in new[] { "/api/v1/editions/2021/palmares", "/api/v1/editions/2021/chiffres-cles" })
        {
            var refuse = await client.GetAsync(url);
            await ProblemeAsync(refuse, HttpStatusCode.TooManyRequests);
            Assert.True(refuse.Headers.RetryAfter!.Delta > TimeSpan.Zero);
        }
    }

    [Theory]
    [InlineData("/api/v1/editions/2021/palmares", null, "application/json")]
    [InlineData("/api/v1/editions/2021/palmares", "*/*", "application/json")]
    [InlineData("/api/v1/editions/2021/palmares", "text/csv;q=0.9, application/json", "application/json")]
    [InlineData("/api/v1/editions/2021/palmares", "text/csv, application/json;q=0.5", "text/csv")]
    [InlineData("/api/v1/editions/2021/palmares", "text/*", "text/csv")]
    [InlineData("/api/v1/editions/2021/palmares", "application/*;q=0.2, text/csv;q=0.1", "application/json")]
    [InlineData("/api/v1/editions/2021/palmares", "application/json;q=0, */*", "text/csv")]
    [InlineData("/api/v1/editions/2021/palmares", "text/html, application/xhtml+xml, */*;q=0.8", "application/json")]
    [InlineData("/api/v1/editions/2021/palmares", "application/xml", null)]
    [InlineData("/api/v1/editions/2021/palmares", "text/csv;q=0, application/json;q=0", null)]
    [InlineData("/api/v1/editions/2021/palmares.csv", "application/json, text/*;q=0.1", "text/csv")]
    [InlineData("/api/v1/editions/2021/palmares.csv", "application/json", null)]
    [InlineData("/api/v1/editions/2021/chiffres-cles", "text/csv", null)]
    [InlineData("/api/v1/editions/2021", "text/csv", null)]
    [InlineData("/api/v1/editions/2021", "text/csv, */*;q=0.1", "application/json")]
    public async Task Accept_et_ses_qualites_sont_honores_sinon_406(string url, string? accept, string? attendu)
    {
        var admin = await AdminAsync();
        await HistoriqueAsync(admin, 2021, new Resultat("62041", 3));
        // Anonymous (the palmarès' fast path) and signed in (the endpoints) answer alike.
        foreach (var client in new[] { Anonyme(), admin })
        {
            var requete = new HttpRequestMessage(HttpMethod.Get, url);
            if (accept is not null) requete.Headers.TryAddWithoutValidation("Accept", accept);
            var reponse = await client.SendAsync(requete);
            if (attendu is null)
            {
                var probleme = await ProblemeAsync(reponse, HttpStatusCode.NotAcceptable);
                Assert.Contains("Accept", probleme["detail"]!.GetValue<string>());
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
                Assert.Equal(attendu, reponse.Content.Headers.ContentType!.MediaType);
            }
        }
    }

    [Fact]
    public async Task If_modified_since_seul_donne_304()
    {
        var admin = await AdminAsync();
        await HistoriqueAsync(admin, 2021, new Resultat("62041", 3));
        var premiere = await Anonyme().GetAsync("/api/v1/editions/2021/palmares");
        var modifie = premiere.Content.Headers.LastModified!.Value;
        foreach (var client in new[] { Anonyme(), admin })
        {
            HttpRequestMessage Depuis(DateTimeOffset instant, string? etag = null)
            {
                var requete = new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions/2021/palmares");
                requete.Headers.IfModifiedSince = instant;
                if (etag is not null) requete.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
                return requete;
            }
            foreach (var depuis in new[] { modifie, modifie.AddDays(1) })
            {
                var reponse = await client.SendAsync(Depuis(depuis));
                Assert.Equal(HttpStatusCode.NotModified, reponse.StatusCode);
                Assert.Equal(premiere.Headers.ETag, reponse.Headers.ETag);
                Assert.Empty(await reponse.Content.ReadAsByteArrayAsync());
            }
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Depuis(modifie.AddSeconds(-1)))).StatusCode);
            // If-None-Match, when present, decides alone (RFC 9110, 13.2.2).
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Depuis(modifie.AddDays(1), "\"autre\""))).StatusCode);
        }
    }

    [Fact]
    public async Task Csv_avec_bom_point_virgule_et_relu()
    {
        var admin = await AdminAsync();
        await HistoriqueAsync(admin, 2021, new Resultat("62041", 3, ["arobase-verte", "democratie-locale"]), new Resultat("200033579", 4));
        var client = Anonyme();
        var parSuffixe = await client.GetAsync("/api/v1/editions/2021/palmares.csv");
        var requete = new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions/2021/palmares");
        requete.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var parNegociation = await client.SendAsync(requete);
        Assert.Equal("text/csv", parSuffixe.Content.Headers.ContentType!.MediaType);
        var octets = await parSuffixe.Content.ReadAsByteArrayAsync();
        Assert.Equal(octets, await parNegociation.Content.ReadAsByteArrayAsync());
        Assert.Equal(parSuffixe.Headers.ETag, parNegociation.Headers.ETag);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, octets[..3]);

        using var lecteur = Sep.New(';').Reader(o => o with { Unescape = true }).FromText(Encoding.UTF8.GetString(octets[3..]));
        var lignes = lecteur.Enumerate(r => (Nom: r["nom"].ToString(), Arobases: r["arobases"].Parse<int>(), Mentions: r["mentions"].ToString(),
            Licence: r["licence"].ToString(), PublieLe: r["publieLe"].ToString(), Code: r["codeInsee"].ToString(), Siren: r["siren"].ToString())).ToList();
        Assert.Equal(2, lignes.Count);
        var arras = lignes.Single(l => l.Nom == "Arras");
        Assert.Equal(3, arras.Arobases);
        Assert.Equal("arobase-verte|democratie-locale", arras.Mentions);
        Assert.Equal("Licence Ouverte 2.0", arras.Licence);
        Assert.EndsWith("Z", arras.PublieLe);
        var cu = lignes.Single(l => l.Nom == "CU d'Arras");
        Assert.Equal("", cu.Code);
        Assert.Equal("200033579", cu.Siren);

        var vide = await client.GetAsync("/api/v1/editions/2021/palmares.csv?arobases=1");
        Assert.StartsWith("edition;version;publieLe;licence", Encoding.UTF8.GetString((await vide.Content.ReadAsByteArrayAsync())[3..]));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")")]
    [InlineData("+33", "'+33")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM", "'@SUM")]
    [InlineData("Arras", "Arras")]
    public void Les_cellules_csv_ne_deviennent_pas_des_formules(string valeur, string attendue) =>
        Assert.Equal(attendue, Publication.CsvDuPalmares.Neutraliser(valeur));

    [Fact]
    public async Task Chiffres_cles_d_une_paire_d_editions()
    {
        var admin = await AdminAsync();
        await HistoriqueAsync(admin, 2021, new Resultat("62041", 3, Fiches: 2), new Resultat("57059", 2, Fiches: 1), new Resultat("97101", 1));
        await HistoriqueAsync(admin, 2022,
            new Resultat("62041", 4, ["arobase-verte", "democratie-locale"], Fiches: 3), new Resultat("200033579", 5, ["arobase-verte"], Fiches: 1),
            new Resultat("57059", 2, Fiches: 1), new Resultat("2A004", 1), new Resultat("62042", 3, ["mediation-numerique"]));
        var c = await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2022/chiffres-cles");
        Assert.Equal(2022, c!["edition"]!.GetValue<int>());
        Assert.Equal(2021, c["editionPrecedente"]!.GetValue<int>());
        var candidatures = c["candidatures"]!;
        Assert.Equal(5, candidatures["total"]!.GetValue<int>());
        Assert.Equal(2, candidatures["villes"]!.GetValue<int>()); // Arras, Ajaccio
        Assert.Equal(2, candidatures["villages"]!.GetValue<int>()); // Bellange and 62042
        Assert.Equal(1, candidatures["intercommunalites"]!.GetValue<int>());
        Assert.Equal(3, candidatures["precedent"]!.GetValue<int>());
        Assert.Equal(67, candidatures["evolutionPourcent"]!.GetValue<int>()); // 5 vs 3: +66.7 %
        Assert.Equal(5, c["fichesActions"]!["total"]!.GetValue<int>());
        Assert.Equal(3, c["fichesActions"]!["precedent"]!.GetValue<int>());
        Assert.Equal([1, 1, 1, 1, 1], Enumerable.Range(1, 5).Select(a => c["arobases"]![a.ToString()]!.GetValue<int>()));
        Assert.Equal(4, c["mentions"]!["total"]!.GetValue<int>());
        Assert.Equal(2, c["mentions"]!["parType"]!["arobase-verte"]!.GetValue<int>());
        Assert.Equal(0, c["mentions"]!["parType"]!["numerique-educatif"]!.GetValue<int>());
        Assert.Equal(16, c["enjeux"]!.GetValue<int>());
        Assert.Equal(0, c["services"]!.GetValue<int>());

        // Communes counted once: Arras and 62042 are members of the CU d'Arras.
        var attendue = await Factory.DansLaBaseAsync(async db =>
        {
            var membres = (await db.Epcis.SingleAsync(e => e.Siren == "200033579")).Communes.Concat(["62041", "57059", "2A004", "62042"]).Distinct().ToArray();
            return await db.Communes.Where(x => membres.Contains(x.CodeInsee)).SumAsync(x => (long)(x.Population ?? 0));
        });
        Assert.Equal(attendue, c["populationRepresentee"]!.GetValue<long>());

        var premiere = await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2021/chiffres-cles");
        Assert.Null(premiere!["editionPrecedente"]);
        Assert.Null(premiere["candidatures"]!["precedent"]);
        Assert.Null(premiere["candidatures"]!["evolutionPourcent"]);
    }

    [Fact]
    public async Task Chiffres_cles_etag_304_et_cache_que_la_publication_suivante_renouvelle()
    {
        var admin = await AdminAsync();
        await HistoriqueAsync(admin, 2021, new Resultat("62041", 3), new Resultat("57059", 2));
        await EditionAsync(admin, 2022, historique: true);
        var client = Anonyme();
        // Asked before 2022 is published: nothing yet, and that answer must not outlive the publication.
        await ProblemeAsync(await client.GetAsync("/api/v1/editions/2022/chiffres-cles"), HttpStatusCode.NotFound);

        var reponse = await client.GetAsync("/api/v1/editions/2021/chiffres-cles");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal("application/json", reponse.Content.Headers.ContentType!.MediaType);
        Assert.False(reponse.Headers.ETag!.IsWeak);
        Assert.True(reponse.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(10), reponse.Headers.CacheControl.MaxAge);
        Assert.Equal(2, (await LireAsync(reponse))["candidatures"]!["total"]!.GetValue<int>());
        await NonModifieAsync(client, Revalidation("/api/v1/editions/2021/chiffres-cles", reponse.Headers.ETag!));

        await Factory.DansLaBaseAsync(async db =>
        {
            var edition = await db.Editions.SingleAsync(e => e.Annee == 2022);
            var arras = await db.Collectivites.SingleAsync(c => c.CodeInsee == "62041");
            var candidature = Candidature.Creer(edition, arras.Id, correctionAdministrateur: true, DateTimeOffset.UtcNow);
            db.Candidatures.Add(candidature);
            db.Distinctions.Add(Distinction.Attribuer(candidature, edition, 4, [], DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/editions/2022/publication", new { })).StatusCode);
        var c2022 = await LireAsync(await client.GetAsync("/api/v1/editions/2022/chiffres-cles"));
        Assert.Equal(1, c2022["candidatures"]!["total"]!.GetValue<int>());
        Assert.Equal(2, c2022["candidatures"]!["precedent"]!.GetValue<int>());
    }

    [Fact]
    public async Task Historique_etag_304_et_cache_jusqu_a_la_publication_suivante()
    {
        var admin = await AdminAsync();
        await HistoriqueAsync(admin, 2021, new Resultat("62041", 3));
        var arras = await Factory.DansLaBaseAsync(db => db.Collectivites.Where(c => c.CodeInsee == "62041").Select(c => c.Id).SingleAsync());
        var url = $"/api/v1/collectivites/{arras}/historique";
        var client = Anonyme();
        var reponse = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal(1, (await LireAsync(reponse))["total"]!.GetValue<int>());
        Assert.False(reponse.Headers.ETag!.IsWeak);
        Assert.True(reponse.Headers.CacheControl!.Public);
        Assert.Equal(TimeSpan.FromSeconds(10), reponse.Headers.CacheControl.MaxAge);
        await NonModifieAsync(client, Revalidation(url, reponse.Headers.ETag!));
        // An admin's answer may hold releases under embargo: never in a shared cache.
        var parAdmin = await admin.GetAsync(url);
        Assert.True(parAdmin.Headers.CacheControl!.Private);
        Assert.True(parAdmin.Headers.CacheControl.NoStore);

        await HistoriqueAsync(admin, 2022, new Resultat("62041", 5));
        var apres = await client.SendAsync(Revalidation(url, reponse.Headers.ETag!));
        Assert.Equal(HttpStatusCode.OK, apres.StatusCode);
        Assert.NotEqual(reponse.Headers.ETag, apres.Headers.ETag);
        Assert.Equal(2, (await LireAsync(apres))["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Catalogue_plein_texte_en_francais()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2021, historique: true);
        await Factory.DansLaBaseAsync(async db =>
        {
            var edition = await db.Editions.SingleAsync(e => e.Annee == 2021);
            foreach (var (code, titre, description, enjeu) in new[]
            {
                ("62041", "Médiathèque numérique", "Prêt de liseuses et ateliers.", "culture"),
                ("62041", "Conseil municipal en direct", "Retransmission des séances.", "democratie-locale"),
                ("57059", "Espace public numérique", "Accompagnement des habitants aux démarches.", "mediation"),
                ("2A004", "Budget participatif", "Les habitants votent en ligne.", "democratie-locale"),
            })
            {
                var c = await db.Collectivites.FirstOrDefaultAsync(x => x.CodeInsee == code);
                Candidature? candidature = null;
                if (c is null)
                {
                    c = Collectivite.Commune(await db.Communes.SingleAsync(x => x.CodeInsee == code), DateTimeOffset.UtcNow);
                    candidature = Candidature.Creer(edition, c.Id, true, DateTimeOffset.UtcNow);
                    db.AddRange(c, candidature, Distinction.Attribuer(candidature, edition, 3, [], DateTimeOffset.UtcNow));
                    await db.SaveChangesAsync();
                }
                candidature ??= await db.Candidatures.SingleAsync(x => x.CollectiviteId == c.Id);
                db.Fiches.Add(FicheAction.Creer(candidature, edition, new ContenuFiche(null, titre, null, description, new DateOnly(2020, 1, 1), null, true,
                    [], [enjeu], []), true, DateTimeOffset.UtcNow));
            }
            // A dossier without distinction is not in the palmarès: its fiches stay out of the catalogue.
            var horsPalmares = Collectivite.Commune(await db.Communes.SingleAsync(x => x.CodeInsee == "97101"), DateTimeOffset.UtcNow);
            var sansDistinction = Candidature.Creer(edition, horsPalmares.Id, true, DateTimeOffset.UtcNow);
            db.AddRange(horsPalmares, sansDistinction, FicheAction.Creer(sansDistinction, edition, new ContenuFiche(null, "Guichet numérique",
                null, "Démarches", new DateOnly(2020, 1, 1), null, true, [], ["services-publics"], []), true, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        await ProblemeAsync(await Anonyme().GetAsync("/api/v1/editions/2021/fiches?q=numerique"), HttpStatusCode.NotFound);
        await admin.PostAsJsonAsync("/api/v1/editions/2021/publication", new { });

        async Task<string[]> Titres(string requete) => (await Anonyme().GetFromJsonAsync<JsonObject>($"/api/v1/editions/2021/fiches{requete}"))!
            ["items"]!.AsArray().Select(f => f!["titre"]!.GetValue<string>()).ToArray();
        Assert.Equal(["Espace public numérique", "Médiathèque numérique"], (await Titres("?q=numériques")).Order());
        Assert.Equal(["Médiathèque numérique"], await Titres("?q=mediatheque"));
        Assert.Equal(["Conseil municipal en direct"], await Titres("?q=séance"));
        Assert.Equal(["Budget participatif", "Conseil municipal en direct"], (await Titres("?enjeu=democratie-locale")).Order());
        Assert.Equal(["Budget participatif"], await Titres("?q=habitants&region=94"));
        Assert.Equal(["Espace public numérique"], await Titres("?categorie=village"));
        var page = await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2021/fiches?pageSize=1&page=2");
        Assert.Equal(4, page!["total"]!.GetValue<int>());
        var item = Assert.Single(page["items"]!.AsArray())!;
        Assert.NotNull(item["collectivite"]!["nom"]);
        Assert.Null(item.AsObject()["description"]);
        var classes = (await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2021/fiches?q=habitants"))!["items"]!.AsArray();
        Assert.All(classes, f => Assert.True(f!["pertinence"]!.GetValue<double>() > 0));
    }
    [Fact]
    public async Task L_instant_de_parution_est_le_meme_dans_la_reponse_la_lecture_et_le_csv()
    {
        var admin = await AdminAsync();
        var publication = await LireAsync(await this.PublierHistoriqueAsync(admin, 2021, null, new Resultat("62041", 3)));
        var publieLe = publication["publieLe"]!.GetValue<string>();
        var lu = await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2021/palmares");
        Assert.Equal(publieLe, lu!["publieLe"]!.GetValue<string>());
        // The CSV gives the instant to the microsecond too: a reader never sees one before the release was visible.
        var csv = await Anonyme().GetStringAsync("/api/v1/editions/2021/palmares.csv");
        Assert.Contains($";{publieLe};", csv.Split('\n')[1].Replace(",", ";"));
    }
    [Fact]
    public async Task Les_filtres_hors_des_bornes_du_document_sont_refuses_sous_leur_nom()
    {
        var admin = await AdminAsync();
        await this.PublierHistoriqueAsync(admin, 2021, null, new Resultat("62041", 3));
        foreach (var (requete, champ) in new[]
                 {
                     ("/api/v1/editions/2021/palmares?arobases=6", "arobases"), ("/api/v1/editions/2021/palmares?arobases=0", "arobases"),
                     ("/api/v1/editions/2021/palmares.csv?departement=ABC", "departement"), ("/api/v1/editions/2021/palmares?region=1", "region"),
                     ("/api/v1/editions/2021/palmares?version=0", "version"), ("/api/v1/editions/2021/palmares?mention=Pas%20un%20code", "mention"),
                     ("/api/v1/collectivites?departement=999", "departement"), ("/api/v1/collectivites?region=1", "region"),
                     ("/api/v1/editions/2021/fiches?departement=ABC", "departement"),
                 })
        {
            var refus = await ProblemeAsync(await Anonyme().GetAsync(requete), HttpStatusCode.BadRequest);
            Assert.True(refus["errors"]![champ] is not null, $"{requete} : {refus}");
        }
        var proprietaire = await CompteAsync("collectivite", await Factory.DansLaBaseAsync(db => db.Collectivites.Select(c => c.Id).FirstAsync()));
        await ProblemeAsync(await proprietaire.GetAsync("/api/v1/collectivites/62041/candidatures?edition=1990"), HttpStatusCode.BadRequest);
        // Within the bounds, the same filters answer: 987 is an overseas département and région.
        Assert.Equal(HttpStatusCode.OK, (await Anonyme().GetAsync("/api/v1/editions/2021/palmares?arobases=3&departement=987&region=987")).StatusCode);
    }
}
