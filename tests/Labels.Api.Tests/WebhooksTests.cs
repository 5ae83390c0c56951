using System.Net.Http.Headers;
using System.Security.Cryptography;
using Labels.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Labels.Api.Tests;

/// <summary>
/// Webhooks from a portal's side: a real receiver on the loopback, the API's own worker delivering from the outbox in PostgreSQL,
/// signatures checked with Standard Webhooks' algorithm, time moved by the clock the API reads.
/// </summary>
public sealed class WebhooksTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private const string Abonnements = "/api/v1/webhooks/abonnements";

    /// <summary>An instance that delivers, with the loopback allowed as a target and this clock.</summary>
    private WebApplicationFactory<Program> Livreur(TimeProvider? horloge = null, bool livrer = true, string permises = "127.0.0.1") => Factory.WithWebHostBuilder(b =>
    {
        b.UseSetting("Webhooks:Livrer", livrer ? "true" : "false");
        b.UseSetting("Webhooks:CiblesPermises:0", permises);
        b.UseSetting("Webhooks:DelaiDeReponse", "00:00:02");
        b.UseSetting("Webhooks:Intervalle", "00:00:00.1");
        if (horloge is not null) b.ConfigureServices(s => s.AddSingleton(horloge));
    });

    private static HttpClient Comme(WebApplicationFactory<Program> instance, HttpClient connecte)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = connecte.DefaultRequestHeaders.Authorization;
        return client;
    }

    private async Task<(Guid Id, string Secret)> AbonnerAsync(HttpClient admin, string url, params string[] types)
    {
        var reponse = await admin.PostAsJsonAsync(Abonnements, new { url, types, description = "Portail de test" });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        var corps = await LireAsync(reponse);
        return (corps["abonnement"]!["id"]!.GetValue<Guid>(), corps["secret"]!.GetValue<string>());
    }

    /// <summary>Standard Webhooks 1.0, by hand: base64 of HMAC-SHA256, keyed by the secret's bytes, of « id.timestamp.body ».</summary>
    private static string Signature(string secret, string id, string timestamp, string corps) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]), Encoding.UTF8.GetBytes($"{id}.{timestamp}.{corps}")));

    private static void Signee(Recue recue, string secret) =>
        Assert.Contains(Signature(secret, recue.Id, recue.Timestamp, recue.Corps), recue.Signature.Split(' '));

    /// <summary>
    /// Checks a delivery against its event's schema in the served document (its <c>webhooks</c> section names one per event), as a
    /// receiver generated from the document would read it.
    /// </summary>
    private async Task ConformeAuDocumentAsync(Recue recue)
    {
        var document = JsonNode.Parse(await Anonyme().GetStringAsync("/swagger/v1/swagger.json"))!;
        var type = recue.Json["type"]!.GetValue<string>();
        var reference = document["webhooks"]![type]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>();
        var schema = document["components"]!["schemas"]![reference.Split('/')[^1]]!.DeepClone().AsObject();
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        var resultat = global::Json.Schema.JsonSchema.FromText(schema.ToJsonString(), new global::Json.Schema.BuildOptions { SchemaRegistry = new global::Json.Schema.SchemaRegistry() })
            .Evaluate(System.Text.Json.JsonDocument.Parse(recue.Corps).RootElement, new global::Json.Schema.EvaluationOptions { OutputFormat = global::Json.Schema.OutputFormat.List });
        Assert.True(resultat.IsValid, $"{type} : {recue.Corps}");
        // The schema says what the event always carries, and cannot pass anything: without its data, refused.
        var sansDonnees = recue.Json;
        sansDonnees.Remove("data");
        Assert.False(global::Json.Schema.JsonSchema.FromText(schema.ToJsonString(), new global::Json.Schema.BuildOptions { SchemaRegistry = new global::Json.Schema.SchemaRegistry() })
            .Evaluate(System.Text.Json.JsonDocument.Parse(sansDonnees.ToJsonString()).RootElement).IsValid);
    }

    /// <summary>Waits until the worker has recorded this many attempts: the clock is moved only once an outcome is written.</summary>
    private async Task TentativesNoteesAsync(int nombre)
    {
        for (var i = 0; i < 100 && await Factory.DansLaBaseAsync(db => db.TentativesLivraison.CountAsync(t => !t.EnCours)) < nombre; i++)
            await Task.Delay(50);
        Assert.Equal(nombre, await Factory.DansLaBaseAsync(db => db.TentativesLivraison.CountAsync(t => !t.EnCours)));
    }

    /// <summary>
    /// An event to a subscription of <c>edition.statut</c>: the édition 2022 one step further along its lifecycle (a ping is
    /// tried once, an event is retried on the schedule).
    /// </summary>
    private async Task StatutSuivantAsync(HttpClient admin)
    {
        var edition = await admin.GetAsync("/api/v1/editions/2022");
        if (edition.StatusCode == HttpStatusCode.NotFound) await EditionAsync(admin, 2022);
        var actuel = edition.StatusCode == HttpStatusCode.NotFound ? "preparation" : (await LireAsync(edition))["statut"]!.GetValue<string>();
        var suivant = actuel switch { "preparation" => "candidatures", "candidatures" => "evaluation", _ => "deliberation" };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut = suivant })).StatusCode);
    }

    [Fact]
    public void La_signature_est_celle_des_exemples_de_la_specification()
    {
        // The example of the Standard Webhooks specification (and of its reference libraries' tests).
        const string secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        const string corps = """{"test": 2432232314}""";
        var signature = EnvoiWebhook.Signer([secret], "msg_p5jXN8AQM9LWM0D4loKWxJek", DateTimeOffset.FromUnixTimeSeconds(1614265330), corps);
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", signature);
        Assert.Equal(signature, Signature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", corps));
        // Two secrets in force (a rotation): two signatures, space-separated, the current one first.
        var deux = EnvoiWebhook.Signer([secret, "whsec_" + Convert.ToBase64String(new byte[32])], "msg_1", DateTimeOffset.FromUnixTimeSeconds(1), "{}");
        Assert.Equal(2, deux.Split(' ').Length);
        Assert.All(deux.Split(' '), s => Assert.StartsWith("v1,", s));
    }

    [Fact]
    public async Task Un_abonnement_se_cree_se_lit_se_modifie_se_renouvelle_et_se_supprime_par_qui_en_a_le_droit()
    {
        var admin = await AdminAsync();
        await this.EditionAsync(admin, 2022);
        await using var instance = Livreur(livrer: false);
        var gestion = Comme(instance, admin);

        var cree = await gestion.PostAsJsonAsync(Abonnements, new { url = "http://127.0.0.1:9/hook", types = new[] { "palmares.publie" }, edition = 2022 });
        Assert.Equal(HttpStatusCode.Created, cree.StatusCode);
        var corps = await LireAsync(cree);
        var id = corps["abonnement"]!["id"]!.GetValue<Guid>();
        Assert.Equal($"{Abonnements}/{id}", cree.Headers.Location!.OriginalString);
        var secret = corps["secret"]!.GetValue<string>();
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret[6..]).Length);
        // Never again: not in a read, not in a list, not in the database in clear.
        var lu = await gestion.GetStringAsync($"{Abonnements}/{id}");
        Assert.DoesNotContain(secret[6..], lu);
        Assert.DoesNotContain(secret[6..], await gestion.GetStringAsync(Abonnements));
        var protege = await Factory.DansLaBaseAsync(db => db.Abonnements.Select(a => a.SecretProtege).SingleAsync());
        Assert.DoesNotContain(secret[6..], protege);
        Assert.Equal("actif", JsonNode.Parse(lu)!["etat"]!.GetValue<string>());

        var pause = await gestion.PutAsJsonAsync($"{Abonnements}/{id}", new { url = "http://127.0.0.1:9/hook", types = new[] { "palmares.publie", "edition.statut" },
            edition = (int?)null, description = "En pause", actif = false });
        Assert.Equal(HttpStatusCode.OK, pause.StatusCode);
        var modifie = await LireAsync(pause);
        Assert.Equal("enPause", modifie["etat"]!.GetValue<string>());
        Assert.Equal(["edition.statut", "palmares.publie"], modifie["types"]!.AsArray().Select(t => t!.GetValue<string>()));

        var renouvele = await LireAsync(await gestion.PostAsync($"{Abonnements}/{id}/secret", null));
        Assert.NotEqual(secret, renouvele["secret"]!.GetValue<string>());
        var recouvrement = renouvele["abonnement"]!["ancienSecretExpireLe"]!.GetValue<DateTimeOffset>() - DateTimeOffset.UtcNow;
        Assert.InRange(recouvrement, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));
        // A second rotation during the overlap would stop the secret receivers hold at once: refused, the first one kept.
        var encore = await ProblemeAsync(await gestion.PostAsync($"{Abonnements}/{id}/secret", null), HttpStatusCode.Conflict);
        Assert.Contains("rotation est en cours", encore["detail"]!.GetValue<string>());

        // Refused, naming the field: what no receiver can be, an unknown event, an édition that does not exist.
        foreach (var (saisie, champ) in new (object, string)[]
                 {
                     (new { url = "https://10.1.2.3/hook", types = new[] { "palmares.publie" } }, "url"),
                     (new { url = "https://169.254.169.254/latest/meta-data", types = new[] { "palmares.publie" } }, "url"),
                     (new { url = "https://[::1]/hook", types = new[] { "palmares.publie" } }, "url"),
                     // IPv6 forms carrying an IPv4 address: NAT64 of the metadata service and of a private address, 6to4, compatible.
                     (new { url = "https://[64:ff9b::a9fe:a9fe]/hook", types = new[] { "palmares.publie" } }, "url"),
                     (new { url = "https://[64:ff9b::a00:5]/hook", types = new[] { "palmares.publie" } }, "url"),
                     (new { url = "https://[2002:a9fe:a9fe::]/hook", types = new[] { "palmares.publie" } }, "url"),
                     (new { url = "https://[::127.0.0.2]/hook", types = new[] { "palmares.publie" } }, "url"),
                     // Reserved IPv6 (benchmarking, documentation), and a URL a parser would mend: refused as written.
                     (new { url = "https://[2001:2::1]/hook", types = new[] { "palmares.publie" } }, "url"),
                     (new { url = "https://[3fff::1]/hook", types = new[] { "palmares.publie" } }, "url"),
                     (new { url = "http:/\\127.0.0.1:9/hook", types = new[] { "palmares.publie" } }, "url"),
                     // What a parser would mend into another URL: a broken escape, an empty port, a port with a leading zero.
                     (new { url = "http://127.0.0.1:9/%zz", types = new[] { "palmares.publie" } }, "url"),
                     (new { url = "http://127.0.0.1:/hook", types = new[] { "palmares.publie" } }, "url"),
                     (new { url = "http://127.0.0.1:09/hook", types = new[] { "palmares.publie" } }, "url"),
                     (new { url = "https://93.184.215.14/hook ", types = new[] { "palmares.publie" } }, "url"),
                     (new { url = "https://93.184.215.14:0/hook", types = new[] { "palmares.publie" } }, "url"),
                     (new { url = "http://93.184.215.14/hook", types = new[] { "palmares.publie" } }, "url"),
                     (new { url = "ftp://portail.example/hook", types = new[] { "palmares.publie" } }, "url"),
                     (new { url = "https://user:pass@portail.example/hook", types = new[] { "palmares.publie" } }, "url"),
                     (new { url = "https://93.184.215.14/hook", types = new[] { "palmares.inconnu" } }, "types"),
                     (new { url = "https://93.184.215.14/hook", types = Array.Empty<string>() }, "types"),
                     (new { url = "https://93.184.215.14/hook", types = new[] { "ping" } }, "types"),
                     (new { url = "https://93.184.215.14/hook", types = new[] { "palmares.publie" }, edition = 2030 }, "edition"),
                 })
        {
            var refus = await ProblemeAsync(await gestion.PostAsJsonAsync(Abonnements, saisie), HttpStatusCode.BadRequest);
            Assert.True(refus["errors"]!.AsObject().ContainsKey(champ), $"{saisie} : {refus}");
        }
        Assert.Equal(1, await Factory.DansLaBaseAsync(db => db.Abonnements.CountAsync()));

        // Who may: an admin, or a token with webhooks:write; not another token, not a collectivité, not anonymous.
        var jeton = async (string scope) =>
        {
            var j = await LireAsync(await admin.PostAsJsonAsync("/api/v1/jetons", new { nom = scope, scopes = new[] { scope }, expireLe = DateTimeOffset.UtcNow.AddDays(1) }));
            var client = instance.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", j["secret"]!.GetValue<string>());
            return client;
        };
        Assert.Equal(HttpStatusCode.OK, (await (await jeton("webhooks:write")).GetAsync(Abonnements)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await jeton("audit:read")).GetAsync(Abonnements)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await instance.CreateClient().GetAsync(Abonnements)).StatusCode);
        var collectivite = Comme(instance, await CompteAsync("collectivite", await CollectiviteAsync(admin, "62041")));
        Assert.Equal(HttpStatusCode.Forbidden, (await collectivite.GetAsync($"{Abonnements}/{id}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await gestion.DeleteAsync($"{Abonnements}/{id}")).StatusCode);
        await ProblemeAsync(await gestion.GetAsync($"{Abonnements}/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Une_publication_envoie_un_seul_palmares_publie_signe_dont_les_liens_menent_a_la_release()
    {
        var admin = await AdminAsync();
        await using var recepteur = await RecepteurWebhooks.DemarrerAsync();
        await using var instance = Livreur();
        var gestion = Comme(instance, admin);
        var (_, secret) = await AbonnerAsync(gestion, recepteur.Url, "palmares.publie");
        await this.PreparerHistoriqueAsync(admin, 2021, new Resultat("62041", 3));

        Assert.Equal(HttpStatusCode.Created, (await Historiques.PublierAsync(gestion, 2021)).StatusCode);
        var recue = Assert.Single(await recepteur.AttendreAsync(1));
        // With the specification's own library, as a receiver would check it (timestamp within its tolerance too).
        var entetes = new HeaderDictionary { ["webhook-id"] = recue.Id, ["webhook-timestamp"] = recue.Timestamp, ["webhook-signature"] = recue.Signature };
        new StandardWebhooks.StandardWebhook(secret).Verify(recue.Corps, entetes);
        Signee(recue, secret);

        var corps = recue.Json;
        Assert.Equal("palmares.publie", corps["type"]!.GetValue<string>());
        await ConformeAuDocumentAsync(recue);
        var donnees = corps["data"]!;
        Assert.Equal(recue.Id, donnees["id"]!.GetValue<string>());
        Assert.Equal(2021, donnees["edition"]!.GetValue<int>());
        Assert.Equal(1, donnees["version"]!.GetValue<int>());
        // Instants as the API writes them everywhere: UTC, with a Z.
        Assert.EndsWith("Z", corps["timestamp"]!.GetValue<string>());
        Assert.EndsWith("Z", donnees["publieLe"]!.GetValue<string>());
        // Thin: where to read the results, not the results.
        Assert.DoesNotContain("62041", recue.Corps);
        var palmares = await Anonyme().GetAsync(donnees["liens"]!["palmares"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, palmares.StatusCode);
        Assert.Equal(donnees["etag"]!.GetValue<string>(), palmares.Headers.ETag!.Tag);
        foreach (var lien in new[] { "palmaresCsv", "dernierPalmares", "versions", "chiffresCles", "edition" })
            Assert.Equal(HttpStatusCode.OK, (await Anonyme().GetAsync(donnees["liens"]![lien]!.GetValue<string>())).StatusCode);

        // One event, one delivery: nothing more comes, and the edition.statut it did not ask for is not sent.
        await Task.Delay(1000);
        Assert.Single(recepteur.Recues);
        var livraison = await Factory.DansLaBaseAsync(db => db.Livraisons.SingleAsync());
        Assert.Equal(Domain.Webhooks.EtatLivraison.Livree, livraison.Etat);
        Assert.Equal(2, await Factory.DansLaBaseAsync(db => db.Evenements.CountAsync()));

        // A correction: version 2, told to whoever asked for corrections, with how many laureates its change log lists.
        Assert.Equal(HttpStatusCode.OK, (await gestion.PutAsJsonAsync($"{Abonnements}/{livraison.AbonnementId}",
            new { url = recepteur.Url, types = new[] { "palmares.publie", "palmares.corrige" }, actif = true })).StatusCode);
        var candidature = await Factory.DansLaBaseAsync(db => db.Candidatures.Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await gestion.PutAsJsonAsync($"/api/v1/candidatures/{candidature}/decision",
            new { arobases = 4, justification = "Erreur de saisie corrigée." })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Historiques.PublierAsync(gestion, 2021)).StatusCode);
        var correction = (await recepteur.AttendreAsync(2))[1];
        Signee(correction, secret);
        await ConformeAuDocumentAsync(correction);
        Assert.Equal("palmares.corrige", correction.Json["type"]!.GetValue<string>());
        Assert.NotEqual(recue.Id, correction.Id);
        var corrigee = correction.Json["data"]!;
        Assert.Equal(2, corrigee["version"]!.GetValue<int>());
        Assert.Equal(1, corrigee["changements"]!.GetValue<int>());
        var v2 = await Anonyme().GetAsync(corrigee["liens"]!["palmares"]!.GetValue<string>());
        Assert.Equal(corrigee["etag"]!.GetValue<string>(), v2.Headers.ETag!.Tag);
        var versions = await LireAsync(await Anonyme().GetAsync(corrigee["liens"]!["versions"]!.GetValue<string>()));
        Assert.Equal(2, versions["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Une_release_sous_embargo_ne_part_qu_a_son_instant()
    {
        var admin = await AdminAsync();
        await using var recepteur = await RecepteurWebhooks.DemarrerAsync();
        var horloge = new HorlogeReglable();
        await using var instance = Livreur(horloge);
        var gestion = Comme(instance, admin);
        var (_, secret) = await AbonnerAsync(gestion, recepteur.Url, "palmares.publie", "edition.statut");
        await this.PreparerHistoriqueAsync(admin, 2021, new Resultat("62041", 3));
        var instant = DateTimeOffset.UtcNow.AddHours(1);

        Assert.Equal(HttpStatusCode.Created, (await Historiques.PublierAsync(gestion, 2021, instant)).StatusCode);
        await Task.Delay(1500);
        Assert.Empty(recepteur.Recues);

        horloge.Avancer(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(2));
        var recues = await recepteur.AttendreAsync(2);
        Assert.Equal(2, recues.Length);
        var publie = Assert.Single(recues, r => r.Json["type"]!.GetValue<string>() == "palmares.publie");
        Signee(publie, secret);
        Assert.Equal(instant.ToUnixTimeSeconds(), publie.Json["timestamp"]!.GetValue<DateTimeOffset>().ToUnixTimeSeconds());
        // « publiee » is told at the same instant, after the status readers saw before it.
        var statut = Assert.Single(recues, r => r.Json["type"]!.GetValue<string>() == "edition.statut");
        Assert.Equal("publiee", statut.Json["data"]!["statut"]!.GetValue<string>());
        await ConformeAuDocumentAsync(statut);
        await ConformeAuDocumentAsync(publie);
        Assert.Equal("preparation", statut.Json["data"]!["statutPrecedent"]!.GetValue<string>());
    }

    [Fact]
    public async Task Un_destinataire_en_erreur_est_relance_selon_le_calendrier_et_chaque_tentative_est_listee()
    {
        var admin = await AdminAsync();
        await using var recepteur = await RecepteurWebhooks.DemarrerAsync();
        recepteur.Repondre(500, 500);
        var horloge = new HorlogeReglable();
        await using var instance = Livreur(horloge);
        var gestion = Comme(instance, admin);
        var (id, secret) = await AbonnerAsync(gestion, recepteur.Url, "edition.statut");

        await StatutSuivantAsync(gestion);
        Assert.Single(await recepteur.AttendreAsync(1));
        await TentativesNoteesAsync(1);
        // The second attempt comes 5 s later (± a fifth), the third 5 min after that.
        horloge.Avancer(TimeSpan.FromSeconds(7));
        Assert.Equal(2, (await recepteur.AttendreAsync(2)).Length);
        await TentativesNoteesAsync(2);
        await Task.Delay(500);
        Assert.Equal(2, recepteur.Recues.Count);
        horloge.Avancer(TimeSpan.FromMinutes(7));
        var recues = await recepteur.AttendreAsync(3);
        Assert.Equal(3, recues.Length);
        // One event: one id for every attempt, each signed.
        Assert.Single(recues.Select(r => r.Id).Distinct());
        Assert.All(recues, r => Signee(r, secret));
        Assert.Equal("edition.statut", recues[0].Json["type"]!.GetValue<string>());

        JsonArray tentatives = [];
        for (var i = 0; i < 50 && tentatives.Count < 3; i++, await Task.Delay(100))
            tentatives = (await LireAsync(await gestion.GetAsync($"{Abonnements}/{id}/tentatives")))["items"]!.AsArray();
        Assert.Equal([200, 500, 500], tentatives.Select(t => t!["statutHttp"]!.GetValue<int>()));
        Assert.Equal([3, 2, 1], tentatives.Select(t => t!["numero"]!.GetValue<int>()));
        Assert.Null(tentatives[0]!["prochaineTentative"]);
        Assert.NotNull(tentatives[1]!["prochaineTentative"]);
        Assert.All(tentatives, t => Assert.True(t!["latenceMs"]!.GetValue<int>() >= 0));
        var livraison = (await LireAsync(await gestion.GetAsync($"{Abonnements}/{id}/livraisons")))["items"]!.AsArray().Single()!;
        Assert.Equal("livree", livraison["etat"]!.GetValue<string>());
        Assert.Equal(3, livraison["tentatives"]!.GetValue<int>());

        // Sent again by hand once delivered (pending, it is on its way already: 409), the same id once more, as the fourth attempt;
        // asked several times at once, it is sent again once, and the others are told so.
        var renvois = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => gestion.PostAsync($"{Abonnements}/{id}/livraisons/{livraison["id"]}/renvoi", null)));
        Assert.Single(renvois, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.All(renvois.Where(r => r.StatusCode != HttpStatusCode.Accepted),
            r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed }));
        Assert.Equal(recues[0].Id, (await recepteur.AttendreAsync(4))[3].Id);
        await TentativesNoteesAsync(4);
        Assert.Equal(4, (await LireAsync(await gestion.GetAsync($"{Abonnements}/{id}/tentatives")))["items"]![0]!["numero"]!.GetValue<int>());
    }

    [Fact]
    public async Task Un_jour_d_echecs_ou_un_410_desactive_l_abonnement()
    {
        var admin = await AdminAsync();
        await using var recepteur = await RecepteurWebhooks.DemarrerAsync();
        recepteur.Repondre(500, 500);
        var horloge = new HorlogeReglable();
        await using var instance = Livreur(horloge);
        HttpClient gestion = Comme(instance, admin);
        var (id, _) = await AbonnerAsync(gestion, recepteur.Url, "edition.statut");
        await StatutSuivantAsync(gestion);
        Assert.Single(await recepteur.AttendreAsync(1));
        await TentativesNoteesAsync(1);
        horloge.Avancer(TimeSpan.FromHours(25));
        // Read and changed from here on through an instance on the real clock: a day later, the session on the other has expired.
        await using var aLHeure = Livreur(livrer: false);
        gestion = Comme(aLHeure, admin);
        Assert.Equal(2, (await recepteur.AttendreAsync(2)).Length);
        JsonObject abonnement = [];
        for (var i = 0; i < 50 && abonnement["etat"]?.GetValue<string>() != "desactive"; i++, await Task.Delay(100))
            abonnement = await LireAsync(await gestion.GetAsync($"{Abonnements}/{id}"));
        Assert.Equal("desactive", abonnement["etat"]!.GetValue<string>());
        Assert.Contains("un jour", abonnement["raisonDesactivation"]!.GetValue<string>());
        // Nothing more until it is enabled again.
        horloge.Avancer(TimeSpan.FromHours(10));
        await Task.Delay(800);
        Assert.Equal(2, recepteur.Recues.Count);

        // Enabled again; the receiver answers 410: unsubscribed.
        recepteur.Recues.Clear();
        recepteur.Repondre(410);
        Assert.Equal(HttpStatusCode.OK, (await gestion.PutAsJsonAsync($"{Abonnements}/{id}",
            new { url = recepteur.Url, types = new[] { "edition.statut" }, actif = true })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await gestion.PostAsync($"{Abonnements}/{id}/test", null)).StatusCode);
        Assert.Single(await recepteur.AttendreAsync(1));
        abonnement = [];
        for (var i = 0; i < 50 && abonnement["etat"]?.GetValue<string>() != "desactive"; i++, await Task.Delay(100))
            abonnement = await LireAsync(await gestion.GetAsync($"{Abonnements}/{id}"));
        Assert.Contains("410", abonnement["raisonDesactivation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Une_publication_annulee_n_envoie_rien()
    {
        var admin = await AdminAsync();
        await using var recepteur = await RecepteurWebhooks.DemarrerAsync();
        await using var instance = Livreur();
        var gestion = Comme(instance, admin);
        await AbonnerAsync(gestion, recepteur.Url, "palmares.publie", "edition.statut");
        await this.PreparerHistoriqueAsync(admin, 2021, new Resultat("62041", 3));
        // The release's row is refused by the database at the end of the transaction that also wrote the events.
        await using (var connexion = new NpgsqlConnection(Factory.ChaineDeConnexion))
        {
            await connexion.OpenAsync();
            await using var commande = new NpgsqlCommand("""
                CREATE FUNCTION refuser_release() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refusée pour le test'; END $$;
                CREATE TRIGGER refuser_release BEFORE INSERT ON palmares_versions FOR EACH ROW EXECUTE FUNCTION refuser_release();
                """, connexion);
            await commande.ExecuteNonQueryAsync();
        }
        try
        {
            Assert.False((await Historiques.PublierAsync(gestion, 2021)).IsSuccessStatusCode);
        }
        finally
        {
            await using var connexion = new NpgsqlConnection(Factory.ChaineDeConnexion);
            await connexion.OpenAsync();
            await using var commande = new NpgsqlCommand("DROP TRIGGER refuser_release ON palmares_versions; DROP FUNCTION refuser_release();", connexion);
            await commande.ExecuteNonQueryAsync();
        }
        await Task.Delay(1500);
        Assert.Empty(recepteur.Recues);
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Evenements.CountAsync()));
    }

    [Fact]
    public async Task Un_evenement_ecrit_par_une_instance_arretee_avant_de_livrer_part_au_redemarrage()
    {
        var admin = await AdminAsync();
        await using var recepteur = await RecepteurWebhooks.DemarrerAsync();
        await this.PreparerHistoriqueAsync(admin, 2021, new Resultat("62041", 3));
        await using (var arretee = Livreur(livrer: false))
        {
            var gestion = Comme(arretee, admin);
            await AbonnerAsync(gestion, recepteur.Url, "palmares.publie");
            Assert.Equal(HttpStatusCode.Created, (await Historiques.PublierAsync(gestion, 2021)).StatusCode);
        }
        await Task.Delay(500);
        Assert.Empty(recepteur.Recues);
        await using var redemarree = Livreur();
        _ = redemarree.Server;
        var recue = Assert.Single(await recepteur.AttendreAsync(1));
        Assert.Equal("palmares.publie", recue.Json["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deux_instances_livrent_chaque_evenement_une_fois_entre_elles()
    {
        var admin = await AdminAsync();
        await using var recepteur = await RecepteurWebhooks.DemarrerAsync();
        await using var une = Livreur();
        await using var autre = Livreur();
        var gestion = Comme(une, admin);
        _ = autre.Server;
        var (id, _) = await AbonnerAsync(gestion, recepteur.Url, "palmares.publie");
        var deuxieme = await AbonnerAsync(Comme(autre, admin), recepteur.Url, "palmares.publie");
        const int pings = 30;
        // Written on both instances at once: each wakes its own worker, both read the same outbox.
        await Task.WhenAll(Enumerable.Range(0, pings).Select(i =>
            (i % 2 == 0 ? gestion : Comme(autre, admin)).PostAsync($"{Abonnements}/{(i % 4 < 2 ? id : deuxieme.Id)}/test", null)));
        await this.PreparerHistoriqueAsync(admin, 2021, new Resultat("62041", 3));
        Assert.Equal(HttpStatusCode.Created, (await Historiques.PublierAsync(gestion, 2021)).StatusCode);

        // 30 pings, and the publication to each of the two subscriptions.
        var recues = await recepteur.AttendreAsync(pings + 2);
        await Task.Delay(1000);
        Assert.Equal(pings + 2, recepteur.Recues.Count);
        Assert.Equal(pings + 1, recepteur.Recues.Select(r => r.Id).Distinct().Count());
        Assert.Equal(pings + 2, await Factory.DansLaBaseAsync(db => db.TentativesLivraison.CountAsync()));
    }

    [Fact]
    public async Task Un_destinataire_lent_bavard_ou_qui_redirige_ne_retient_pas_le_livreur_et_la_rotation_signe_deux_fois()
    {
        var admin = await AdminAsync();
        await using var recepteur = await RecepteurWebhooks.DemarrerAsync();
        recepteur.Repondre(RecepteurWebhooks.Muet, 302, RecepteurWebhooks.Bavard);
        var horloge = new HorlogeReglable();
        await using var instance = Livreur(horloge);
        var gestion = Comme(instance, admin);
        var (id, ancien) = await AbonnerAsync(gestion, recepteur.Url, "edition.statut");
        var nouveau = (await LireAsync(await gestion.PostAsync($"{Abonnements}/{id}/secret", null)))["secret"]!.GetValue<string>();

        await StatutSuivantAsync(gestion);
        var premiere = Assert.Single(await recepteur.AttendreAsync(1));
        // Within the overlap, signed with both secrets: a receiver with either accepts it.
        Assert.Equal(2, premiere.Signature.Split(' ').Length);
        Signee(premiere, ancien);
        Signee(premiere, nouveau);
        await TentativesNoteesAsync(1);
        horloge.Avancer(TimeSpan.FromSeconds(7));
        await recepteur.AttendreAsync(2);
        await TentativesNoteesAsync(2);
        horloge.Avancer(TimeSpan.FromMinutes(7));
        await recepteur.AttendreAsync(3);
        await TentativesNoteesAsync(3);

        var tentatives = (await LireAsync(await gestion.GetAsync($"{Abonnements}/{id}/tentatives")))["items"]!.AsArray().Reverse().ToArray();
        // Silent: given up at the timeout (2 s here), not held for the minute the receiver would take.
        Assert.Null(tentatives[0]!["statutHttp"]);
        Assert.Contains("Pas de réponse", tentatives[0]!["erreur"]!.GetValue<string>());
        Assert.InRange(tentatives[0]!["latenceMs"]!.GetValue<int>(), 1_900, 5_000);
        // A redirect is an answer, not a way elsewhere.
        Assert.Equal(302, tentatives[1]!["statutHttp"]!.GetValue<int>());
        Assert.Equal(0, recepteur.Ailleurs);
        // A megabyte answered: a kilobyte of it is read and kept.
        Assert.Equal(200, tentatives[2]!["statutHttp"]!.GetValue<int>());
        Assert.Equal(1024, tentatives[2]!["extraitReponse"]!.GetValue<string>().Length);

        // After the overlap, the new secret alone.
        horloge.Avancer(TimeSpan.FromHours(25));
        await using var aLHeure = Livreur(livrer: false);
        Assert.Equal(HttpStatusCode.Accepted, (await Comme(aLHeure, admin).PostAsync($"{Abonnements}/{id}/test", null)).StatusCode);
        var apres = (await recepteur.AttendreAsync(4))[3];
        Assert.Single(apres.Signature.Split(' '));
        Signee(apres, nouveau);
    }

    [Fact]
    public async Task Une_adresse_refusee_l_est_encore_a_la_connexion_et_les_evenements_anciens_sont_purges()
    {
        var admin = await AdminAsync();
        await using var recepteur = await RecepteurWebhooks.DemarrerAsync();
        await using var permissive = Livreur(livrer: false);
        var (id, _) = await AbonnerAsync(Comme(permissive, admin), recepteur.Url, "palmares.publie");
        // An instance whose configuration no longer allows the loopback: the delivery's connection is refused, whatever the
        // subscription said when it was written.
        var horloge = new HorlogeReglable();
        await using var stricte = Livreur(horloge, permises: "192.0.2.1");
        Assert.Equal(HttpStatusCode.Accepted, (await Comme(stricte, admin).PostAsync($"{Abonnements}/{id}/test", null)).StatusCode);
        await TentativesNoteesAsync(1);
        var tentative = await Factory.DansLaBaseAsync(db => db.TentativesLivraison.SingleAsync());
        Assert.Null(tentative.StatutHttp);
        Assert.Contains("Adresse refusée", tentative.Erreur);
        Assert.Empty(recepteur.Recues);

        // Kept a stated period (Evenement.Conservation), then gone with its deliveries and attempts.
        Assert.Equal(1, await Factory.DansLaBaseAsync(db => db.Evenements.CountAsync()));
        horloge.Avancer(Domain.Webhooks.Evenement.Conservation + TimeSpan.FromDays(2));
        // Its retry fails again and ends a day of failures: the subscription is disabled, the delivery given up; the next hourly
        // purge takes the event.
        for (var i = 0; i < 100 && await Factory.DansLaBaseAsync(db => db.Livraisons.CountAsync(l => l.Etat == Domain.Webhooks.EtatLivraison.EnAttente)) > 0; i++)
            await Task.Delay(50);
        horloge.Avancer(TimeSpan.FromHours(2));
        for (var i = 0; i < 100 && await Factory.DansLaBaseAsync(db => db.Evenements.CountAsync()) > 0; i++) await Task.Delay(50);
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Evenements.CountAsync()));
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.TentativesLivraison.CountAsync()));
    }

    [Fact]
    public async Task Un_destinataire_muet_ne_retarde_pas_les_autres_et_une_pause_abandonne_ce_qui_attendait()
    {
        var admin = await AdminAsync();
        await using var muet = await RecepteurWebhooks.DemarrerAsync();
        muet.Repondre(RecepteurWebhooks.Muet);
        await using var vif = await RecepteurWebhooks.DemarrerAsync();
        vif.Repondre(500);
        var horloge = new HorlogeReglable();
        await using var instance = Livreur(horloge);
        var gestion = Comme(instance, admin);
        var (lent, _) = await AbonnerAsync(gestion, muet.Url, "palmares.publie");
        var (rapide, _) = await AbonnerAsync(gestion, vif.Url, "edition.statut");

        Assert.Equal(HttpStatusCode.Accepted, (await gestion.PostAsync($"{Abonnements}/{lent}/test", null)).StatusCode);
        Assert.Single(await muet.AttendreAsync(1));
        await StatutSuivantAsync(gestion);
        Assert.Single(await vif.AttendreAsync(1));
        // The silent receiver's attempt is still under way (listed, without an answer) while the other one was served.
        var enCours = await Factory.DansLaBaseAsync(db => db.TentativesLivraison.SingleAsync(t => t.AbonnementId == lent));
        Assert.True(enCours.EnCours);
        Assert.Null(enCours.StatutHttp);
        // Sent again while under way: it would be two attempts at once.
        await ProblemeAsync(await gestion.PostAsync($"{Abonnements}/{lent}/livraisons/{enCours.LivraisonId}/renvoi", null), HttpStatusCode.Conflict);

        // The fast one failed (500) and waits for its retry; paused, what waited is given up at once, and nothing more comes.
        for (var i = 0; i < 100 && await Factory.DansLaBaseAsync(db => db.TentativesLivraison.CountAsync(t => t.AbonnementId == rapide && !t.EnCours)) == 0; i++)
            await Task.Delay(50);
        Assert.Equal(HttpStatusCode.OK, (await gestion.PutAsJsonAsync($"{Abonnements}/{rapide}",
            new { url = vif.Url, types = new[] { "edition.statut" }, actif = false })).StatusCode);
        var livraison = (await LireAsync(await gestion.GetAsync($"{Abonnements}/{rapide}/livraisons")))["items"]!.AsArray().Single()!;
        Assert.Equal("abandonnee", livraison["etat"]!.GetValue<string>());
        Assert.Equal(1, livraison["tentatives"]!.GetValue<int>());
        horloge.Avancer(TimeSpan.FromSeconds(10));
        await Task.Delay(800);
        Assert.Single(vif.Recues);

        // Paused during an attempt: the attempt still ends (here at its time limit) and is recorded, on a delivery given up.
        Assert.Equal(HttpStatusCode.OK, (await gestion.PutAsJsonAsync($"{Abonnements}/{lent}",
            new { url = muet.Url, types = new[] { "palmares.publie" }, actif = false })).StatusCode);
        for (var i = 0; i < 100 && await Factory.DansLaBaseAsync(db => db.TentativesLivraison.AnyAsync(t => t.AbonnementId == lent && t.EnCours)); i++)
            await Task.Delay(50);
        var terminee = await Factory.DansLaBaseAsync(db => db.TentativesLivraison.SingleAsync(t => t.AbonnementId == lent));
        Assert.False(terminee.EnCours);
        Assert.Contains("Pas de réponse", terminee.Erreur);
        Assert.Equal(Domain.Webhooks.EtatLivraison.Abandonnee,
            await Factory.DansLaBaseAsync(db => db.Livraisons.Where(l => l.AbonnementId == lent).Select(l => l.Etat).SingleAsync()));
    }

    [Fact]
    public async Task Deux_rotations_simultanees_n_en_font_qu_une()
    {
        var admin = await AdminAsync();
        await using var instance = Livreur(livrer: false);
        var gestion = Comme(instance, admin);
        var (id, _) = await AbonnerAsync(gestion, "http://127.0.0.1:9/hook", "palmares.publie");
        var reponses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => gestion.PostAsync($"{Abonnements}/{id}/secret", null)));
        Assert.Single(reponses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(reponses.Where(r => r.StatusCode != HttpStatusCode.OK),
            r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.PreconditionFailed }));
    }
}
