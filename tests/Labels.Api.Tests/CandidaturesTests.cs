namespace Labels.Api.Tests;

public sealed class CandidaturesTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private async Task<(HttpClient Admin, Guid Arras, Guid Bellange, HttpClient MairieArras, HttpClient MairieBellange)> PreparerAsync(string? statut = "candidatures")
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, statut);
        var arras = await CollectiviteAsync(admin, "62041");
        var bellange = await CollectiviteAsync(admin, "57059");
        return (admin, arras, bellange, await CompteAsync("collectivite", arras), await CompteAsync("collectivite", bellange));
    }

    [Fact]
    public async Task Une_collectivite_cree_et_depose_son_dossier()
    {
        var (_, arras, _, mairie, _) = await PreparerAsync();
        var reponse = await mairie.PostAsJsonAsync("/api/v1/editions/2022/candidatures", new { collectiviteId = arras });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        var c = await LireAsync(reponse);
        Assert.Equal($"/api/v1/candidatures/{c["id"]}", reponse.Headers.Location!.ToString());
        Assert.Equal("brouillon", c["statut"]!.GetValue<string>());
        Assert.Equal(2022, c["edition"]!.GetValue<int>());
        Assert.Equal("Arras", c["collectivite"]!["nom"]!.GetValue<string>());
        Assert.Equal(0, c["nombreFiches"]!.GetValue<int>());

        var id = c["id"]!.GetValue<Guid>();
        await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche());
        var depot = await mairie.PostAsync($"/api/v1/candidatures/{id}/depot", null);
        Assert.Equal(HttpStatusCode.OK, depot.StatusCode);
        var deposee = await LireAsync(depot);
        Assert.Equal("deposee", deposee["statut"]!.GetValue<string>());
        Assert.NotNull(deposee["deposeeLe"]);
        Assert.Equal(1, deposee["nombreFiches"]!.GetValue<int>());
        await ProblemeAsync(await mairie.PostAsync($"/api/v1/candidatures/{id}/depot", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Une_candidature_par_collectivite_et_edition()
    {
        var (admin, arras, _, mairie, _) = await PreparerAsync();
        var dossier = await CandidatureAsync(mairie, 2022, arras);
        var doublon = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions/2022/candidatures", new { collectiviteId = arras }),
            HttpStatusCode.Conflict);
        Assert.Equal($"La commune Arras (62041) a déjà une candidature dans l'édition 2022 : {dossier}.", doublon["detail"]!.GetValue<string>());
        Assert.Equal(1, await Factory.DansLaBaseAsync(db => db.Candidatures.CountAsync()));
    }

    [Fact]
    public async Task Une_collectivite_n_agit_pas_pour_une_autre()
    {
        var (_, arras, bellange, mairieArras, mairieBellange) = await PreparerAsync();
        await ProblemeAsync(await mairieBellange.PostAsJsonAsync("/api/v1/editions/2022/candidatures", new { collectiviteId = arras }),
            HttpStatusCode.Forbidden);
        var id = await CandidatureAsync(mairieArras, 2022, arras);

        await ProblemeAsync(await mairieBellange.GetAsync($"/api/v1/candidatures/{id}"), HttpStatusCode.NotFound);
        await ProblemeAsync(await mairieBellange.PostAsync($"/api/v1/candidatures/{id}/depot", null), HttpStatusCode.NotFound);
        await ProblemeAsync(await mairieBellange.PostAsync($"/api/v1/candidatures/{id}/retrait", null), HttpStatusCode.NotFound);
        await ProblemeAsync(await mairieBellange.DeleteAsync($"/api/v1/candidatures/{id}"), HttpStatusCode.NotFound);
        await ProblemeAsync(await mairieBellange.GetAsync("/api/v1/editions/2022/candidatures"), HttpStatusCode.Forbidden);
        var jure = await CompteAsync("jure");
        await ProblemeAsync(await jure.GetAsync($"/api/v1/candidatures/{id}"), HttpStatusCode.NotFound);
        await ProblemeAsync(await jure.PostAsync($"/api/v1/candidatures/{id}/depot", null), HttpStatusCode.Forbidden);
        await ProblemeAsync(await Anonyme().GetAsync($"/api/v1/candidatures/{id}"), HttpStatusCode.Unauthorized);

        var statut = await Factory.DansLaBaseAsync(db => db.Candidatures.Where(c => c.Id == id).Select(c => c.Statut.ToString()).SingleAsync());
        Assert.Equal("Brouillon", statut);
        Assert.Equal(1, await Factory.DansLaBaseAsync(db => db.Candidatures.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await mairieArras.GetAsync($"/api/v1/candidatures/{id}")).StatusCode);
        _ = bellange;
    }

    [Fact]
    public async Task Hors_candidatures_seul_un_administrateur_corrige_et_c_est_journalise()
    {
        var (admin, arras, _, mairie, _) = await PreparerAsync(statut: null);
        await ProblemeAsync(await mairie.PostAsJsonAsync("/api/v1/editions/2022/candidatures", new { collectiviteId = arras }), HttpStatusCode.Conflict);
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Candidatures.CountAsync()));

        var id = await CandidatureAsync(admin, 2022, arras);
        var journal = await Factory.DansLaBaseAsync(db => db.Audit.Where(a => a.Action == "correction.candidature.creee").ToListAsync());
        Assert.Equal($"candidature:{id}", Assert.Single(journal).Cible);
        Assert.NotNull(journal[0].ActeurId);
        // Filing stays bound to the candidatures window, whoever asks.
        await ProblemeAsync(await admin.PostAsync($"/api/v1/candidatures/{id}/depot", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Depot_refuse_apres_la_cloture()
    {
        var (admin, arras, _, mairie, _) = await PreparerAsync();
        var id = await CandidatureAsync(mairie, 2022, arras);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut = "evaluation" })).StatusCode);
        await ProblemeAsync(await mairie.PostAsync($"/api/v1/candidatures/{id}/depot", null), HttpStatusCode.Conflict);
        await ProblemeAsync(await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche()), HttpStatusCode.Conflict);
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Fiches.CountAsync()));
    }

    [Fact]
    public async Task Retrait_et_suppression()
    {
        var (_, arras, bellange, mairieArras, mairieBellange) = await PreparerAsync();
        var brouillon = await CandidatureAsync(mairieBellange, 2022, bellange);
        await mairieBellange.PostAsJsonAsync($"/api/v1/candidatures/{brouillon}/fiches", Fiche());
        Assert.Equal(HttpStatusCode.NoContent, (await mairieBellange.DeleteAsync($"/api/v1/candidatures/{brouillon}")).StatusCode);
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Fiches.CountAsync()));
        await ProblemeAsync(await mairieBellange.GetAsync($"/api/v1/candidatures/{brouillon}"), HttpStatusCode.NotFound);

        var deposee = await CandidatureAsync(mairieArras, 2022, arras);
        await mairieArras.PostAsync($"/api/v1/candidatures/{deposee}/depot", null);
        await ProblemeAsync(await mairieArras.DeleteAsync($"/api/v1/candidatures/{deposee}"), HttpStatusCode.Conflict);
        var retrait = await mairieArras.PostAsync($"/api/v1/candidatures/{deposee}/retrait", null);
        Assert.Equal(HttpStatusCode.OK, retrait.StatusCode);
        Assert.Equal("retiree", (await LireAsync(retrait))["statut"]!.GetValue<string>());
        await ProblemeAsync(await mairieArras.PostAsJsonAsync($"/api/v1/candidatures/{deposee}/fiches", Fiche()), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task L_administrateur_liste_les_dossiers_par_statut()
    {
        var (admin, arras, bellange, mairieArras, _) = await PreparerAsync();
        var a = await CandidatureAsync(mairieArras, 2022, arras);
        await CandidatureAsync(admin, 2022, bellange);
        await mairieArras.PostAsync($"/api/v1/candidatures/{a}/depot", null);

        var toutes = await admin.GetFromJsonAsync<JsonObject>("/api/v1/editions/2022/candidatures");
        Assert.Equal(2, toutes!["total"]!.GetValue<int>());
        var deposees = await admin.GetFromJsonAsync<JsonObject>("/api/v1/editions/2022/candidatures?statut=deposee");
        Assert.Equal(a, Assert.Single(deposees!["items"]!.AsArray())!["id"]!.GetValue<Guid>());
        var page = await admin.GetFromJsonAsync<JsonObject>("/api/v1/editions/2022/candidatures?pageSize=1&page=2");
        Assert.Single(page!["items"]!.AsArray());
        await ProblemeAsync(await admin.GetAsync("/api/v1/editions/2030/candidatures"), HttpStatusCode.NotFound);
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions/2022/candidatures", new { collectiviteId = Guid.NewGuid() }),
            HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Une_collectivite_liste_ses_candidatures_et_pas_celles_d_une_autre()
    {
        var (admin, arras, bellange, mairieArras, mairieBellange) = await PreparerAsync();
        await EditionAsync(admin, 2023, "candidatures");
        var dossier2022 = await CandidatureAsync(mairieArras, 2022, arras);
        var dossier2023 = await CandidatureAsync(mairieArras, 2023, arras);
        await mairieArras.PostAsJsonAsync($"/api/v1/candidatures/{dossier2022}/fiches", Fiche());
        Assert.Equal(HttpStatusCode.OK, (await mairieArras.PostAsync($"/api/v1/candidatures/{dossier2022}/depot", null)).StatusCode);
        await CandidatureAsync(mairieBellange, 2022, bellange);

        // By its UUID or by its COG code, which its agents know: the latest édition first.
        foreach (var nom in new[] { arras.ToString(), "62041", "216200410" })
        {
            var reponse = await mairieArras.GetAsync($"/api/v1/collectivites/{nom}/candidatures");
            Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
            var page = await LireAsync(reponse);
            Assert.Equal(2, page["total"]!.GetValue<int>());
            Assert.Equal(1, page["page"]!.GetValue<int>());
            Assert.Equal(50, page["pageSize"]!.GetValue<int>());
            Assert.Equal([dossier2023, dossier2022], page["items"]!.AsArray().Select(i => i!["id"]!.GetValue<Guid>()));
            Assert.All(page["items"]!.AsArray(), i => Assert.Equal("Arras", i!["collectivite"]!["nom"]!.GetValue<string>()));
            Assert.True(reponse.Headers.CacheControl is { Private: true, NoStore: true });
        }
        async Task<Guid[]> Ids(HttpClient client, string requete) =>
            [.. (await client.GetFromJsonAsync<JsonObject>($"/api/v1/collectivites/62041/candidatures{requete}"))!["items"]!.AsArray()
                .Select(i => i!["id"]!.GetValue<Guid>())];
        Assert.Equal([dossier2022], await Ids(mairieArras, "?edition=2022"));
        Assert.Equal([dossier2022], await Ids(mairieArras, "?statut=deposee"));
        Assert.Equal([dossier2023], await Ids(mairieArras, "?statut=brouillon"));
        Assert.Equal([dossier2022], await Ids(mairieArras, "?pageSize=1&page=2"));
        Assert.Equal([dossier2023, dossier2022], await Ids(admin, ""));

        // Another collectivité's dossiers answer as an unknown collectivité, whichever way it is named; nothing else is learnt.
        foreach (var url in new[] { $"/api/v1/collectivites/{arras}/candidatures", "/api/v1/collectivites/62041/candidatures",
                     "/api/v1/collectivites/62041/candidatures?page=0", "/api/v1/collectivites/62042/candidatures", $"/api/v1/collectivites/{Guid.NewGuid()}/candidatures" })
        {
            var refus = await ProblemeAsync(await mairieBellange.GetAsync(url), HttpStatusCode.NotFound);
            Assert.Equal("Collectivité introuvable.", refus["detail"]!.GetValue<string>());
            Assert.Null(refus["errors"]);
        }
        Assert.Equal("Collectivité introuvable.",
            (await ProblemeAsync(await admin.GetAsync("/api/v1/collectivites/62042/candidatures"), HttpStatusCode.NotFound))["detail"]!.GetValue<string>());
        Assert.NotNull((await ProblemeAsync(await admin.GetAsync("/api/v1/collectivites/6204/candidatures"), HttpStatusCode.BadRequest))["errors"]!["id"]);
        Assert.NotNull((await ProblemeAsync(await mairieArras.GetAsync("/api/v1/collectivites/62041/candidatures?statut=publie"), HttpStatusCode.BadRequest))["errors"]!["statut"]);
        Assert.NotNull((await ProblemeAsync(await mairieArras.GetAsync("/api/v1/collectivites/62041/candidatures?pageSize=201"), HttpStatusCode.BadRequest))["errors"]!["pageSize"]);
        await ProblemeAsync(await (await CompteAsync("jure")).GetAsync("/api/v1/collectivites/62041/candidatures"), HttpStatusCode.Forbidden);
        await ProblemeAsync(await Anonyme().GetAsync("/api/v1/collectivites/62041/candidatures"), HttpStatusCode.Unauthorized);
    }
}
