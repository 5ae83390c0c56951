using Labels.Domain.Candidatures;
using Labels.Domain.Collectivites;

namespace Labels.Api.Tests;

public sealed class JuryTests(LabelsApiFactory factory, Xunit.Abstractions.ITestOutputHelper sortie) : ApiTest(factory)
{
    /// <summary>One criterion on 0–100 with weight 1: a juror's score is their note, which keeps hand computations readable.</summary>
    private static readonly object GrilleSimple = new
    {
        criteres = new object[]
        {
            new { code = "global", nom = "Appréciation globale", min = 0, max = 100, poids = 1, compteDansLeTotal = true },
            new { code = "mention", nom = "Mention suggérée", min = 0, max = 1, poids = 0, compteDansLeTotal = false },
        },
        seuilsArobases = new[] { 35, 50, 65, 80 },
    };

    private sealed record Jure(Guid Id, HttpClient Client, string Email);

    private async Task<Jure> JureAsync(HttpClient admin, object? attaches = null, Guid[]? conflits = null, int annee = 2022)
    {
        var email = $"jure-{Guid.NewGuid():N}@test.labels";
        var compte = await LireAsync(await admin.PostAsJsonAsync("/api/v1/comptes", new { email, motDePasse = MotDePasse, role = "jure" }));
        var reponse = await admin.PostAsJsonAsync($"/api/v1/editions/{annee}/jures", new
        {
            compteId = compte["id"]!.GetValue<Guid>(), qualite = "expert", attaches, conflits,
        });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        var nomme = await LireAsync(reponse);
        Assert.Equal(email, nomme["email"]!.GetValue<string>());
        return new Jure(nomme["id"]!.GetValue<Guid>(), await ConnecteAsync(email, MotDePasse), email);
    }

    /// <summary>A deposited dossier of the collectivité with that code, in an édition open for candidatures.</summary>
    private async Task<Guid> DossierDeposeAsync(HttpClient admin, string code, int annee = 2022)
    {
        var id = await CandidatureAsync(admin, annee, await CollectiviteAsync(admin, code));
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/candidatures/{id}/depot", null)).StatusCode);
        return id;
    }

    private static async Task AvancerAsync(HttpClient admin, string statut, int annee = 2022) =>
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/editions/{annee}/statut", new { statut })).StatusCode);

    private static async Task AffecterAsync(HttpClient admin, Guid candidature, params Jure[] jures)
    {
        var reponse = await admin.PostAsJsonAsync("/api/v1/editions/2022/affectations",
            new { affectations = jures.Select(j => new { candidatureId = candidature, jureId = j.Id }) });
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
    }

