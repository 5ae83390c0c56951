using Npgsql;

namespace Labels.Api.Tests;

/// <summary>
/// Every route of the application, called by each kind of caller, against a table kept here: a route
/// missing from the table fails the test, so no route ships without a declared policy; refused writes
/// leave the database as it was. Every dossier route answers an unknown id as it answers a dossier the
/// caller may not see.
/// </summary>
public sealed class MatriceAutorisationsTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private enum Appelant { Anonyme, Admin, JureAssigne, JureLibre, JureEnConflit, Proprietaire, AutreCollectivite }

    // Per route, one entry per caller in the order of Appelant: "ok" (allowed: anything but 401, 403 and 500),
    // "*" (anything but 500: the route itself answers 401 to bad credentials), or the exact refusal.
    private static readonly Dictionary<string, string> Table = new()
    {
        ["GET /health/live"] = "ok ok ok ok ok ok ok",
        ["GET /health/ready"] = "ok ok ok ok ok ok ok",
        // The scrapers' networks are none here (Telemetrie:ReseauxAutorises): anonymous is refused; see TelemetrieTests.
        ["GET /metrics"] = "401 ok 403 403 403 403 403",
        ["POST /api/v1/auth/login"] = "* * * * * * *",
        ["POST /api/v1/auth/refresh"] = "* * * * * * *",
        ["GET /api/v1/audit"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/referentiel/communes/{codeInsee}"] = "ok ok ok ok ok ok ok",
        ["GET /api/v1/referentiel/epci/{siren}"] = "ok ok ok ok ok ok ok",
        ["GET /api/v1/referentiel/regions"] = "ok ok ok ok ok ok ok",
        ["GET /api/v1/referentiel/departements"] = "ok ok ok ok ok ok ok",
        ["POST /api/v1/collectivites"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/collectivites"] = "ok ok ok ok ok ok ok",
        ["GET /api/v1/collectivites/{id}"] = "ok ok ok ok ok ok ok",
        ["GET /api/v1/collectivites/{id}/historique"] = "ok ok ok ok ok ok ok",
        ["GET /api/v1/collectivites/{id}/candidatures"] = "401 ok 403 403 403 ok 404",
        ["POST /api/v1/comptes"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/comptes"] = "401 ok 403 403 403 403 403",
        ["PUT /api/v1/comptes/{id}/statut"] = "401 ok 403 403 403 403 403",
        ["PUT /api/v1/comptes/moi/mot-de-passe"] = "401 ok ok ok ok ok ok",
        ["POST /api/v1/editions"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/editions"] = "ok ok ok ok ok ok ok",
        ["GET /api/v1/editions/{annee}"] = "ok ok ok ok ok ok ok",
        ["PUT /api/v1/editions/{annee}/statut"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/editions/{annee}/referentiel"] = "ok ok ok ok ok ok ok",
        ["PUT /api/v1/editions/{annee}/referentiel"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/editions/{annee}/enjeux"] = "ok ok ok ok ok ok ok",
        ["POST /api/v1/editions/{annee}/candidatures"] = "401 ok 403 403 403 ok 403",
        ["GET /api/v1/editions/{annee}/candidatures"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/candidatures/{id}"] = "401 ok ok 404 404 ok 404",
        ["DELETE /api/v1/candidatures/{id}"] = "401 ok 403 403 403 ok 404",
        ["POST /api/v1/candidatures/{id}/depot"] = "401 ok 403 403 403 ok 404",
        ["POST /api/v1/candidatures/{id}/retrait"] = "401 ok 403 403 403 ok 404",
        ["POST /api/v1/candidatures/{id}/fiches"] = "401 ok 403 403 403 ok 404",
        ["GET /api/v1/candidatures/{id}/fiches"] = "401 ok ok 404 404 ok 404",
        ["GET /api/v1/candidatures/{id}/fiches/{ficheId}"] = "401 ok ok 404 404 ok 404",
        ["PUT /api/v1/candidatures/{id}/fiches/{ficheId}"] = "401 ok 403 403 403 ok 404",
        ["DELETE /api/v1/candidatures/{id}/fiches/{ficheId}"] = "401 ok 403 403 403 ok 404",
        ["GET /api/v1/editions/{annee}/grille"] = "401 ok ok ok ok 403 403",
        ["PUT /api/v1/editions/{annee}/grille"] = "401 ok 403 403 403 403 403",
        ["POST /api/v1/editions/{annee}/jures"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/editions/{annee}/jures"] = "401 ok 403 403 403 403 403",
        ["POST /api/v1/editions/{annee}/affectations"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/editions/{annee}/affectations"] = "401 ok 403 403 403 403 403",
        ["POST /api/v1/editions/{annee}/affectations/auto"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/jures/moi/affectations"] = "401 403 ok ok ok 403 403",
        ["GET /api/v1/candidatures/{id}/evaluations/moi"] = "401 403 ok 403 403 403 403",
        ["PUT /api/v1/candidatures/{id}/evaluations/moi"] = "401 403 ok 403 403 403 403",
        ["GET /api/v1/candidatures/{id}/evaluations/historique"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/editions/{annee}/deliberation"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/editions/{annee}/deliberation/jures"] = "401 ok 403 403 403 403 403",
        ["POST /api/v1/editions/{annee}/deliberation/propositions"] = "401 ok 403 403 403 403 403",
        ["PUT /api/v1/candidatures/{id}/decision"] = "401 ok 403 403 403 403 403",
        ["POST /api/v1/editions/{annee}/publication"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/editions/{annee}/palmares"] = "ok ok ok ok ok ok ok",
        ["GET /api/v1/editions/{annee}/palmares.csv"] = "ok ok ok ok ok ok ok",
        ["HEAD /api/v1/editions/{annee}/palmares"] = "ok ok ok ok ok ok ok",
        ["HEAD /api/v1/editions/{annee}/palmares.csv"] = "ok ok ok ok ok ok ok",
        ["GET /api/v1/palmares"] = "ok ok ok ok ok ok ok",
        ["GET /api/v1/palmares.csv"] = "ok ok ok ok ok ok ok",
        ["HEAD /api/v1/palmares"] = "ok ok ok ok ok ok ok",
        ["HEAD /api/v1/palmares.csv"] = "ok ok ok ok ok ok ok",
        ["GET /api/v1/editions/{annee}/palmares/versions"] = "ok ok ok ok ok ok ok",
        ["GET /api/v1/editions/{annee}/chiffres-cles"] = "ok ok ok ok ok ok ok",
        ["GET /api/v1/editions/{annee}/fiches"] = "ok ok ok ok ok ok ok",
        ["POST /api/v1/editions/{annee}/imports"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/editions/{annee}/imports"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/imports/{id}"] = "401 ok 403 403 403 403 403",
        ["POST /api/v1/jetons"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/jetons"] = "401 ok 403 403 403 403 403",
        ["DELETE /api/v1/jetons/{id}"] = "401 ok 403 403 403 403 403",
        ["POST /api/v1/webhooks/abonnements"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/webhooks/abonnements"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/webhooks/abonnements/{id}"] = "401 ok 403 403 403 403 403",
        ["PUT /api/v1/webhooks/abonnements/{id}"] = "401 ok 403 403 403 403 403",
        ["DELETE /api/v1/webhooks/abonnements/{id}"] = "401 ok 403 403 403 403 403",
        ["POST /api/v1/webhooks/abonnements/{id}/secret"] = "401 ok 403 403 403 403 403",
        ["POST /api/v1/webhooks/abonnements/{id}/test"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/webhooks/abonnements/{id}/livraisons"] = "401 ok 403 403 403 403 403",
        ["GET /api/v1/webhooks/abonnements/{id}/tentatives"] = "401 ok 403 403 403 403 403",
        ["POST /api/v1/webhooks/abonnements/{id}/livraisons/{livraisonId}/renvoi"] = "401 ok 403 403 403 403 403",
        // The HTML pages, the badge and the widget: anyone, each shown what the public sees (PagesTests).
        ["GET /palmares"] = "ok ok ok ok ok ok ok",
        ["GET /palmares/{annee}"] = "ok ok ok ok ok ok ok",
        ["GET /palmares/{annee}/chiffres"] = "ok ok ok ok ok ok ok",
        ["GET /collectivites/{id}"] = "ok ok ok ok ok ok ok",
        ["GET /collectivites/{id}/badge.svg"] = "ok ok ok ok ok ok ok",
        ["GET /widget/palmares/{annee}"] = "ok ok ok ok ok ok ok",
        ["GET /pages/labels.css"] = "ok ok ok ok ok ok ok",
        ["HEAD /palmares"] = "ok ok ok ok ok ok ok",
        ["HEAD /palmares/{annee}"] = "ok ok ok ok ok ok ok",
        ["HEAD /palmares/{annee}/chiffres"] = "ok ok ok ok ok ok ok",
        ["HEAD /collectivites/{id}"] = "ok ok ok ok ok ok ok",
        ["HEAD /collectivites/{id}/badge.svg"] = "ok ok ok ok ok ok ok",
        ["HEAD /widget/palmares/{annee}"] = "ok ok ok ok ok ok ok",
        ["HEAD /pages/labels.css"] = "ok ok ok ok ok ok ok",
    };

    private IReadOnlyList<(string Methode, string Modele)> Routes() => Scenario.Routes(Factory.Services);

    [Fact]
    public void Chaque_route_est_dans_la_table()
    {
        var manquantes = Routes().Select(r => $"{r.Methode} {r.Modele}").Where(r => !Table.ContainsKey(r)).ToList();
        Assert.True(manquantes.Count == 0, "Routes sans politique déclarée dans la table : " + string.Join(", ", manquantes));
        var disparues = Table.Keys.Where(k => !Routes().Any(r => $"{r.Methode} {r.Modele}" == k)).ToList();
        Assert.True(disparues.Count == 0, "Entrées de la table sans route : " + string.Join(", ", disparues));
    }

    [Fact]
    public async Task Chaque_appelant_obtient_ce_que_la_table_dit_et_les_refus_n_ecrivent_rien()
    {
        var scenario = await Scenario.PreparerAsync(this);
        var clients = new Dictionary<Appelant, HttpClient>
        {
            [Appelant.Anonyme] = Anonyme(), [Appelant.Admin] = scenario.Admin, [Appelant.JureAssigne] = scenario.JureAssigne,
            [Appelant.JureLibre] = scenario.JureLibre, [Appelant.JureEnConflit] = scenario.JureEnConflit,
            [Appelant.Proprietaire] = scenario.Proprietaire, [Appelant.AutreCollectivite] = scenario.AutreCollectivite,
        };
        Func<string, string> Url = scenario.Url;
        var arras = scenario.Arras;
        // A body of the shape the document gives (what the binder reads before any dossier is looked at), so that what is
        // judged here is who may call, not how the body is written.
        var document = JsonNode.Parse(await Anonyme().GetStringAsync("/swagger/v1/swagger.json"))!.AsObject();
        HttpContent? Corps(string methode, string modele)
        {
            if (methode is not ("POST" or "PUT")) return null;
            var schema = document["paths"]?[modele]?[methode.ToLowerInvariant()]?["requestBody"]?["content"]?["application/json"]?["schema"];
            var corps = schema is null ? new JsonObject() : CorpsDuDocument.Valeur(schema, document, new Random(7), 0)!;
            if (modele.EndsWith("/candidatures", StringComparison.Ordinal)) corps["collectiviteId"] = arras.ToString();
            return new StringContent(corps.ToJsonString(), Encoding.UTF8, "application/json");
        }

        var cas = Routes().SelectMany(r => Enum.GetValues<Appelant>().Select(a =>
            (r.Methode, r.Modele, Appelant: a, Attendu: Table[$"{r.Methode} {r.Modele}"].Split(' ')[(int)a]))).ToList();
        var echecs = new List<string>();

        var avant = await EmpreinteAsync();
        foreach (var c in cas.Where(c => c.Attendu is not ("ok" or "*")))
        {
            var reponse = await clients[c.Appelant].SendAsync(new HttpRequestMessage(new HttpMethod(c.Methode), Url(c.Modele)) { Content = Corps(c.Methode, c.Modele) });
            if ((int)reponse.StatusCode != int.Parse(c.Attendu))
                echecs.Add($"{c.Methode} {c.Modele} par {c.Appelant} : attendu {c.Attendu}, reçu {(int)reponse.StatusCode}");
        }

        // Unknown and hidden look alike: an id that names nothing gets the answer of a dossier the caller may not see
        // (the staff see every dossier: for them it is unknown, unless the route is not theirs at all).
        (Guid Dossier, Guid Fiche)? Cache(Appelant a) => a switch
        {
            Appelant.Admin => null,
            Appelant.AutreCollectivite => (scenario.Dossier, scenario.Fiche),
            _ => (scenario.DossierBellange, scenario.FicheBellange),
        };
        foreach (var c in cas.Where(c => c.Modele.StartsWith("/api/v1/candidatures/{id}", StringComparison.Ordinal)))
        {
            var inconnu = await RefusAsync(clients[c.Appelant], c.Methode, scenario.Url(c.Modele, Guid.NewGuid(), Guid.NewGuid()), Corps(c.Methode, c.Modele));
            var attendu = Cache(c.Appelant) is { } cache
                ? await RefusAsync(clients[c.Appelant], c.Methode, scenario.Url(c.Modele, cache.Dossier, cache.Fiche), Corps(c.Methode, c.Modele))
                : (c.Attendu == "ok" ? 404 : int.Parse(c.Attendu), c.Attendu == "ok" ? "Candidature introuvable." : inconnu.Detail);
            if (inconnu != attendu)
                echecs.Add($"{c.Methode} {c.Modele} par {c.Appelant} : un dossier inconnu répond {inconnu}, un dossier caché {attendu}");
        }
        Assert.Equal(avant, await EmpreinteAsync());

        // The staff's allowed calls come last: some change the dossier (a withdrawal, a new assignment) for the others.
        foreach (var c in cas.Where(c => c.Attendu is "ok" or "*").OrderBy(c => c.Appelant == Appelant.Admin))
        {
            var reponse = await clients[c.Appelant].SendAsync(new HttpRequestMessage(new HttpMethod(c.Methode), Url(c.Modele)) { Content = Corps(c.Methode, c.Modele) });
            var code = (int)reponse.StatusCode;
            if (code >= 500 || (c.Attendu == "ok" && code is 401 or 403))
                echecs.Add($"{c.Methode} {c.Modele} par {c.Appelant} : permis, reçu {code}");
        }
        Assert.True(echecs.Count == 0, string.Join("\n", echecs));
    }

    [Fact]
    public async Task Un_appelant_refuse_n_apprend_pas_ce_que_sa_requete_avait_de_faux()
    {
        var scenario = await Scenario.PreparerAsync(this);
        var d = scenario.Dossier;
        var inconnu = Guid.NewGuid();
        var ficheInvalide = new { titre = " ", description = "", dateDebut = "2021-03-01", enCours = true, enjeux = new[] { "pas un code" } };
        var evaluationInvalide = new { notes = (object?)null, commentaire = new string('x', 100_000), soumise = true };
        // Each request is wrong in a way validation names: the caller who may touch the dossier is told so (400),
        // the others get the refusal they get for any request on it, and nothing else.
        var cas = new (HttpClient Client, string Methode, string Url, object? Corps, int Attendu)[]
        {
            (scenario.Proprietaire, "POST", $"/api/v1/candidatures/{d}/fiches", ficheInvalide, 400),
            (scenario.AutreCollectivite, "POST", $"/api/v1/candidatures/{d}/fiches", ficheInvalide, 404),
            (scenario.AutreCollectivite, "POST", $"/api/v1/candidatures/{inconnu}/fiches", ficheInvalide, 404),
            (scenario.Proprietaire, "PUT", $"/api/v1/candidatures/{d}/fiches/{scenario.Fiche}", ficheInvalide, 400),
            (scenario.AutreCollectivite, "PUT", $"/api/v1/candidatures/{d}/fiches/{scenario.Fiche}", ficheInvalide, 404),
            (scenario.Proprietaire, "GET", $"/api/v1/candidatures/{d}/fiches?pageSize=100000", null, 400),
            (scenario.AutreCollectivite, "GET", $"/api/v1/candidatures/{d}/fiches?pageSize=100000", null, 404),
            (scenario.JureLibre, "GET", $"/api/v1/candidatures/{d}/fiches?pageSize=100000", null, 404),
            (scenario.JureAssigne, "GET", $"/api/v1/candidatures/{inconnu}/fiches?pageSize=100000", null, 404),
            (scenario.JureAssigne, "PUT", $"/api/v1/candidatures/{d}/evaluations/moi", evaluationInvalide, 400),
            (scenario.JureLibre, "PUT", $"/api/v1/candidatures/{d}/evaluations/moi", evaluationInvalide, 403),
            (scenario.JureEnConflit, "PUT", $"/api/v1/candidatures/{d}/evaluations/moi", evaluationInvalide, 403),
            (scenario.JureAssigne, "PUT", $"/api/v1/candidatures/{inconnu}/evaluations/moi", evaluationInvalide, 403),
            (scenario.Admin, "PUT", $"/api/v1/candidatures/{d}/decision", new { arobases = 9 }, 400),
            (scenario.Admin, "PUT", $"/api/v1/candidatures/{inconnu}/decision", new { arobases = 9 }, 404),
            (scenario.Admin, "GET", $"/api/v1/candidatures/{d}/evaluations/historique?page=0", null, 400),
            (scenario.Admin, "GET", $"/api/v1/candidatures/{inconnu}/evaluations/historique?page=0", null, 404),
            (scenario.Proprietaire, "GET", $"/api/v1/collectivites/{scenario.Arras}/candidatures?pageSize=100000", null, 400),
            (scenario.AutreCollectivite, "GET", $"/api/v1/collectivites/{scenario.Arras}/candidatures?pageSize=100000", null, 404),
            (scenario.Admin, "POST", "/api/v1/editions/2022/candidatures", new { collectiviteId = Guid.Empty }, 400),
            (scenario.AutreCollectivite, "POST", "/api/v1/editions/2022/candidatures", new { collectiviteId = Guid.Empty }, 403),
        };
        var avant = await EmpreinteAsync();
        var echecs = new List<string>();
        foreach (var c in cas)
        {
            var reponse = await c.Client.SendAsync(new HttpRequestMessage(new HttpMethod(c.Methode), c.Url)
                { Content = c.Corps is null ? null : JsonContent.Create(c.Corps) });
            var texte = await reponse.Content.ReadAsStringAsync();
            if ((int)reponse.StatusCode != c.Attendu || (c.Attendu != 400 && texte.Contains("\"errors\"", StringComparison.Ordinal)))
                echecs.Add($"{c.Methode} {c.Url} : attendu {c.Attendu}, reçu {(int)reponse.StatusCode} {texte}");
        }
        Assert.True(echecs.Count == 0, string.Join("\n", echecs));
        Assert.Equal(avant, await EmpreinteAsync());
    }

    private static async Task<(int Statut, string? Detail)> RefusAsync(HttpClient client, string methode, string url, HttpContent? corps)
    {
        var reponse = await client.SendAsync(new HttpRequestMessage(new HttpMethod(methode), url) { Content = corps });
        var texte = await reponse.Content.ReadAsStringAsync();
        var detail = reponse.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? System.Text.Json.Nodes.JsonNode.Parse(texte)?["detail"]?.GetValue<string>() : null;
        return ((int)reponse.StatusCode, detail);
    }

    /// <summary>A digest of every row a write could touch (the audit journal and run records aside).</summary>
    private async Task<string> EmpreinteAsync()
    {
        await using var connexion = new NpgsqlConnection(Factory.ChaineDeConnexion);
        await connexion.OpenAsync();
        var tables = new[] { "collectivites", "editions", "candidatures", "fiches_actions", "distinctions", "membres_jury", "affectations",
            "evaluations", "palmares_versions", "laureats", "\"AspNetUsers\"", "\"AspNetUserRoles\"" };
        var sb = new StringBuilder();
        foreach (var table in tables)
        {
            await using var commande = new NpgsqlCommand(
                $"SELECT coalesce(md5(string_agg(to_jsonb(t)::text, '|' ORDER BY to_jsonb(t)::text)), '') FROM {table} t", connexion);
            sb.Append(table).Append('=').Append(await commande.ExecuteScalarAsync()).Append(';');
        }
        return sb.ToString();
    }
}
