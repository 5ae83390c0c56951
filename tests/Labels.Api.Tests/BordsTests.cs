namespace Labels.Api.Tests;

/// <summary>
/// The edges of the boundary, from the served OpenAPI document: every read route with every query parameter mutated
/// (NUL, overflowing numbers, wrong types), pages beyond any list, null items in body lists, an Accept that is not JSON.
/// A client never gets a 500, and every error is problem details.
/// </summary>
public sealed class BordsTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] Mutations =
    [
        "%00", "a%00b", "42949674", "2147483647", "2147483648", "-2147483648", "99999999999999999999", "0", "-1", "1e3", "abc", "%27%20OR%201%3D1",
        "%F0%9F%98%80", new string('x', 3000),
    ];

    private async Task<List<(string Chemin, string[] Parametres)>> LecturesAsync()
    {
        var document = JsonNode.Parse(await Anonyme().GetStringAsync("/swagger/v1/swagger.json"))!;
        var lectures = new List<(string, string[])>();
        foreach (var (chemin, operations) in document["paths"]!.AsObject())
            if (operations!["get"] is { } get)
                lectures.Add((chemin, get["parameters"]?.AsArray().Where(p => p!["in"]!.GetValue<string>() == "query")
                    .Select(p => p!["name"]!.GetValue<string>()).ToArray() ?? []));
        return lectures;
    }

    private static async Task VerifierAsync(HttpResponseMessage reponse, string requete, List<string> echecs)
    {
        var code = (int)reponse.StatusCode;
        if (code >= 500) echecs.Add($"{requete} → {code} {await reponse.Content.ReadAsStringAsync()}");
        else if (code >= 400 && code != 405 && reponse.Content.Headers.ContentType?.MediaType != "application/problem+json")
            echecs.Add($"{requete} → {code} en {reponse.Content.Headers.ContentType}");
    }

    [Fact]
    public async Task Aucun_parametre_de_lecture_ne_fait_de_500()
    {
        var scenario = await Scenario.PreparerAsync(this);
        await this.PublierHistoriqueAsync(scenario.Admin, 2021, null, new Resultat("62041", 3, Fiches: 2));
        var echecs = new List<string>();
        var lectures = await LecturesAsync();
        Assert.True(lectures.Count >= 20, $"{lectures.Count} lectures dans le document");
        foreach (var client in new[] { Anonyme(), scenario.Admin, scenario.JureAssigne })
            foreach (var (chemin, parametres) in lectures)
            {
                var url = scenario.Url(chemin.Replace("{annee}", "2021").Replace("{edition}", "2021"));
                foreach (var parametre in parametres)
                    foreach (var mutation in Mutations)
                    {
                        var requete = $"{url}?{parametre}={mutation}";
                        await VerifierAsync(await client.GetAsync(requete), requete, echecs);
                    }
                // The path itself: an absurd year or id where the route takes one (a NUL there is refused by the server
                // before the API sees it).
                foreach (var mutation in new[] { "99999999999", "abc", "%25" })
                {
                    var requete = chemin.Replace("{annee}", mutation).Replace("{id}", mutation).Replace("{codeInsee}", mutation)
                        .Replace("{siren}", mutation).Replace("{ficheId}", mutation);
                    if (requete != chemin) await VerifierAsync(await client.GetAsync(requete), requete, echecs);
                }
            }
        Assert.True(echecs.Count == 0, string.Join("\n", echecs.Take(30)));
    }

    [Fact]
    public async Task Chaque_liste_borne_ses_pages_et_repond_400_en_francais()
    {
        var scenario = await Scenario.PreparerAsync(this);
        await this.PublierHistoriqueAsync(scenario.Admin, 2021, null, new Resultat("62041", 3, Fiches: 2));
        var listes = (await LecturesAsync()).Where(l => l.Parametres.Contains("page")).ToList();
        Assert.True(listes.Count >= 15, $"{listes.Count} listes");
        var echecs = new List<string>();
        foreach (var (chemin, _) in listes)
        {
            var url = scenario.Url(chemin.Replace("{annee}", "2021"));
            var client = chemin.Contains("/jures/moi/", StringComparison.Ordinal) ? scenario.JureAssigne : scenario.Admin;
            foreach (var (requete, champ) in new[] { ("page=42949674", "page"), ("page=0", "page"), ("pageSize=0", "pageSize"), ("pageSize=201", "pageSize") })
            {
                var reponse = await client.GetAsync(url + (url.Contains('?') ? "&" : "?") + requete);
                var texte = await reponse.Content.ReadAsStringAsync();
                if (reponse.StatusCode != HttpStatusCode.BadRequest || JsonNode.Parse(texte)!["errors"]?[champ] is null)
                    echecs.Add($"{url} {requete} → {(int)reponse.StatusCode} {texte[..Math.Min(200, texte.Length)]}");
            }
            // The last page allowed is not refused for its number (the route may refuse for another reason: a deliberation
            // once published), and it is empty.
            var loin = await client.GetAsync(url + (url.Contains('?') ? "&" : "?") + "page=1000000&pageSize=200");
            if (loin.StatusCode is HttpStatusCode.BadRequest || (int)loin.StatusCode >= 500
                || (loin.StatusCode == HttpStatusCode.OK && (await loin.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray().Count != 0))
                echecs.Add($"{url} page=1000000 → {(int)loin.StatusCode}");
        }
        Assert.True(echecs.Count == 0, string.Join("\n", echecs));
        var page = await LireAsync(await Anonyme().GetAsync("/api/v1/editions/2021/fiches?page=3&pageSize=1"));
        Assert.Empty(page["items"]!.AsArray());
        Assert.Equal(2, page["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Un_element_null_dans_une_liste_est_refuse_et_n_ecrit_rien()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022);
        async Task RefuseAsync(HttpResponseMessage reponse, string champ)
        {
            var probleme = await ProblemeAsync(reponse, HttpStatusCode.BadRequest);
            Assert.NotNull(probleme["errors"]![champ]);
        }
        await RefuseAsync(await admin.PutAsync("/api/v1/editions/2022/referentiel", CorpsJson("""{"enjeux":[null],"mentions":[]}""")), "enjeux[0]");
        await RefuseAsync(await admin.PutAsync("/api/v1/editions/2022/referentiel",
            CorpsJson("""{"enjeux":[{"code":"culture","nom":"Culture","services":[null]}],"mentions":[null]}""")), "enjeux[0].services[0]");
        await RefuseAsync(await admin.PutAsync("/api/v1/editions/2022/grille", CorpsJson("""{"criteres":[null],"seuilsArobases":[20,40,60,80]}""")), "criteres[0]");
        await RefuseAsync(await admin.PostAsync("/api/v1/jetons",
            CorpsJson($$"""{"nom":"x","scopes":["palmares:read",null],"expireLe":"{{DateTimeOffset.UtcNow.AddDays(1):O}}"}""")), "scopes[1]");
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.JetonsApi.CountAsync()));
        Assert.Equal(16, (await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2022/referentiel"))!["enjeux"]!.AsArray().Count);
    }

    private static StringContent CorpsJson(string texte) => new(texte, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("text/csv")]
    [InlineData("image/png")]
    [InlineData("text/html, application/xhtml+xml")]
    public async Task Une_erreur_est_du_problem_json_quel_que_soit_accept(string accept)
    {
        foreach (var url in new[] { "/api/v1/editions/2031/palmares", "/api/v1/editions/2031/palmares.csv", "/api/v1/editions/2031",
                     "/api/v1/nulle-part", "/api/v1/collectivites?page=0" })
        {
            var requete = new HttpRequestMessage(HttpMethod.Get, url);
            requete.Headers.TryAddWithoutValidation("Accept", accept);
            var reponse = await Anonyme().SendAsync(requete);
            Assert.True((int)reponse.StatusCode is >= 400 and < 500, $"{url} ({accept}) → {(int)reponse.StatusCode}");
            Assert.Equal("application/problem+json", reponse.Content.Headers.ContentType?.MediaType);
            Assert.False(string.IsNullOrEmpty(JsonNode.Parse(await reponse.Content.ReadAsStringAsync())!["title"]?.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Les_messages_sont_en_francais_et_nomment_leur_champ()
    {
        var nonAuthentifie = await ProblemeAsync(await Anonyme().PostAsJsonAsync("/api/v1/editions", new { annee = 2030, numero = 31 }),
            HttpStatusCode.Unauthorized);
        Assert.Equal("Non authentifié", nonAuthentifie["title"]!.GetValue<string>());
        var admin = await AdminAsync();
        var jure = await CompteAsync("jure");
        Assert.Equal("Interdit", (await ProblemeAsync(await jure.PostAsJsonAsync("/api/v1/editions", new { annee = 2030, numero = 31 }),
            HttpStatusCode.Forbidden))["title"]!.GetValue<string>());
        await EditionAsync(admin, 2022, "candidatures");
        var vide = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions/2022/candidatures", new { collectiviteId = Guid.Empty }),
            HttpStatusCode.BadRequest);
        var message = vide["errors"]!["collectiviteId"]![0]!.GetValue<string>();
        Assert.Contains("collectiviteId", message);
        Assert.Contains("vide", message);
        var faible = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/comptes", new { email = "x@test.labels", motDePasse = "court", role = "jure" }),
            HttpStatusCode.BadRequest);
        Assert.All(faible["errors"]!["motDePasse"]!.AsArray(), m => Assert.Contains("Le mot de passe", m!.GetValue<string>()));
    }

    [Fact]
    public async Task Chaque_champ_manquant_ou_refuse_est_nomme_sous_son_nom_et_le_corps_entier_sous_requete()
    {
        var admin = await AdminAsync();
        // Each missing required property under its own name, as a validator names its fields.
        var edition = await ProblemeAsync(await admin.PostAsync("/api/v1/editions", new StringContent("{}", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        Assert.Equal(["annee", "numero"], edition["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Equal("numero est requis.", edition["errors"]!["numero"]![0]!.GetValue<string>());
        // A body that is null, or well-formed JSON of the wrong kind, is the request's fault as a whole.
        var nul = await ProblemeAsync(await admin.PostAsync("/api/v1/editions", new StringContent("null", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        Assert.Equal(["requete"], nul["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal("Le corps de la requête est absent ou vaut null : un objet JSON est attendu.", nul["detail"]!.GetValue<string>());
        var liste = await ProblemeAsync(await admin.PostAsync("/api/v1/editions", new StringContent("[]", Encoding.UTF8, "application/json")),
            HttpStatusCode.BadRequest);
        Assert.Equal("Le corps de la requête attend un objet { … }.", liste["detail"]!.GetValue<string>());
        // A token's expiry is checked as input (400 naming it), not as a conflict.
        var expire = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/jetons",
            new { nom = "Passé", scopes = new[] { "audit:read" }, expireLe = DateTimeOffset.UtcNow.AddDays(-1) }), HttpStatusCode.BadRequest);
        Assert.Equal("Un jeton expire dans le futur, dans 366 jours au plus.", expire["errors"]!["expireLe"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Une_valeur_d_ensemble_ferme_ou_de_referentiel_s_ecrit_comme_le_document_la_donne()
    {
        // categorie is one of the document's values, exactly (as in a JSON body); an enjeu is one of the édition's.
        var admin = await AdminAsync();
        await this.PublierHistoriqueAsync(admin, 2021, null, new Resultat("62041", 3, Fiches: 1));
        foreach (var url in new[] { "/api/v1/editions/2021/palmares?categorie=VILLE", "/api/v1/editions/2021/palmares.csv?categorie=Ville",
                     "/api/v1/collectivites?categorie=VILLE", "/api/v1/editions/2021/fiches?categorie=Village" })
        {
            var refus = await ProblemeAsync(await Anonyme().GetAsync(url), HttpStatusCode.BadRequest);
            Assert.Contains("valeurs possibles : village, ville, intercommunalite", refus["errors"]!["categorie"]![0]!.GetValue<string>());
        }
        Assert.Equal(HttpStatusCode.OK, (await Anonyme().GetAsync("/api/v1/editions/2021/palmares?categorie=ville")).StatusCode);
        var enjeu = await ProblemeAsync(await Anonyme().GetAsync("/api/v1/editions/2021/fiches?enjeu=zzz"), HttpStatusCode.BadRequest);
        Assert.Equal("Aucun enjeu de code « zzz » dans le référentiel de l'édition 2021.", enjeu["errors"]!["enjeu"]![0]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await Anonyme().GetAsync("/api/v1/editions/2021/fiches?enjeu=education")).StatusCode);
        var nul = await ProblemeAsync(await Anonyme().GetAsync("/api/v1/editions/2021/fiches?q=a%00b"), HttpStatusCode.BadRequest);
        Assert.StartsWith("Le paramètre q est refusé : le caractère NUL", nul["errors"]!["q"]![0]!.GetValue<string>());
        var deux = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/collectivites", new { codeInsee = "62041", siren = "200033579" }),
            HttpStatusCode.BadRequest);
        Assert.Equal(["codeInsee", "siren"], deux["errors"]!.AsObject().Select(e => e.Key).Order());
    }

    [Fact]
    public async Task Un_parametre_mal_forme_est_nomme_avec_ce_qu_il_attend_et_ce_qu_il_a_recu()
    {
        var admin = await AdminAsync();
        async Task RefuseAsync(string url, string champ, string detail)
        {
            var probleme = await ProblemeAsync(await admin.GetAsync(url), HttpStatusCode.BadRequest);
            Assert.Equal(detail, probleme["detail"]!.GetValue<string>());
            Assert.Equal(detail, probleme["errors"]![champ]![0]!.GetValue<string>());
        }
        await RefuseAsync("/api/v1/collectivites?page=abc", "page", "Le paramètre page attend un nombre entier ; reçu « abc ».");
        await RefuseAsync("/api/v1/collectivites?pageSize=1e3", "pageSize", "Le paramètre pageSize attend un nombre entier ; reçu « 1e3 ».");
        await RefuseAsync("/api/v1/audit?acteurId=moi", "acteurId",
            "Le paramètre acteurId attend un identifiant UUID (01a24fed-06fc-76dc-b342-c9ce19bf7151) ; reçu « moi ».");
        // A required parameter left out, or given empty, is named with what it takes.
        var jure = await CompteAsync("jure");
        foreach (var url in new[] { "/api/v1/jures/moi/affectations", "/api/v1/jures/moi/affectations?edition=" })
        {
            var absent = await ProblemeAsync(await jure.GetAsync(url), HttpStatusCode.BadRequest);
            Assert.Equal("Le paramètre edition est requis : un nombre entier.", absent["errors"]!["edition"]![0]!.GetValue<string>());
        }
        var long_ = await ProblemeAsync(await admin.GetAsync($"/api/v1/collectivites?page={new string('9', 500)}"), HttpStatusCode.BadRequest);
        Assert.Equal($"Le paramètre page attend un nombre entier ; reçu « {new string('9', 60)}… ».", long_["detail"]!.GetValue<string>());

        // No route takes a list in its query: a parameter given twice is refused, whatever its type and whoever asks.
        await RefuseAsync("/api/v1/collectivites?page=1&pageSize=5&page=2", "page",
            "Le paramètre page est donné 2 fois (« 1 », « 2 ») ; donnez-le une seule fois.");
        var palmares = await ProblemeAsync(await Anonyme().GetAsync("/api/v1/editions/2022/palmares?departement=13&departement=62"),
            HttpStatusCode.BadRequest);
        Assert.Equal("Le paramètre departement est donné 2 fois (« 13 », « 62 ») ; donnez-le une seule fois.", palmares["detail"]!.GetValue<string>());
        Assert.NotNull(palmares["errors"]!["departement"]);
    }

    [Theory]
    [InlineData("01/02/2023")]
    [InlineData("2023-02-01")]
    [InlineData("2023-02-01T10:00:00")]
    [InlineData("1675245600")]
    [InlineData("demain")]
    public async Task Un_instant_de_requete_sans_fuseau_ou_hors_iso_8601_est_refuse(string depuis)
    {
        var admin = await AdminAsync();
        var probleme = await ProblemeAsync(await admin.GetAsync($"/api/v1/audit?depuis={Uri.EscapeDataString(depuis)}"), HttpStatusCode.BadRequest);
        Assert.Equal($"Le paramètre depuis attend un instant ISO 8601 avec son fuseau (2022-02-03T14:00:00Z ou 2022-02-03T15:00:00+01:00) ; "
            + $"reçu « {depuis} ».", probleme["detail"]!.GetValue<string>());
        Assert.NotNull(probleme["errors"]!["depuis"]);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/audit?jusqua=2023-02-01T10:00Z")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/audit?depuis=2023-02-01T10:00:00.123-05:00")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/audit?depuis=2023-02-01t10:00:00z")).StatusCode);
    }

    [Fact]
    public async Task Une_valeur_json_du_mauvais_genre_est_nommee_par_son_chemin_avec_ce_qu_elle_attend()
    {
        var admin = await AdminAsync();
        var annee = await ProblemeAsync(await admin.PostAsync("/api/v1/editions", CorpsJson("""{"annee":true,"numero":31}""")),
            HttpStatusCode.BadRequest);
        Assert.Equal("$.annee attend un nombre entier.", annee["detail"]!.GetValue<string>());
        Assert.NotNull(annee["errors"]!["annee"]);
        // A number written as a text is a text: refused as a boolean is, not read as the number it spells.
        var texte = await ProblemeAsync(await admin.PostAsync("/api/v1/editions", CorpsJson("""{"annee":"2030","numero":"31"}""")),
            HttpStatusCode.BadRequest);
        Assert.Equal("$.annee attend un nombre entier.", texte["detail"]!.GetValue<string>());
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Editions.CountAsync()));
        var inconnue = await ProblemeAsync(await admin.PostAsync("/api/v1/editions", CorpsJson("""{"annee":2030,"numero":31,"nom":"x"}""")),
            HttpStatusCode.BadRequest);
        Assert.Equal("$.nom : propriété inconnue.", inconnue["detail"]!.GetValue<string>());
        Assert.NotNull(inconnue["errors"]!["nom"]);
        var casse = await ProblemeAsync(await admin.PostAsync("/api/v1/editions", CorpsJson("""{"annee":2030,"numero":31""")), HttpStatusCode.BadRequest);
        Assert.Equal("$.numero : JSON mal formé (ligne 1, position 26).", casse["detail"]!.GetValue<string>());
        Assert.NotNull(casse["errors"]!["numero"]);
        var racine = await ProblemeAsync(await admin.PostAsync("/api/v1/editions", CorpsJson("annee=2030")), HttpStatusCode.BadRequest);
        Assert.Equal("Le corps de la requête n'est pas du JSON valide (ligne 1, position 1).", racine["detail"]!.GetValue<string>());
        Assert.NotNull(racine["errors"]!["requete"]);
    }

    [Fact]
    public async Task Une_valeur_d_un_ensemble_ferme_s_ecrit_comme_le_document_la_liste()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var statut = await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut = "Evaluation" }), HttpStatusCode.BadRequest);
        Assert.NotNull(statut["errors"]!["statut"]);
        Assert.Contains("valeurs permises : preparation, candidatures, evaluation", statut["detail"]!.GetValue<string>());
        Assert.Equal("candidatures", (await admin.GetFromJsonAsync<JsonObject>("/api/v1/editions/2022"))!["statut"]!.GetValue<string>());
    }

    [Fact]
    public async Task Un_instant_avec_un_autre_fuseau_est_lu_en_utc_et_un_instant_sans_fuseau_refuse()
    {
        var admin = await AdminAsync();
        await this.PreparerHistoriqueAsync(admin, 2021, new Resultat("62041", 3));
        var sansFuseau = await ProblemeAsync(await admin.PostAsync("/api/v1/editions/2021/publication",
            CorpsJson("""{"publieLe":"2026-12-07T10:00:00"}""")), HttpStatusCode.BadRequest);
        Assert.Equal("$.publieLe : Un instant s'écrit en ISO 8601 avec son fuseau : 2022-02-03T14:00:00Z ou 2022-02-03T15:00:00+01:00.", sansFuseau["detail"]!.GetValue<string>());
        var publication = await admin.PostAsync("/api/v1/editions/2021/publication", CorpsJson("""{"publieLe":"2021-02-03T15:00:00+01:00"}"""));
        Assert.Equal(HttpStatusCode.Created, publication.StatusCode);
        Assert.Equal("2021-02-03T14:00:00Z", (await LireAsync(publication))["publieLe"]!.GetValue<string>());
        var jeton = await admin.PostAsync("/api/v1/jetons",
            CorpsJson($$"""{"nom":"x","scopes":["audit:read"],"expireLe":"{{DateTimeOffset.UtcNow.AddDays(2).ToOffset(TimeSpan.FromHours(-5)):yyyy-MM-ddTHH:mm:sszzz}}"}"""));
        Assert.Equal(HttpStatusCode.Created, jeton.StatusCode);
        var audit = await admin.GetAsync($"/api/v1/audit?depuis={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-ddTHH:mm:sszzz"))}");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.True((await LireAsync(audit))["total"]!.GetValue<int>() >= 2);
    }
}
