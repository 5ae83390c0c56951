using System.Diagnostics;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Labels.Api.Tests;

/// <summary>
/// Rule 7 at its edges: an answer asked before a publication never outlives it, the memos of the public reads stay
/// bounded whatever is asked, and an édition never reveals an earlier one still under embargo.
/// </summary>
public sealed class EmbargoTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private static readonly string[] Lectures =
        ["/api/v1/editions/2021/palmares?version=1", "/api/v1/editions/2021/palmares", "/api/v1/editions/2021/palmares.csv", "/api/v1/editions/2021/chiffres-cles"];

    private static async Task<HttpStatusCode[]> StatutsAsync(HttpClient client, IEnumerable<string> urls)
    {
        var statuts = new List<HttpStatusCode>();
        foreach (var url in urls) statuts.Add((await client.GetAsync(url)).StatusCode);
        return [.. statuts];
    }

    /// <summary>Asks until every URL answers 200, for at most <paramref name="delai"/>; returns the last statuses.</summary>
    private static async Task<HttpStatusCode[]> AttendreAsync(HttpClient client, IEnumerable<string> urls, TimeSpan delai)
    {
        var fin = DateTime.UtcNow + delai;
        while (true)
        {
            var statuts = await StatutsAsync(client, urls);
            if (statuts.All(s => s == HttpStatusCode.OK) || DateTime.UtcNow > fin) return statuts;
            await Task.Delay(100);
        }
    }

    private static HttpClient ConnecteSur(WebApplicationFactory<Program> instance, HttpClient admin)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        return client;
    }

    [Fact]
    public async Task Une_release_demandee_avant_sa_publication_est_servie_des_qu_elle_parait_sur_chaque_instance()
    {
        var admin = await AdminAsync();
        await this.PreparerHistoriqueAsync(admin, 2021, new Resultat("62041", 3), new Resultat("57059", 2));
        // A second instance on the same database: its own memos, told nothing of the publication made on the first.
        await using var autre = Factory.WithWebHostBuilder(_ => { });
        var lecteurs = new[] { Anonyme(), admin, autre.CreateClient(), ConnecteSur(autre, admin) };
        foreach (var lecteur in lecteurs)
        {
            Assert.All(await StatutsAsync(lecteur, Lectures), s => Assert.Equal(HttpStatusCode.NotFound, s));
            Assert.Equal(HttpStatusCode.NotFound, (await lecteur.SendAsync(new HttpRequestMessage(HttpMethod.Head, Lectures[0]))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await Historiques.PublierAsync(admin, 2021)).StatusCode);
        foreach (var lecteur in lecteurs[..2])
            Assert.All(await StatutsAsync(lecteur, Lectures), s => Assert.Equal(HttpStatusCode.OK, s));
        // The other instance reads the latest version again after at most two seconds.
        foreach (var lecteur in lecteurs[2..])
            Assert.All(await AttendreAsync(lecteur, Lectures, TimeSpan.FromSeconds(5)), s => Assert.Equal(HttpStatusCode.OK, s));

        // The same for a correction: version 2 asked before it exists.
        const string v2 = "/api/v1/editions/2021/palmares?version=2";
        foreach (var lecteur in lecteurs)
            Assert.Equal(HttpStatusCode.NotFound, (await lecteur.GetAsync(v2)).StatusCode);
        var candidature = await Factory.DansLaBaseAsync(db => db.Candidatures
            .Where(c => db.Collectivites.Any(col => col.Id == c.CollectiviteId && col.CodeInsee == "62041")).Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/candidatures/{candidature}/decision",
            new { arobases = 4, justification = "Erreur de saisie corrigée." })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Historiques.PublierAsync(admin, 2021)).StatusCode);
        foreach (var lecteur in lecteurs[..2])
            Assert.Equal(HttpStatusCode.OK, (await lecteur.GetAsync(v2)).StatusCode);
        foreach (var lecteur in lecteurs[2..])
            Assert.All(await AttendreAsync(lecteur, [v2], TimeSpan.FromSeconds(5)), s => Assert.Equal(HttpStatusCode.OK, s));
        var derniere = await LireAsync(await lecteurs[2].GetAsync("/api/v1/editions/2021/palmares"));
        Assert.Equal(2, derniere["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Les_chiffres_d_une_edition_sous_embargo_coutent_ce_que_coutent_ceux_d_une_edition_inconnue()
    {
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await this.PublierHistoriqueAsync(admin, 2021, DateTimeOffset.UtcNow.AddHours(1), new Resultat("62041", 3))).StatusCode);
        var fige = new HorlogeFigee(DateTimeOffset.UtcNow.AddSeconds(1));
        await using var instance = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(fige)));
        var client = instance.CreateClient();
        var chiffres = instance.Services.GetRequiredService<Publication.ChiffresClesPublies>();
        // The time of a 404 must not tell that a release waits: the figures the public may not see are not even computed, so once
        // the memos have expired the database is asked the same for the édition under embargo and for a year without one (the
        // latest pointer, once). The first read of the release since the process started loads it once: the round before primes.
        string[] chemins = ["/api/v1/editions/2021/chiffres-cles", "/api/v1/editions/2030/chiffres-cles", "/palmares/2021/chiffres", "/palmares/2029/chiffres"];
        foreach (var chemin in chemins) Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(chemin)).StatusCode);
        var demandes = new Dictionary<string, int>();
        foreach (var chemin in chemins)
        {
            fige.Instant += TimeSpan.FromSeconds(3);
            using var requetes = new CompteurDeRequetes();
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(chemin)).StatusCode);
            demandes[chemin] = requetes.Nombre;
        }
        Assert.True(demandes.Values.Distinct().Count() == 1 && demandes.Values.First() > 0, string.Join(", ", demandes));
        Assert.Equal(0, chiffres.NombreMemorise);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/editions/2021/chiffres-cles")).StatusCode);
    }

    [Fact]
    public async Task Des_demandes_sans_nombre_ne_remplissent_ni_la_memoire_ni_la_base()
    {
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await this.PublierHistoriqueAsync(admin, 2021, null, new Resultat("62041", 3))).StatusCode);
        // A clock that stands still: the latest-version pointer read below does not expire during the test.
        var fige = new HorlogeFigee(DateTimeOffset.UtcNow.AddSeconds(1));
        await using var instance = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(fige)));
        var client = instance.CreateClient();
        var publies = instance.Services.GetRequiredService<Publication.PalmaresPublies>();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/editions/2021/palmares")).StatusCode);
        var apresUneLecture = publies.NombreMemorise;

        using var requetes = new CompteurDeRequetes();
        // The counter sees the API's queries: a key-figures computation is one.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/editions/2021/chiffres-cles")).StatusCode);
        Assert.True(requetes.Nombre > 0);
        var memoriseAvecChiffres = publies.NombreMemorise;

        requetes.Remettre();
        for (var v = 2; v < 2_002; v++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/editions/2021/palmares?version={v}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/editions/{3_000 + v}/palmares")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/editions/{3_000 + v}/chiffres-cles")).StatusCode);
        }
        // Versions above the latest one and years no édition can have: answered without asking the database.
        Assert.Equal(0, requetes.Nombre);

        // Years an édition could have but none has: looked up again once the latest pointer expires (it may be published the next
        // second); the absence kept meanwhile (MemoRecent.cs) is one entry per possible year at most, for the pointer and the figures.
        for (var annee = 1999; annee <= 2100; annee++)
        {
            if (annee == 2021) continue;
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/editions/{annee}/palmares?version=1")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/editions/{annee}/chiffres-cles")).StatusCode);
        }
        Assert.True(requetes.Nombre > 0);
        Assert.True(apresUneLecture <= 2, $"{apresUneLecture} entrées après une lecture");
        Assert.InRange(publies.NombreMemorise, memoriseAvecChiffres, memoriseAvecChiffres + 2 * (2100 - 1999));
    }

    [Fact]
    public async Task La_limite_de_lecture_publique_se_paie_avant_tout_travail_et_une_fois()
    {
        await using var instance = Factory.WithWebHostBuilder(b => b.UseSetting("LimitesDeDebit:LecturePublique", "3"));
        var client = instance.CreateClient();
        // Passed on by the fast path to the endpoint (no such release): counted once, not twice.
        for (var annee = 2030; annee < 2033; annee++)
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/editions/{annee}/palmares")).StatusCode);
        using var requetes = new CompteurDeRequetes();
        for (var annee = 2033; annee < 2043; annee++)
        {
            var refus = await client.GetAsync($"/api/v1/editions/{annee}/palmares");
            await ProblemeAsync(refus, HttpStatusCode.TooManyRequests);
            Assert.NotNull(refus.Headers.RetryAfter);
        }
        // Signed in, or claiming to be: refused before the token is even looked up.
        foreach (var jeton in new[] { "lbl_" + Guid.NewGuid().ToString("N"), "pas-un-jeton" })
        {
            var requete = new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions/2044/palmares");
            requete.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", jeton);
            await ProblemeAsync(await client.SendAsync(requete), HttpStatusCode.TooManyRequests);
        }
        Assert.Equal(0, requetes.Nombre);
    }

    [Fact]
    public async Task Sous_embargo_une_collectivite_et_un_jure_n_apprennent_pas_que_l_edition_est_publiee()
    {
        // Their refusals read the same during deliberation and once published under embargo: « publiée » would say that
        // results exist before their instant (rule 7).
        var s = await Scenario.PreparerAsync(this);
        async Task<(string Fiche, string Evaluation)> RefusAsync()
        {
            var fiche = await ProblemeAsync(await s.Proprietaire.PostAsJsonAsync($"/api/v1/candidatures/{s.Dossier}/fiches", Fiche(titre: "Tardive")),
                HttpStatusCode.Conflict);
            var ecriture = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/candidatures/{s.Dossier}/evaluations/moi")
            {
                Content = JsonContent.Create(new { notes = new Dictionary<string, decimal>(), soumise = false }),
            };
            ecriture.Headers.TryAddWithoutValidation("If-Match", "*");
            var evaluation = await ProblemeAsync(await s.JureAssigne.SendAsync(ecriture), HttpStatusCode.Conflict);
            return (fiche["detail"]!.GetValue<string>(), evaluation["detail"]!.GetValue<string>());
        }
        Assert.Equal(HttpStatusCode.OK, (await s.Admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut = "deliberation" })).StatusCode);
        var enDeliberation = await RefusAsync();
        foreach (var dossier in new[] { s.Dossier, s.DossierBellange })
            Assert.Equal(HttpStatusCode.OK, (await s.Admin.PutAsJsonAsync($"/api/v1/candidatures/{dossier}/decision",
                new { arobases = 3, justification = "Décision du jury." })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Historiques.PublierAsync(s.Admin, 2022, DateTimeOffset.UtcNow.AddDays(2))).StatusCode);
        var sousEmbargo = await RefusAsync();
        Assert.Equal(enDeliberation, sousEmbargo);
        Assert.DoesNotContain("publi", sousEmbargo.Fiche + sousEmbargo.Evaluation, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("délibération", sousEmbargo.Fiche + sousEmbargo.Evaluation, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Une_edition_ne_parait_pas_avant_une_edition_anterieure_sous_embargo()
    {
        var admin = await AdminAsync();
        var levee = DateTimeOffset.UtcNow.AddSeconds(4);
        Assert.Equal(HttpStatusCode.Created,
            (await this.PublierHistoriqueAsync(admin, 2021, levee, new Resultat("62041", 5, Fiches: 2), new Resultat("57059", 2, Fiches: 1))).StatusCode);
        await this.PreparerHistoriqueAsync(admin, 2022, new Resultat("62041", 5, Fiches: 1));

        // Published now, or before 2021's instant, 2022 would show 2021's counts in its key figures.
        var maintenant = await ProblemeAsync(await Historiques.PublierAsync(admin, 2022), HttpStatusCode.Conflict);
        Assert.Contains(levee.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), maintenant["detail"]!.GetValue<string>());
        await ProblemeAsync(await Historiques.PublierAsync(admin, 2022, levee.AddSeconds(-1)), HttpStatusCode.Conflict);
        // Refused, the publication changed nothing.
        Assert.Equal("preparation", (await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2022"))!["statut"]!.GetValue<string>());
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.VersionsPalmares.CountAsync(v => v.EditionAnnee == 2022)));

        Assert.Equal(HttpStatusCode.Created, (await Historiques.PublierAsync(admin, 2022, levee)).StatusCode);
        var arras = await Factory.DansLaBaseAsync(db => db.Collectivites.Where(c => c.CodeInsee == "62041").Select(c => c.Id).SingleAsync());
        string[] publiques =
        [
            "/api/v1/editions/2022/palmares", "/api/v1/editions/2022/chiffres-cles", "/api/v1/editions/2022/fiches",
            "/api/v1/editions/2022/palmares/versions", "/api/v1/editions/2021/palmares", "/api/v1/editions/2021/chiffres-cles",
        ];
        Assert.All(await StatutsAsync(Anonyme(), publiques), s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.Equal(0, (await Anonyme().GetFromJsonAsync<JsonObject>($"/api/v1/collectivites/{arras}/historique"))!["total"]!.GetValue<int>());
        // Not even that results exist: the édition is not « publiee » to the public before its instant.
        Assert.Equal("preparation", (await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2022"))!["statut"]!.GetValue<string>());
        Assert.DoesNotContain("publiee", await Anonyme().GetStringAsync("/api/v1/editions"));
        Assert.Equal("publiee", (await admin.GetFromJsonAsync<JsonObject>("/api/v1/editions/2022"))!["statut"]!.GetValue<string>());
        foreach (var url in new[] { "/api/v1/editions/2022/fiches", "/api/v1/editions/2022/palmares/versions", "/api/v1/editions/2022" })
        {
            var vue = await admin.GetAsync(url);
            Assert.True(vue.Headers.CacheControl is { Private: true, NoStore: true }, $"{url} : {vue.Headers.CacheControl}");
        }
        // The staff see both before the instant, the key figures of 2022 as they will read then.
        var vuParAdmin = await LireAsync(await admin.GetAsync("/api/v1/editions/2022/chiffres-cles"));
        Assert.Equal(2, vuParAdmin["candidatures"]!["precedent"]!.GetValue<int>());

        await Task.Delay(levee - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));
        Assert.All(await StatutsAsync(Anonyme(), publiques), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal("publiee", (await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2022"))!["statut"]!.GetValue<string>());
        var chiffres = await LireAsync(await Anonyme().GetAsync("/api/v1/editions/2022/chiffres-cles"));
        Assert.Equal(2, chiffres["candidatures"]!["precedent"]!.GetValue<int>());
        Assert.Equal(3, chiffres["fichesActions"]!["precedent"]!.GetValue<int>());
        Assert.Equal(2, (await Anonyme().GetFromJsonAsync<JsonObject>($"/api/v1/collectivites/{arras}/historique"))!["total"]!.GetValue<int>());
    }

    /// <summary>
    /// The open-data export is what the public sees at the instant of the request, whoever asks: made to be republished as
    /// it is, it never carries a release under embargo nor a correction before its instant, not even to the staff, and
    /// each appears at its instant without a new publication. A second instance on the same database, its clock set by
    /// the test, reads it at chosen instants.
    /// </summary>
    [Fact]
    public async Task L_export_ouvert_ne_montre_que_ce_qui_est_public_a_l_instant_de_la_requete()
    {
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await this.PublierHistoriqueAsync(admin, 2021, null, new Resultat("62041", 3))).StatusCode);
        var levee = DateTimeOffset.UtcNow.AddHours(1);
        Assert.Equal(HttpStatusCode.Created,
            (await this.PublierHistoriqueAsync(admin, 2022, levee, new Resultat("62041", 5), new Resultat("57059", 2))).StatusCode);
        // 2021 corrected afterwards: its version 2 is public from its own publication on.
        var arras2021 = await Factory.DansLaBaseAsync(db => db.Candidatures.Where(c => c.EditionAnnee == 2021
            && db.Collectivites.Any(col => col.Id == c.CollectiviteId && col.CodeInsee == "62041")).Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/candidatures/{arras2021}/decision",
            new { arobases = 4, justification = "Erreur de saisie corrigée." })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Historiques.PublierAsync(admin, 2021)).StatusCode);
        var instants = (await LireAsync(await admin.GetAsync("/api/v1/editions/2021/palmares/versions")))["items"]!.AsArray()
            .Select(v => v!["publieLe"]!.GetValue<DateTimeOffset>()).ToArray();
        var (v1, v2) = (instants[0], instants[1]);
        Assert.True(v1 < v2);

        // The staff and a palmares:read script read 2022 on its own route before its instant…
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/editions/2022/palmares")).StatusCode);
        var jeton = await LireAsync(await admin.PostAsJsonAsync("/api/v1/jetons",
            new { nom = "portail", scopes = new[] { "palmares:read" }, expireLe = DateTimeOffset.UtcNow.AddDays(1) }));
        var script = Anonyme();
        script.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", jeton["secret"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/editions/2022/palmares")).StatusCode);
        // …but no one finds it in the export: the same bytes for everyone, 2021 as corrected.
        var etags = new List<System.Net.Http.Headers.EntityTagHeaderValue>();
        var anonyme = Anonyme();
        foreach (var lecteur in new[] { anonyme, admin, script })
        {
            var json = await lecteur.GetAsync("/api/v1/palmares");
            Assert.Equal(HttpStatusCode.OK, json.StatusCode);
            // Kept by any cache when read anonymously; by the caller's own only when signed in, as every answer they get.
            Assert.True(lecteur == anonyme ? json.Headers.CacheControl is { Public: true, NoStore: false, MaxAge.TotalSeconds: 10 }
                : json.Headers.CacheControl is { Private: true, Public: false, NoStore: false });
            Assert.Equal([(2021, 2)], Editions(await LireAsync(json)));
            var csv = await lecteur.GetStringAsync("/api/v1/palmares.csv");
            Assert.DoesNotContain("\n2022;", csv);
            Assert.DoesNotContain("Bellange", csv);
            Assert.Contains("\n2021;2;", csv);
            etags.Add(json.Headers.ETag!);
        }
        Assert.Single(etags.Distinct());

        var horloge = new HorlogeFigee(v1.AddSeconds(-1));
        await using var instance = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(horloge)));
        var client = instance.CreateClient();
        async Task<(int, int)[]> ExportAsync(string? etagConnu = null)
        {
            var requete = new HttpRequestMessage(HttpMethod.Get, "/api/v1/palmares");
            if (etagConnu is not null) requete.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etagConnu));
            var reponse = await client.SendAsync(requete);
            Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
            var editions = Editions(await LireAsync(reponse));
            var csv = (await client.GetStringAsync("/api/v1/palmares.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
            Assert.Equal(editions, csv.Select(l => l.Split(';')).Select(c => (int.Parse(c[0]), int.Parse(c[1]))).Distinct());
            return editions;
        }
        // Before 2021's instant: nothing; then version 1 alone, up to the instant of the correction, and version 2 from it.
        Assert.Empty(await ExportAsync());
        horloge.Instant = v1;
        var avantCorrection = await client.GetAsync("/api/v1/palmares");
        Assert.Equal([(2021, 1)], Editions(await LireAsync(avantCorrection)));
        horloge.Instant = v2.AddTicks(-10);
        Assert.Equal([(2021, 1)], await ExportAsync());
        Assert.Contains("2021;1;", await client.GetStringAsync("/api/v1/palmares.csv"));
        horloge.Instant = v2;
        Assert.Equal([(2021, 2)], await ExportAsync(avantCorrection.Headers.ETag!.Tag));
        // 2022 up to its instant: absent; from it, present, and a copy taken before is no longer current.
        horloge.Instant = levee.AddTicks(-10);
        Assert.Equal([(2021, 2)], await ExportAsync());
        horloge.Instant = levee;
        Assert.Equal([(2021, 2), (2022, 1)], await ExportAsync(etags[0].Tag));
        Assert.Contains("Bellange", await client.GetStringAsync("/api/v1/palmares.csv"));
    }

    private static (int Edition, int Version)[] Editions(JsonObject export) =>
        [.. export["items"]!.AsArray().Select(p => (p!["edition"]!.GetValue<int>(), p["version"]!.GetValue<int>()))];

    [Fact]
    public async Task Une_edition_anterieure_ne_s_ouvre_ni_ne_se_publie_apres_une_edition_publiee()
    {
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await this.PublierHistoriqueAsync(admin, 2019, null, new Resultat("62041", 5))).StatusCode);
        // Opened before 2019 was published, 2018 can no longer be published: 2019's key figures and TEN were made without it.
        await Factory.DansLaBaseAsync(async db =>
        {
            db.Editions.Add(Domain.Editions.Edition.Ouvrir(2018, 19, true, Domain.Editions.Calendrier.Vide, null, DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        var refus = await ProblemeAsync(await Historiques.PublierAsync(admin, 2018, DateTimeOffset.UtcNow.AddHours(1)), HttpStatusCode.Conflict);
        Assert.Contains("2019", refus["detail"]!.GetValue<string>());
        await ProblemeAsync(await Historiques.PublierAsync(admin, 2018), HttpStatusCode.Conflict);
        var ouverture = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions", new { annee = 2017, numero = 18, historique = true }),
            HttpStatusCode.Conflict);
        Assert.Contains("2019", ouverture["detail"]!.GetValue<string>());
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.VersionsPalmares.CountAsync(v => v.EditionAnnee < 2019)));
        Assert.Null((await LireAsync(await Anonyme().GetAsync("/api/v1/editions/2019/chiffres-cles")))["editionPrecedente"]);
    }

    /// <summary>
    /// Rows written before the order of visibility was enforced (an earlier édition put back under embargo by hand): every
    /// public read still reads the history as it is visible, not as it is stored.
    /// </summary>
    [Fact]
    public async Task Les_lectures_publiques_lisent_l_historique_tel_qu_il_est_visible()
    {
        var admin = await AdminAsync();
        await this.PublierHistoriqueAsync(admin, 2021, null, new Resultat("62041", 3, Fiches: 2), new Resultat("57059", 2));
        await this.PublierHistoriqueAsync(admin, 2022, null, new Resultat("62041", 4, Fiches: 1));
        await using (var connexion = new NpgsqlConnection(Factory.ChaineDeConnexion))
        {
            await connexion.OpenAsync();
            await using var commande = new NpgsqlCommand("UPDATE palmares_versions SET publie_le = now() + interval '1 hour' WHERE edition_annee = 2021", connexion);
            Assert.Equal(1, await commande.ExecuteNonQueryAsync());
        }
        Factory.Services.GetRequiredService<Publication.PalmaresPublies>().Vider();
        var arras = await Factory.DansLaBaseAsync(db => db.Collectivites.Where(c => c.CodeInsee == "62041").Select(c => c.Id).SingleAsync());

        var chiffres = await LireAsync(await Anonyme().GetAsync("/api/v1/editions/2022/chiffres-cles"));
        Assert.Null(chiffres["candidatures"]!["precedent"]);
        Assert.Null(chiffres["candidatures"]!["evolutionPourcent"]);
        Assert.Null(chiffres["fichesActions"]!["precedent"]);
        var historique = await Anonyme().GetFromJsonAsync<JsonObject>($"/api/v1/collectivites/{arras}/historique");
        Assert.Equal([2022], historique!["items"]!.AsArray().Select(e => e!["edition"]!.GetValue<int>()));
        Assert.All(await StatutsAsync(Anonyme(), ["/api/v1/editions/2021/palmares", "/api/v1/editions/2021/palmares/versions",
            "/api/v1/editions/2021/fiches", "/api/v1/editions/2021/chiffres-cles"]), s => Assert.Equal(HttpStatusCode.NotFound, s));

        var vuParAdmin = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/collectivites/{arras}/historique");
        Assert.Equal([2021, 2022], vuParAdmin!["items"]!.AsArray().Select(e => e!["edition"]!.GetValue<int>()));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/editions/2021/fiches")).StatusCode);
    }

    [Fact]
    public async Task Le_journal_garde_les_resultats_du_jury_jusqu_a_leur_publication()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var dossier = await CandidatureAsync(admin, 2022, await CollectiviteAsync(admin, "62041"));
        await admin.PostAsJsonAsync($"/api/v1/candidatures/{dossier}/fiches", Fiche());
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/candidatures/{dossier}/depot", null)).StatusCode);
        foreach (var statut in new[] { "evaluation", "deliberation" })
            Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/candidatures/{dossier}/decision",
            new { arobases = 4, mentions = new[] { "arobase-verte" }, justification = "Un dossier remarquable." })).StatusCode);

        async Task<HttpClient> JetonAsync(params string[] scopes)
        {
            var cree = await LireAsync(await admin.PostAsJsonAsync("/api/v1/jetons", new { nom = "audit", scopes, expireLe = DateTimeOffset.UtcNow.AddDays(1) }));
            var client = Anonyme();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", cree["secret"]!.GetValue<string>());
            return client;
        }
        var auditeur = await JetonAsync("audit:read");
        var auditeurDuPalmares = await JetonAsync("audit:read", "palmares:read");
        async Task<JsonNode[]> EntreesAsync(HttpClient client) =>
            [.. (await client.GetFromJsonAsync<JsonObject>("/api/v1/audit?pageSize=200"))!["items"]!.AsArray()
                .Where(e => e!["action"]!.GetValue<string>() is "deliberation.decision" or "palmares.publication").Select(e => e!)];
        void Masquees(JsonNode[] entrees, int nombre)
        {
            Assert.Equal(nombre, entrees.Length);
            Assert.All(entrees, e =>
            {
                Assert.True(e["masque"]!.GetValue<bool>());
                Assert.Null(e["details"]);
            });
            Assert.DoesNotContain("arobase-verte", string.Join("", entrees.Select(e => e.ToJsonString())));
        }
        void Lisibles(JsonNode[] entrees, int nombre)
        {
            Assert.Equal(nombre, entrees.Length);
            Assert.All(entrees, e => Assert.False(e["masque"]!.GetValue<bool>()));
            Assert.Equal(4, entrees.Single(e => e["action"]!.GetValue<string>() == "deliberation.decision")["details"]!["apres"]!["arobases"]!.GetValue<int>());
        }

        Masquees(await EntreesAsync(auditeur), 1);
        Lisibles(await EntreesAsync(auditeurDuPalmares), 1);
        Lisibles(await EntreesAsync(admin), 1);

        var levee = DateTimeOffset.UtcNow.AddSeconds(3);
        Assert.Equal(HttpStatusCode.Created, (await Historiques.PublierAsync(admin, 2022, levee)).StatusCode);
        Masquees(await EntreesAsync(auditeur), 2);
        Lisibles(await EntreesAsync(admin), 2);
        await Task.Delay(levee - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(300));
        Lisibles(await EntreesAsync(auditeur), 2);

        // A correction after publication is public with the next version only.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/candidatures/{dossier}/decision",
            new { arobases = 2, justification = "CORRECTION-EN-ATTENTE" })).StatusCode);
        var correction = (await EntreesAsync(auditeur)).Where(e => e["details"] is null).ToArray();
        Assert.Single(correction);
        Assert.DoesNotContain("CORRECTION-EN-ATTENTE", (await auditeur.GetStringAsync("/api/v1/audit?action=deliberation.decision")));
        Assert.Contains("CORRECTION-EN-ATTENTE", (await admin.GetStringAsync("/api/v1/audit?action=deliberation.decision")));
        Assert.Equal(HttpStatusCode.Created, (await Historiques.PublierAsync(admin, 2022)).StatusCode);
        Assert.Contains("CORRECTION-EN-ATTENTE", (await auditeur.GetStringAsync("/api/v1/audit?action=deliberation.decision")));
    }

    /// <summary>
    /// A shared cache in front of the API (deploy/) may keep a 404 of the results, so that a crowd before a ceremony costs the
    /// API little, but never past the last whole second before the instant (Publication/Fraicheur.cs); an answer that said
    /// nothing of its freshness, or that a signed-in caller read, is kept by no shared cache.
    /// </summary>
    [Fact]
    public async Task Un_cache_partage_ne_garde_un_404_des_resultats_que_jusqu_a_la_seconde_avant_la_parution()
    {
        var admin = await AdminAsync();
        await this.PreparerHistoriqueAsync(admin, 2021, new Resultat("62041", 3));
        var seconde = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60);
        var horloge = new HorlogeFigee(seconde.AddMilliseconds(300));
        await using var instance = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(horloge)));
        var anonyme = instance.CreateClient();
        var connecte = ConnecteSur(instance, admin);
        // Half a second past a whole second: the last part of a second before the instant is covered by no cache.
        var instant = seconde.AddSeconds(10.5);
        Assert.Equal(HttpStatusCode.Created, (await Historiques.PublierAsync(connecte, 2021, instant)).StatusCode);
        string[] absences = [.. Lectures, "/api/v1/editions/2021/palmares?version=2", "/api/v1/editions/2021/palmares.csv?departement=62"];

        async Task AbsenceGardeeJusquA(DateTimeOffset? fin)
        {
            foreach (var url in absences)
            {
                var reponse = await anonyme.GetAsync(url);
                await ProblemeAsync(reponse, HttpStatusCode.NotFound);
                if (fin is { } attendue)
                {
                    Assert.Equal(attendue, reponse.Content.Headers.Expires);
                    Assert.Null(reponse.Headers.CacheControl);
                }
                else
                {
                    Assert.Null(reponse.Content.Headers.Expires);
                    Assert.True(reponse.Headers.CacheControl?.NoStore, url);
                }
            }
        }

        // Far from the instant: one second, like any 404 of the results (an édition without any release included).
        await AbsenceGardeeJusquA(seconde.AddSeconds(1));
        Assert.Equal(seconde.AddSeconds(1), (await anonyme.GetAsync("/api/v1/editions/2031/palmares")).Content.Headers.Expires);
        // Under two seconds before it: to the end of the last whole second before it, not beyond.
        horloge.Instant = seconde.AddSeconds(9.3);
        await AbsenceGardeeJusquA(seconde.AddSeconds(9));
        // Within the instant's own second: no cache keeps it.
        horloge.Instant = seconde.AddSeconds(10.2);
        await AbsenceGardeeJusquA(null);
        // The staff read the release before its instant, and no shared cache keeps what they read; nor a 404 they get.
        var vuParLeStaff = await connecte.GetAsync(Lectures[1]);
        Assert.Equal(HttpStatusCode.OK, vuParLeStaff.StatusCode);
        Assert.True(vuParLeStaff.Headers.CacheControl is { Private: true, NoStore: true });
        var absentPourLeStaff = await connecte.GetAsync("/api/v1/editions/2031/palmares");
        Assert.Equal(HttpStatusCode.NotFound, absentPourLeStaff.StatusCode);
        Assert.True(absentPourLeStaff.Headers.CacheControl is { Private: true, NoStore: true });
        Assert.Null(absentPourLeStaff.Content.Headers.Expires);

        // At the instant: the latest for ten seconds (a correction's bound), a numbered version for good; private when signed in.
        horloge.Instant = instant;
        foreach (var url in Lectures)
        {
            var reponse = await anonyme.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
            var duree = TimeSpan.FromSeconds(url.Contains("version=") ? 31_536_000 : 10);
            Assert.True(reponse.Headers.CacheControl is { Public: true, Private: false, NoStore: false } cache && cache.MaxAge == duree, url);
            Assert.True((await connecte.GetAsync(url)).Headers.CacheControl is { Public: false, Private: true, NoStore: false } prive
                && prive.MaxAge == duree, url);
        }
        // A read that answers JSON only refuses another Accept (406): a shared cache keeps its JSON for the same Accept only.
        foreach (var url in new[] { "/api/v1/editions/2021/chiffres-cles", "/api/v1/collectivites/62041/historique", "/api/v1/referentiel/regions" })
        {
            Assert.Contains("Accept", (await anonyme.GetAsync(url)).Headers.Vary);
            var csv = new HttpRequestMessage(HttpMethod.Get, url);
            csv.Headers.Accept.ParseAdd("text/csv");
            Assert.Equal(HttpStatusCode.NotAcceptable, (await anonyme.SendAsync(csv)).StatusCode);
        }
        // An error, a read that says nothing of its freshness: kept by no cache.
        var refus = await anonyme.GetAsync("/api/v1/editions/2021/palmares?arobases=9");
        await ProblemeAsync(refus, HttpStatusCode.BadRequest);
        Assert.True(refus.Headers.CacheControl?.NoStore);
        var catalogue = await anonyme.GetAsync("/api/v1/editions/2021/fiches");
        Assert.Equal(HttpStatusCode.OK, catalogue.StatusCode);
        Assert.True(catalogue.Headers.CacheControl?.NoStore);
    }

    /// <summary>A clock that stands still, at the instant the test sets.</summary>
    private sealed class HorlogeFigee(DateTimeOffset instant) : TimeProvider
    {
        public DateTimeOffset Instant { get; set; } = instant;

        public override DateTimeOffset GetUtcNow() => Instant;
    }

    /// <summary>Counts the commands the API sends to PostgreSQL (Npgsql's activities), wherever they come from.</summary>
    private sealed class CompteurDeRequetes : IDisposable
    {
        private readonly ActivityListener _ecoute;
        private int _nombre;

        public CompteurDeRequetes()
        {
            _ecoute = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStarted = _ => Interlocked.Increment(ref _nombre),
            };
            ActivitySource.AddActivityListener(_ecoute);
        }

        public int Nombre => Volatile.Read(ref _nombre);

        public void Remettre() => Interlocked.Exchange(ref _nombre, 0);

        public void Dispose() => _ecoute.Dispose();
    }
}