    /// <summary>The simple grid, Ajaccio's dossier filed and assigned to one juror, the édition in evaluation.</summary>
    private async Task<(HttpClient Admin, Guid Dossier, Jure Jure)> UnDossierEnEvaluationAsync()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        await admin.PutAsJsonAsync("/api/v1/editions/2022/grille", GrilleSimple);
        var dossier = await DossierDeposeAsync(admin, "2A004");
        var jure = await JureAsync(admin);
        await AffecterAsync(admin, dossier, jure);
        await AvancerAsync(admin, "evaluation");
        return (admin, dossier, jure);
    }

    private static Task<HttpResponseMessage> EcrireAsync(HttpClient client, Guid candidature, decimal note, bool soumise = true, string? ifMatch = null)
    {
        var requete = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/candidatures/{candidature}/evaluations/moi")
        {
            Content = JsonContent.Create(new { notes = new Dictionary<string, decimal> { ["global"] = note }, commentaire = $"note {note}", soumise }),
        };
        if (ifMatch is not null) requete.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(requete);
    }

    [Fact]
    public async Task Une_evaluation_refusee_nomme_chacune_de_ses_notes_fautives()
    {
        var (_, dossier, jure) = await UnDossierEnEvaluationAsync();
        var requete = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/candidatures/{dossier}/evaluations/moi")
        {
            Content = JsonContent.Create(new { notes = new Dictionary<string, decimal> { ["global"] = 999, ["zz"] = 1, ["inclusion"] = -1 }, soumise = true }),
        };
        var refus = await ProblemeAsync(await jure.Client.SendAsync(requete), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["notes.global", "notes.inclusion", "notes.zz"], refus["errors"]!.AsObject().Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains("notes.zz : Critère inconnu de la grille : zz.", refus["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task If_match_se_lit_comme_http_le_dit()
    {
        var (_, dossier, jure) = await UnDossierEnEvaluationAsync();
        // On a first write there is no current evaluation: even * does not match.
        await ProblemeAsync(await EcrireAsync(jure.Client, dossier, 10, soumise: false, ifMatch: "*"), HttpStatusCode.PreconditionFailed);
        var premiere = await EcrireAsync(jure.Client, dossier, 10, soumise: false);
        var etag = premiere.Headers.ETag!.Tag;
        // * matches whatever the current version is.
        var etoile = await EcrireAsync(jure.Client, dossier, 20, soumise: false, ifMatch: "*");
        Assert.Equal(HttpStatusCode.OK, etoile.StatusCode);
        var courante = etoile.Headers.ETag!.Tag;
        // A list matches when one of its tags is current; weak tags never do; a malformed header is a 400.
        Assert.Equal(HttpStatusCode.OK, (await EcrireAsync(jure.Client, dossier, 30, soumise: false, ifMatch: $"{etag}, {courante}")).StatusCode);
        var apres = (await jure.Client.GetAsync($"/api/v1/candidatures/{dossier}/evaluations/moi")).Headers.ETag!.Tag;
        await ProblemeAsync(await EcrireAsync(jure.Client, dossier, 40, soumise: false, ifMatch: $"W/{apres}"), HttpStatusCode.PreconditionFailed);
        var malForme = await ProblemeAsync(await EcrireAsync(jure.Client, dossier, 40, soumise: false, ifMatch: "pas-un-etag"), HttpStatusCode.BadRequest);
        Assert.Equal(["If-Match"], malForme["errors"]!.AsObject().Select(e => e.Key));
        await ProblemeAsync(await EcrireAsync(jure.Client, dossier, 40, soumise: false, ifMatch: etag), HttpStatusCode.PreconditionFailed);
        Assert.Equal(30m, (await jure.Client.GetFromJsonAsync<JsonObject>($"/api/v1/candidatures/{dossier}/evaluations/moi"))!["notes"]!["global"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task La_grille_par_defaut_se_remplace_et_ses_criteres_se_figent_a_l_evaluation()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var defaut = await admin.GetFromJsonAsync<JsonObject>("/api/v1/editions/2022/grille");
        Assert.Equal(4, defaut!["seuilsArobases"]!.AsArray().Count);
        Assert.Contains(defaut["criteres"]!.AsArray(), c => !c!["compteDansLeTotal"]!.GetValue<bool>());

        var invalide = await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/2022/grille", new
        {
            criteres = new[] { new { code = "a", nom = "A", min = 10, max = 0, poids = 1, compteDansLeTotal = true } },
            seuilsArobases = new[] { 50, 40, 60, 80 },
        }), HttpStatusCode.BadRequest);
        Assert.NotNull(invalide["errors"]!["criteres[0].max"]);
        Assert.NotNull(invalide["errors"]!["seuilsArobases"]);

        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/editions/2022/grille", GrilleSimple)).StatusCode);
        await AvancerAsync(admin, "evaluation");
        await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/2022/grille", new
        {
            criteres = new[] { new { code = "autre", nom = "Autre", min = 0, max = 10, poids = 1, compteDansLeTotal = true } },
            seuilsArobases = new[] { 35, 50, 65, 80 },
        }), HttpStatusCode.Conflict);
        var seuils = await admin.PutAsJsonAsync("/api/v1/editions/2022/grille", new
        {
            criteres = ((JsonObject)JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(GrilleSimple))!)["criteres"],
            seuilsArobases = new[] { 30, 45, 60, 75 },
        });
        Assert.Equal(HttpStatusCode.OK, seuils.StatusCode);

        // The next édition starts from this grid.
        await EditionAsync(admin, 2023);
        var clonee = await admin.GetFromJsonAsync<JsonObject>("/api/v1/editions/2023/grille");
        Assert.Equal("global", clonee!["criteres"]![0]!["code"]!.GetValue<string>());
        // The jurors score with it: a member of 2022's jury reads 2022's grid, not another édition's; a juror's account
        // outside the jury reads none.
        var membre = await JureAsync(admin);
        var lue = await membre.Client.GetFromJsonAsync<JsonObject>("/api/v1/editions/2022/grille");
        Assert.Equal([30m, 45m, 60m, 75m], lue!["seuilsArobases"]!.AsArray().Select(s => s!.GetValue<decimal>()));
        Assert.Equal("global", lue["criteres"]![0]!["code"]!.GetValue<string>());
        var refus = await ProblemeAsync(await membre.Client.GetAsync("/api/v1/editions/2023/grille"), HttpStatusCode.Forbidden);
        Assert.Equal("Vous ne siégez pas dans le jury de cette édition.", refus["detail"]!.GetValue<string>());
        var jure = await CompteAsync("jure");
        await ProblemeAsync(await jure.GetAsync("/api/v1/editions/2022/grille"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Un_jure_est_un_compte_de_role_jure_attache_a_des_territoires_reels()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var jure = await JureAsync(admin, attaches: new { codesInsee = new[] { "62041" }, sirens = new[] { "242010056" } });
        var liste = await admin.GetFromJsonAsync<JsonObject>("/api/v1/editions/2022/jures");
        var membre = Assert.Single(liste!["items"]!.AsArray())!;
        Assert.Equal(jure.Id, membre["id"]!.GetValue<Guid>());
        // Accounts have no name: the juror is shown to administrators by their account's e-mail address.
        Assert.Equal(jure.Email, membre["email"]!.GetValue<string>());
        var departements = membre["departementsEffectifs"]!.AsArray().Select(d => d!.GetValue<string>()).ToArray();
        Assert.Contains("62", departements);
        Assert.Contains("2A", departements);

        var arras = await CollectiviteAsync(admin, "62041");
        var mairie = await LireAsync(await admin.PostAsJsonAsync("/api/v1/comptes",
            new { email = "mairie@arras.fr", motDePasse = MotDePasse, role = "collectivite", collectiviteId = arras }));
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions/2022/jures",
            new { compteId = mairie["id"]!.GetValue<Guid>(), qualite = "expert" }), HttpStatusCode.UnprocessableEntity);
        var autre = await LireAsync(await admin.PostAsJsonAsync("/api/v1/comptes", new { email = "j2@test.labels", motDePasse = MotDePasse, role = "jure" }));
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions/2022/jures", new
        {
            compteId = autre["id"]!.GetValue<Guid>(), qualite = "expert", attaches = new { codesInsee = new[] { "62999" } },
        }), HttpStatusCode.UnprocessableEntity);
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions/2022/jures", new
        {
            compteId = autre["id"]!.GetValue<Guid>(), qualite = "professeur",
        }), HttpStatusCode.BadRequest);
        Assert.Equal(1, await Factory.DansLaBaseAsync(db => db.Jures.CountAsync()));
    }

    [Fact]
    public async Task Trop_de_conflits_declares_sont_refuses_sous_leur_nom()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var compte = await LireAsync(await admin.PostAsJsonAsync("/api/v1/comptes",
            new { email = $"jure-{Guid.NewGuid():N}@test.labels", motDePasse = MotDePasse, role = "jure" }));
        var refus = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions/2022/jures", new
        {
            compteId = compte["id"]!.GetValue<Guid>(), qualite = "expert",
            conflits = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()).ToArray(),
        }), HttpStatusCode.BadRequest);
        Assert.Equal(["conflits"], refus["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Jures.CountAsync()));
    }

    [Fact]
    public async Task Une_propriete_requise_absente_est_refusee_sous_son_nom_plutot_que_remplacee_par_un_defaut()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var compte = await LireAsync(await admin.PostAsJsonAsync("/api/v1/comptes",
            new { email = $"jure-{Guid.NewGuid():N}@test.labels", motDePasse = MotDePasse, role = "jure" }));
        var jure = await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions/2022/jures", new { compteId = compte["id"]!.GetValue<Guid>() }),
            HttpStatusCode.BadRequest);
        Assert.Equal(["qualite"], jure["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal("qualite est requis.", jure["detail"]!.GetValue<string>());
        var grille = await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/2022/grille", new
        {
            criteres = new[] { new { code = "global", nom = "Global", max = 10, poids = 1, compteDansLeTotal = true } },
            seuilsArobases = new[] { 35, 50, 65, 80 },
        }), HttpStatusCode.BadRequest);
        Assert.Equal(["criteres[0].min"], grille["errors"]!.AsObject().Select(e => e.Key));
        var dossier = await CandidatureAsync(admin, 2022, await CollectiviteAsync(admin, "62041"));
        var fiche = await ProblemeAsync(await admin.PostAsJsonAsync($"/api/v1/candidatures/{dossier}/fiches",
            new { titre = "Portail", description = "D", dateDebut = "2022-01-01", enjeux = new[] { "culture" } }), HttpStatusCode.BadRequest);
        Assert.Equal(["enCours"], fiche["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Jures.CountAsync()));
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Fiches.CountAsync()));
    }

    [Theory]
    [InlineData("declare")]
    [InlineData("commune")]
    [InlineData("epci-de-la-commune")]
    [InlineData("commune-de-l-epci")]
    [InlineData("departement")]
    public async Task Une_affectation_en_conflit_refuse_tout_le_lot(string lien)
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var ajaccio = await DossierDeposeAsync(admin, "2A004");
        var (code, attaches) = lien switch
        {
            "commune" => ("62041", (object)new { codesInsee = new[] { "62041" } }),
            "epci-de-la-commune" => ("200033579", new { codesInsee = new[] { "62041" } }),
            "commune-de-l-epci" => ("62041", new { sirens = new[] { "200033579" } }),
            "departement" => ("57059", new { departements = new[] { "57" } }),
            _ => ("97101", new { codesInsee = Array.Empty<string>() }),
        };
        var dossier = await DossierDeposeAsync(admin, code);
        var collectivite = await Factory.DansLaBaseAsync(db => db.Candidatures.Where(c => c.Id == dossier).Select(c => c.CollectiviteId).SingleAsync());
        var jure = await JureAsync(admin, attaches, lien == "declare" ? [collectivite] : null);

        var reponse = await admin.PostAsJsonAsync("/api/v1/editions/2022/affectations", new
        {
            affectations = new[] { new { candidatureId = ajaccio, jureId = jure.Id }, new { candidatureId = dossier, jureId = jure.Id } },
        });
        var probleme = await ProblemeAsync(reponse, HttpStatusCode.Conflict);
        Assert.Contains("Conflit d'intérêts", probleme["detail"]!.GetValue<string>());
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Affectations.CountAsync()));

        await AffecterAsync(admin, ajaccio, jure);
        Assert.Equal(1, await Factory.DansLaBaseAsync(db => db.Affectations.CountAsync()));
    }

    [Fact]
    public async Task Repartition_automatique_d_une_edition_realiste()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        // 254 real communes spread over France, filed and deposited; 15 jurors tied to real communes of those départements.
        var communes = await Factory.DansLaBaseAsync(db => db.Communes.AsNoTracking().OrderBy(c => c.CodeInsee).ToListAsync());
        var choisies = communes.Where((_, i) => i % 137 == 0).Take(254).ToList();
        Assert.Equal(254, choisies.Count);
        await Factory.DansLaBaseAsync(async db =>
        {
            var edition = await db.Editions.SingleAsync(e => e.Annee == 2022);
            foreach (var commune in choisies)
            {
                var collectivite = Collectivite.Commune(commune, DateTimeOffset.UtcNow);
                var candidature = Candidature.Creer(edition, collectivite.Id, false, DateTimeOffset.UtcNow);
                candidature.Deposer(edition, DateTimeOffset.UtcNow);
                db.Collectivites.Add(collectivite);
                db.Candidatures.Add(candidature);
            }
            return await db.SaveChangesAsync();
        });
        var jures = new List<Guid>();
        foreach (var commune in choisies.Where((_, i) => i % 17 == 0).Take(15))
            jures.Add((await JureAsync(admin, new { codesInsee = new[] { commune.CodeInsee } })).Id);

        var chrono = System.Diagnostics.Stopwatch.StartNew();
        var premiere = await admin.PostAsJsonAsync("/api/v1/editions/2022/affectations/auto", new { juresParDossier = 3 });
        // Measured, not asserted: the machines running the tests are shared.
        sortie.WriteLine($"Répartition automatique de 254 dossiers entre 15 jurés : {chrono.ElapsedMilliseconds} ms (requête HTTP comprise).");
        Assert.Equal(HttpStatusCode.OK, premiere.StatusCode);
        var bilan = await LireAsync(premiere);
        Assert.Equal(254, bilan["dossiers"]!.GetValue<int>());
        Assert.Equal(762, bilan["affectations"]!.GetValue<int>());
        Assert.True(bilan["chargeMax"]!.GetValue<int>() - bilan["chargeMin"]!.GetValue<int>() <= 1);

        var paires = await Factory.DansLaBaseAsync(db => (
            from a in db.Affectations
            join j in db.Jures on a.JureId equals j.Id
            join c in db.Candidatures on a.CandidatureId equals c.Id
            join col in db.Collectivites on c.CollectiviteId equals col.Id
            select new { a.CandidatureId, a.JureId, j.DepartementsEffectifs, col.Departement }).ToListAsync());
        Assert.All(paires.GroupBy(p => p.CandidatureId), g => Assert.Equal(3, g.Select(p => p.JureId).Distinct().Count()));
        var charges = paires.GroupBy(p => p.JureId).Select(g => g.Count()).ToArray();
        Assert.Equal(15, charges.Length);
        Assert.True(charges.Max() - charges.Min() <= 1);
        Assert.DoesNotContain(paires, p => p.DepartementsEffectifs.Contains(p.Departement));

        // Same input, same assignment.
        await admin.PostAsJsonAsync("/api/v1/editions/2022/affectations/auto", new { juresParDossier = 3 });
        var secondes = await Factory.DansLaBaseAsync(db => db.Affectations.Select(a => new { a.CandidatureId, a.JureId }).ToListAsync());
        Assert.Equal(paires.Select(p => (p.CandidatureId, p.JureId)).Order(), secondes.Select(p => (p.CandidatureId, p.JureId)).Order());
    }

    [Fact]
    public async Task Evaluation_avec_etag_428_412_et_journal()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        await admin.PutAsJsonAsync("/api/v1/editions/2022/grille", GrilleSimple);
        var dossier = await DossierDeposeAsync(admin, "2A004");
        var (a, b) = (await JureAsync(admin), await JureAsync(admin));
        await AffecterAsync(admin, dossier, a, b);
        await ProblemeAsync(await EcrireAsync(a.Client, dossier, 50), HttpStatusCode.Conflict); // not in evaluation yet
        await AvancerAsync(admin, "evaluation");

        var premiere = await EcrireAsync(a.Client, dossier, 40, soumise: false);
        Assert.Equal(HttpStatusCode.OK, premiere.StatusCode);
        var etag1 = premiere.Headers.ETag!.Tag;
        Assert.False((await LireAsync(premiere))["soumise"]!.GetValue<bool>());
        await ProblemeAsync(await EcrireAsync(a.Client, dossier, 45), HttpStatusCode.PreconditionRequired);
        var deuxieme = await EcrireAsync(a.Client, dossier, 45, ifMatch: etag1);
        Assert.Equal(HttpStatusCode.OK, deuxieme.StatusCode);
        var etag2 = deuxieme.Headers.ETag!.Tag;
        Assert.NotEqual(etag1, etag2);
        await ProblemeAsync(await EcrireAsync(a.Client, dossier, 99, ifMatch: etag1), HttpStatusCode.PreconditionFailed);

        var lue = await a.Client.GetAsync($"/api/v1/candidatures/{dossier}/evaluations/moi");
        Assert.Equal(etag2, lue.Headers.ETag!.Tag);
        var corps = await LireAsync(lue);
        Assert.Equal(45m, corps["notes"]!["global"]!.GetValue<decimal>());
        Assert.True(corps["soumise"]!.GetValue<bool>());

        // Another juror's evaluation of the same dossier is their own, and invisible to the first.
        await ProblemeAsync(await b.Client.GetAsync($"/api/v1/candidatures/{dossier}/evaluations/moi"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await EcrireAsync(b.Client, dossier, 70)).StatusCode);
        Assert.Equal(45m, (await a.Client.GetFromJsonAsync<JsonObject>($"/api/v1/candidatures/{dossier}/evaluations/moi"))!["notes"]!["global"]!.GetValue<decimal>());

        var historique = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/candidatures/{dossier}/evaluations/historique");
        var changements = historique!["items"]!.AsArray();
        Assert.Equal(3, changements.Count);
        Assert.Null(changements[0]!["avant"]);
        Assert.Equal(40m, changements[0]!["apres"]!["notes"]!["global"]!.GetValue<decimal>());
        Assert.Equal(40m, changements[1]!["avant"]!["notes"]!["global"]!.GetValue<decimal>());
        Assert.Equal(45m, changements[1]!["apres"]!["notes"]!["global"]!.GetValue<decimal>());
        Assert.True(changements[1]!["apres"]!["soumise"]!.GetValue<bool>());
        Assert.Equal(a.Id, changements[1]!["jureId"]!.GetValue<Guid>());
        await ProblemeAsync(await a.Client.GetAsync($"/api/v1/candidatures/{dossier}/evaluations/historique"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task De_deux_ecritures_avec_le_meme_if_match_une_seule_gagne()
    {
        var (_, dossier, jure) = await UnDossierEnEvaluationAsync();
        var etag = (await EcrireAsync(jure.Client, dossier, 10, soumise: false)).Headers.ETag!.Tag;

        for (var essai = 0; essai < 5; essai++)
        {
            // Two tabs of the same juror, each with its own connection.
            var onglet2 = Factory.CreateClient();
            onglet2.DefaultRequestHeaders.Authorization = jure.Client.DefaultRequestHeaders.Authorization;
            var reponses = await Task.WhenAll(EcrireAsync(jure.Client, dossier, 20 + essai, ifMatch: etag), EcrireAsync(onglet2, dossier, 30 + essai, ifMatch: etag));
            Assert.Single(reponses, r => r.StatusCode == HttpStatusCode.OK);
            Assert.Single(reponses, r => r.StatusCode == HttpStatusCode.PreconditionFailed);
            etag = reponses.Single(r => r.IsSuccessStatusCode).Headers.ETag!.Tag;
        }
        var version = await Factory.DansLaBaseAsync(db => db.Evaluations.Select(e => e.Version).SingleAsync());
        Assert.Equal(6, version);
        Assert.Equal(6, await Factory.DansLaBaseAsync(db => db.ChangementsEvaluation.CountAsync()));
    }

    [Fact]
    public async Task Une_evaluation_fermee_repond_409_avant_toute_precondition()
    {
        var (admin, dossier, jure) = await UnDossierEnEvaluationAsync();
        var etag = (await EcrireAsync(jure.Client, dossier, 10, soumise: false)).Headers.ETag!.Tag;
        await AvancerAsync(admin, "deliberation");
        // Without If-Match, with a stale one, with the current one: the evaluation is closed, whatever the precondition says.
        foreach (var ifMatch in new string?[] { null, "\"perime\"", etag })
            await ProblemeAsync(await EcrireAsync(jure.Client, dossier, 20, soumise: false, ifMatch: ifMatch), HttpStatusCode.Conflict);
        Assert.Equal(1, await Factory.DansLaBaseAsync(db => db.Evaluations.Select(e => e.Version).SingleAsync()));
    }

    [Fact]
    public async Task Des_ecritures_simultanees_avec_if_match_etoile_s_appliquent_toutes_l_une_apres_l_autre()
    {
        // '*' matches whatever version is current (RFC 9110, 13.1.1): eight tabs writing at once all succeed, in turn.
        var (_, dossier, jure) = await UnDossierEnEvaluationAsync();
        Assert.Equal(HttpStatusCode.OK, (await EcrireAsync(jure.Client, dossier, 10, soumise: false)).StatusCode);
        var reponses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i =>
        {
            var onglet = Factory.CreateClient();
            onglet.DefaultRequestHeaders.Authorization = jure.Client.DefaultRequestHeaders.Authorization;
            return EcrireAsync(onglet, dossier, i, soumise: false, ifMatch: "*");
        }));
        Assert.All(reponses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(9, await Factory.DansLaBaseAsync(db => db.Evaluations.Select(e => e.Version).SingleAsync()));
        Assert.Equal(9, await Factory.DansLaBaseAsync(db => db.ChangementsEvaluation.CountAsync()));
        // Each answer is the version its write made: eight distinct ones.
        Assert.Equal(8, reponses.Select(r => r.Headers.ETag!.Tag).Distinct().Count());
    }

    [Fact]
    public async Task Un_jure_ne_voit_que_ses_dossiers_et_une_collectivite_aucune_note()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        await admin.PutAsJsonAsync("/api/v1/editions/2022/grille", GrilleSimple);
        var ajaccio = await DossierDeposeAsync(admin, "2A004");
        var abymes = await DossierDeposeAsync(admin, "97101");
        var (assigne, autre) = (await JureAsync(admin), await JureAsync(admin));
        await AffecterAsync(admin, ajaccio, assigne);
        await AvancerAsync(admin, "evaluation");

        Assert.Equal(HttpStatusCode.OK, (await assigne.Client.GetAsync($"/api/v1/candidatures/{ajaccio}")).StatusCode);
        var fiches = await assigne.Client.GetFromJsonAsync<JsonObject>($"/api/v1/candidatures/{ajaccio}/fiches");
        Assert.Equal(1, fiches!["total"]!.GetValue<int>());
        await ProblemeAsync(await assigne.Client.GetAsync($"/api/v1/candidatures/{abymes}"), HttpStatusCode.NotFound);
        await ProblemeAsync(await assigne.Client.PostAsJsonAsync($"/api/v1/candidatures/{ajaccio}/fiches", Fiche()), HttpStatusCode.Forbidden);

        await ProblemeAsync(await EcrireAsync(autre.Client, ajaccio, 50), HttpStatusCode.Forbidden);
        await ProblemeAsync(await autre.Client.GetAsync($"/api/v1/candidatures/{ajaccio}/evaluations/moi"), HttpStatusCode.Forbidden);
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Evaluations.CountAsync()));

        var mes = await assigne.Client.GetFromJsonAsync<JsonObject>("/api/v1/jures/moi/affectations?edition=2022");
        var item = Assert.Single(mes!["items"]!.AsArray())!;
        Assert.Equal(ajaccio, item["candidatureId"]!.GetValue<Guid>());
        Assert.Equal("aFaire", item["evaluation"]!.GetValue<string>());
        await EcrireAsync(assigne.Client, ajaccio, 55, soumise: false);
        mes = await assigne.Client.GetFromJsonAsync<JsonObject>("/api/v1/jures/moi/affectations?edition=2022");
        Assert.Equal("brouillon", mes!["items"]![0]!["evaluation"]!.GetValue<string>());
        Assert.Empty((await autre.Client.GetFromJsonAsync<JsonObject>("/api/v1/jures/moi/affectations?edition=2022"))!["items"]!.AsArray());

        var mairie = await CompteAsync("collectivite", await Factory.DansLaBaseAsync(db =>
            db.Candidatures.Where(c => c.Id == ajaccio).Select(c => c.CollectiviteId).SingleAsync()));
        var dossier = await mairie.GetStringAsync($"/api/v1/candidatures/{ajaccio}");
        Assert.DoesNotContain("notes", dossier);
        await ProblemeAsync(await mairie.GetAsync($"/api/v1/candidatures/{ajaccio}/evaluations/moi"), HttpStatusCode.Forbidden);
        await ProblemeAsync(await mairie.GetAsync("/api/v1/editions/2022/deliberation"), HttpStatusCode.Forbidden);
        await ProblemeAsync(await assigne.Client.GetAsync("/api/v1/editions/2022/deliberation"), HttpStatusCode.Forbidden);
        await ProblemeAsync(await Anonyme().GetAsync($"/api/v1/candidatures/{ajaccio}/evaluations/moi"), HttpStatusCode.Unauthorized);
        await ProblemeAsync(await Anonyme().GetAsync("/api/v1/editions/2022/deliberation"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Notes_hors_grille_refusees()
    {
        var (_, dossier, jure) = await UnDossierEnEvaluationAsync();
        await ProblemeAsync(await EcrireAsync(jure.Client, dossier, 101), HttpStatusCode.UnprocessableEntity);
        var inconnu = await ProblemeAsync(await jure.Client.PutAsJsonAsync($"/api/v1/candidatures/{dossier}/evaluations/moi",
            new { notes = new { inconnu = 1 }, soumise = false }), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(inconnu["errors"]!["notes.inconnu"]);
        await ProblemeAsync(await jure.Client.PutAsJsonAsync($"/api/v1/candidatures/{dossier}/evaluations/moi",
            new { notes = new { mention = 1 }, soumise = true }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Evaluations.CountAsync()));
    }

    [Fact]
    public async Task Deliberation_statistiques_propositions_et_decisions()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        await admin.PutAsJsonAsync("/api/v1/editions/2022/grille", GrilleSimple);
        var x = await DossierDeposeAsync(admin, "2A004");
        var y = await DossierDeposeAsync(admin, "97101");
        var z = await DossierDeposeAsync(admin, "57059");
        var w = await DossierDeposeAsync(admin, "62041");
        var (a, b) = (await JureAsync(admin), await JureAsync(admin));
        await AffecterAsync(admin, x, a, b);
        await AffecterAsync(admin, y, a);
        await AffecterAsync(admin, z, b);
        await AffecterAsync(admin, w, a);
        await AvancerAsync(admin, "evaluation");
        // The example of the domain tests: A gives X 80 and Y 60; B gives X 70 and Z 50 (exactly the 3 @ threshold). W gets no score.
        foreach (var (jure, dossier, note) in new[] { (a, x, 80m), (a, y, 60m), (b, x, 70m), (b, z, 50m) })
            Assert.Equal(HttpStatusCode.OK, (await EcrireAsync(jure.Client, dossier, note)).StatusCode);
        await ProblemeAsync(await admin.GetAsync("/api/v1/editions/2022/deliberation"), HttpStatusCode.Conflict);
        await AvancerAsync(admin, "deliberation");
        await ProblemeAsync(await EcrireAsync(a.Client, w, 50), HttpStatusCode.Conflict);

        var lignes = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/editions/2022/deliberation"))!["items"]!.AsArray()
            .ToDictionary(l => l!["candidatureId"]!.GetValue<Guid>(), l => l!);
        Assert.Equal(4, lignes.Count);
        Assert.Equal(75m, lignes[x]["moyenne"]!.GetValue<decimal>());
        Assert.Equal(75m, lignes[x]["mediane"]!.GetValue<decimal>());
        Assert.Equal(5m, lignes[x]["ecartType"]!.GetValue<decimal>());
        Assert.Equal(76.18m, lignes[x]["moyenneNormalisee"]!.GetValue<decimal>());
        Assert.Equal(53.82m, lignes[y]["moyenneNormalisee"]!.GetValue<decimal>());
        Assert.Equal(53.82m, lignes[z]["moyenneNormalisee"]!.GetValue<decimal>());
        Assert.Equal(2, lignes[x]["nombreEvaluations"]!.GetValue<int>());
        Assert.Equal([70m, 80m], lignes[x]["scores"]!.AsArray().Select(s => s!["score"]!.GetValue<decimal>()).Order());
        Assert.Equal(80m, lignes[x]["scores"]!.AsArray().Single(s => s!["jureId"]!.GetValue<Guid>() == a.Id)!["score"]!.GetValue<decimal>());
        Assert.False(lignes[x]["desaccord"]!.GetValue<bool>());
        Assert.Equal(4, lignes[x]["arobasesProposees"]!.GetValue<int>()); // 75 ≥ 65
        Assert.Equal(3, lignes[y]["arobasesProposees"]!.GetValue<int>()); // 60 ≥ 50
        Assert.Equal(3, lignes[z]["arobasesProposees"]!.GetValue<int>()); // 50: exactly the threshold
        Assert.Null(lignes[w]["arobasesProposees"]);
        Assert.Equal(["services-publics"], lignes[x]["enjeuxCouverts"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal(16, lignes[x]["nombreEnjeux"]!.GetValue<int>());

        var jures = await admin.GetFromJsonAsync<JsonObject>("/api/v1/editions/2022/deliberation/jures");
        Assert.Equal(2, jures!["total"]!.GetValue<int>());
        Assert.Equal(1, jures["page"]!.GetValue<int>());
        Assert.Equal(50, jures["pageSize"]!.GetValue<int>());
        var statA = jures["items"]!.AsArray().Single(j => j!["jureId"]!.GetValue<Guid>() == a.Id)!;
        Assert.Equal(3, statA["affectes"]!.GetValue<int>());
        Assert.Equal(2, statA["soumises"]!.GetValue<int>());
        Assert.Equal(70m, statA["moyenne"]!.GetValue<decimal>());
        Assert.Equal(a.Email, statA["email"]!.GetValue<string>());
        var parPage = new List<string>();
        foreach (var n in new[] { 1, 2 })
        {
            var p = (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/editions/2022/deliberation/jures?pageSize=1&page={n}"))!;
            Assert.Equal(2, p["total"]!.GetValue<int>());
            parPage.Add(Assert.Single(p["items"]!.AsArray())!["email"]!.GetValue<string>());
        }
        Assert.Equal(new[] { a.Email, b.Email }.Order(), parPage.Order());
        Assert.Empty((await admin.GetFromJsonAsync<JsonObject>("/api/v1/editions/2022/deliberation/jures?page=3"))!["items"]!.AsArray());
        Assert.NotNull((await ProblemeAsync(await admin.GetAsync("/api/v1/editions/2022/deliberation/jures?pageSize=201"), HttpStatusCode.BadRequest))["errors"]!["pageSize"]);

        // The assignments name each juror the same way.
        var affectations = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/editions/2022/affectations?jureId={a.Id}");
        Assert.Equal(3, affectations!["total"]!.GetValue<int>());
        Assert.All(affectations["items"]!.AsArray(), i => Assert.Equal(a.Email, i!["jureEmail"]!.GetValue<string>()));

        // Departing from the proposal needs a justification; following it does not.
        var sansJustification = await ProblemeAsync(await admin.PutAsJsonAsync($"/api/v1/candidatures/{x}/decision",
            new { arobases = 5, mentions = new[] { "arobase-verte" } }), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(sansJustification["errors"]!["justification"]);
        var justifiee = await admin.PutAsJsonAsync($"/api/v1/candidatures/{x}/decision",
            new { arobases = 5, mentions = new[] { "arobase-verte" }, justification = "Projet exemplaire de sobriété." });
        Assert.Equal(HttpStatusCode.OK, justifiee.StatusCode);
        Assert.Equal(4, (await LireAsync(justifiee))["arobasesProposees"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/v1/candidatures/{y}/decision", new { arobases = 3 })).StatusCode);
        await ProblemeAsync(await admin.PutAsJsonAsync($"/api/v1/candidatures/{y}/decision", new { arobases = 3, mentions = new[] { "inconnue" } }),
            HttpStatusCode.UnprocessableEntity);
        await ProblemeAsync(await admin.PutAsJsonAsync($"/api/v1/candidatures/{y}/decision", new { arobases = 6 }), HttpStatusCode.BadRequest);
        await ProblemeAsync(await a.Client.PutAsJsonAsync($"/api/v1/candidatures/{y}/decision", new { arobases = 5 }), HttpStatusCode.Forbidden);

        // Bulk: Z gets its proposal; W has none and keeps waiting for the jury.
        var bulk = await admin.PostAsync("/api/v1/editions/2022/deliberation/propositions", null);
        Assert.Equal(1, (await LireAsync(bulk))["decisions"]!.GetValue<int>());
        var decisions = await Factory.DansLaBaseAsync(db => db.Distinctions.ToDictionaryAsync(d => d.CandidatureId));
        Assert.Equal(5, decisions[x].Arobases);
        Assert.Equal(["arobase-verte"], decisions[x].Mentions);
        Assert.Equal(3, decisions[y].Arobases);
        Assert.Equal(3, decisions[z].Arobases);
        Assert.False(decisions.ContainsKey(w));
        Assert.Equal(2, await Factory.DansLaBaseAsync(db => db.Audit.CountAsync(e => e.Action == "deliberation.decision")));
    }
}
