namespace Labels.Api.Tests;

public sealed class FichesTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private async Task<(HttpClient Admin, HttpClient Mairie, Guid Candidature)> DossierAsync(string statut = "candidatures")
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, statut);
        var arras = await CollectiviteAsync(admin, "62041");
        var mairie = await CompteAsync("collectivite", arras);
        return (admin, mairie, await CandidatureAsync(statut == "candidatures" ? mairie : admin, 2022, arras));
    }

    private Task<int> NombreDeFichesAsync() => Factory.DansLaBaseAsync(db => db.Fiches.CountAsync());

    [Fact]
    public async Task Creer_lire_modifier_supprimer_une_fiche()
    {
        var (_, mairie, id) = await DossierAsync();
        var reponse = await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche(reference: "ARR-2021-001", enjeux: ["education", "culture"]));
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        var fiche = await LireAsync(reponse);
        Assert.Equal($"/api/v1/candidatures/{id}/fiches/{fiche["id"]}", reponse.Headers.Location!.ToString());
        Assert.Equal("ARR-2021-001", fiche["reference"]!.GetValue<string>());
        Assert.Equal(["culture", "education"], fiche["enjeux"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.Equal("2021-03-01", fiche["dateDebut"]!.GetValue<string>());
        Assert.True(fiche["retenue"]!.GetValue<bool>());

        var modifiee = await mairie.PutAsJsonAsync(reponse.Headers.Location, new
        {
            titre = "Portail citoyen v2", description = "Refonte", dateDebut = "2020-01-01", dateFin = "2021-06-30", enCours = false,
            enjeux = new[] { "services-publics" },
        });
        Assert.Equal(HttpStatusCode.OK, modifiee.StatusCode);
        var relue = await mairie.GetFromJsonAsync<JsonObject>(reponse.Headers.Location);
        Assert.Equal("Portail citoyen v2", relue!["titre"]!.GetValue<string>());
        Assert.Equal("2021-06-30", relue["dateFin"]!.GetValue<string>());
        Assert.Null(relue["reference"]);
        Assert.Empty(relue["liens"]!.AsArray());

        Assert.Equal(HttpStatusCode.NoContent, (await mairie.DeleteAsync(reponse.Headers.Location)).StatusCode);
        Assert.Equal(0, await NombreDeFichesAsync());
        await ProblemeAsync(await mairie.GetAsync(reponse.Headers.Location), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Validation_complete_en_400_sans_rien_ecrire()
    {
        var (_, mairie, id) = await DossierAsync();
        var corps = await ProblemeAsync(await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", new
        {
            titre = "", description = new string('x', 20_001), dateDebut = "2021-03-01", dateFin = "2021-01-01", enCours = false,
            enjeux = new[] { "Pas Un Code" }, liens = new[] { "ftp://exemple.fr", "pas une url" },
        }), HttpStatusCode.BadRequest);
        var erreurs = corps["errors"]!.AsObject();
        Assert.NotNull(erreurs["titre"]);
        Assert.NotNull(erreurs["description"]);
        Assert.NotNull(erreurs["dateFin"]);
        Assert.Contains(erreurs, e => e.Key.StartsWith("enjeux[0]", StringComparison.Ordinal));
        Assert.Contains(erreurs, e => e.Key.StartsWith("liens[1]", StringComparison.Ordinal));

        await ProblemeAsync(await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", new
        {
            titre = "T", description = "D", dateDebut = "2021-03-01", enCours = true,
        }), HttpStatusCode.BadRequest);
        await ProblemeAsync(await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", new
        {
            titre = "T", description = "D", dateDebut = "2021-03-01", enCours = true, enjeux = new[] { "education" }, statut = "deposee",
        }), HttpStatusCode.BadRequest);
        var malforme = await mairie.PostAsync($"/api/v1/candidatures/{id}/fiches", new StringContent("{\"titre\": ", Encoding.UTF8, "application/json"));
        await ProblemeAsync(malforme, HttpStatusCode.BadRequest);
        Assert.Equal(0, await NombreDeFichesAsync());
    }

    [Fact]
    public async Task Codes_inconnus_de_l_edition_422()
    {
        var (admin, mairie, id) = await DossierAsync();
        var inconnu = await ProblemeAsync(await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche(enjeux: ["espace"])),
            HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(inconnu["errors"]!["enjeux"]);
        Assert.Contains("espace", inconnu["detail"]!.GetValue<string>());

        var avecServices = await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", new
        {
            titre = "T", description = "D", dateDebut = "2021-03-01", enCours = true, services = new[] { "ent" },
        });
        await ProblemeAsync(avecServices, HttpStatusCode.UnprocessableEntity);

        // Once the édition has services, a fiche names services and its enjeux follow.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/editions/2022/referentiel", new
        {
            enjeux = new[] { new { code = "education", nom = "Éducation", services = new[] { new { code = "ent", nom = "ENT" } } } },
            mentions = Array.Empty<object>(),
        })).StatusCode);
        var classee = await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", new
        {
            titre = "T", description = "D", dateDebut = "2021-03-01", enCours = true, services = new[] { "ent" },
        });
        Assert.Equal(HttpStatusCode.Created, classee.StatusCode);
        Assert.Equal("education", Assert.Single((await LireAsync(classee))["enjeux"]!.AsArray())!.GetValue<string>());
        await ProblemeAsync(await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche(enjeux: ["education"])),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal(1, await NombreDeFichesAsync());
    }

    [Fact]
    public async Task Une_reference_est_unique_dans_un_dossier()
    {
        var (_, mairie, id) = await DossierAsync();
        var premiere = await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche(reference: "R-1"));
        Assert.Equal(HttpStatusCode.Created, premiere.StatusCode);
        var doublon = await ProblemeAsync(await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche(titre: "Autre", reference: "R-1")),
            HttpStatusCode.Conflict);
        Assert.Equal($"La fiche {(await LireAsync(premiere))["id"]} de ce dossier porte déjà la référence « R-1 ».", doublon["detail"]!.GetValue<string>());
        Assert.Equal(1, await NombreDeFichesAsync());
    }

    [Fact]
    public async Task Sans_reference_un_titre_est_unique_dans_un_dossier()
    {
        // An import knows a fiche without reference by its title (docs/import.md): two of them with one title would leave it
        // unable to tell which one a file updates.
        var (_, mairie, id) = await DossierAsync();
        var premiere = await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche(titre: "Portail"));
        Assert.Equal(HttpStatusCode.Created, premiere.StatusCode);
        var idPremiere = (await LireAsync(premiere))["id"]!.GetValue<Guid>();
        var attendu = $"La fiche {idPremiere} de ce dossier, sans référence, porte déjà le titre « Portail » : "
            + "donnez une référence à l'une des deux ou un autre titre.";
        var doublon = await ProblemeAsync(await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche(titre: " Portail ")),
            HttpStatusCode.Conflict);
        Assert.Equal(attendu, doublon["detail"]!.GetValue<string>());

        // With a reference the same title is another fiche; losing it, or taking the title, meets the first again.
        var avecReference = await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche(titre: "Portail", reference: "R-1"));
        Assert.Equal(HttpStatusCode.Created, avecReference.StatusCode);
        var sansReference = await ProblemeAsync(await mairie.PutAsJsonAsync(avecReference.Headers.Location, Fiche(titre: "Portail")),
            HttpStatusCode.Conflict);
        Assert.Equal(attendu, sansReference["detail"]!.GetValue<string>());
        var autre = await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche(titre: "Autre"));
        Assert.Equal(HttpStatusCode.Created, autre.StatusCode);
        var renommee = await ProblemeAsync(await mairie.PutAsJsonAsync(autre.Headers.Location, Fiche(titre: "Portail")), HttpStatusCode.Conflict);
        Assert.Equal(attendu, renommee["detail"]!.GetValue<string>());

        var titres = await Factory.DansLaBaseAsync(db => db.Fiches.Select(f => f.Titre + "/" + (f.Reference ?? "-")).ToListAsync());
        Assert.Equal(["Autre/-", "Portail/-", "Portail/R-1"], titres.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Une_autre_collectivite_ne_voit_ni_ne_change_rien()
    {
        var (admin, mairie, id) = await DossierAsync();
        var ficheUrl = (await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche())).Headers.Location!;
        var autre = await CompteAsync("collectivite", await CollectiviteAsync(admin, "57059"));
        await ProblemeAsync(await autre.GetAsync($"/api/v1/candidatures/{id}/fiches"), HttpStatusCode.NotFound);
        await ProblemeAsync(await autre.GetAsync(ficheUrl), HttpStatusCode.NotFound);
        await ProblemeAsync(await autre.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche(titre: "Intrusion")), HttpStatusCode.NotFound);
        await ProblemeAsync(await autre.PutAsJsonAsync(ficheUrl, Fiche(titre: "Intrusion")), HttpStatusCode.NotFound);
        await ProblemeAsync(await autre.DeleteAsync(ficheUrl), HttpStatusCode.NotFound);
        await ProblemeAsync(await Anonyme().GetAsync($"/api/v1/candidatures/{id}/fiches"), HttpStatusCode.Unauthorized);
        var titres = await Factory.DansLaBaseAsync(db => db.Fiches.Select(f => f.Titre).ToListAsync());
        Assert.Equal(["Portail citoyen"], titres);
    }

    [Fact]
    public async Task Hors_candidatures_seul_l_administrateur_corrige_et_c_est_journalise()
    {
        var (admin, mairie, id) = await DossierAsync();
        var ficheUrl = (await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche())).Headers.Location!;
        await admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut = "evaluation" });

        await ProblemeAsync(await mairie.PutAsJsonAsync(ficheUrl, Fiche(titre: "Trop tard")), HttpStatusCode.Conflict);
        await ProblemeAsync(await mairie.DeleteAsync(ficheUrl), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(ficheUrl, Fiche(titre: "Corrigée"))).StatusCode);
        var journal = await Factory.DansLaBaseAsync(db => db.Audit.Where(a => a.Action == "correction.fiche.modifiee").ToListAsync());
        Assert.Contains("Corrigée", Assert.Single(journal).Details);
        // The collectivité still reads its dossier.
        Assert.Equal(HttpStatusCode.OK, (await mairie.GetAsync(ficheUrl)).StatusCode);
    }

    [Fact]
    public async Task Liste_paginee()
    {
        var (_, mairie, id) = await DossierAsync();
        for (var i = 1; i <= 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await mairie.PostAsJsonAsync($"/api/v1/candidatures/{id}/fiches", Fiche(titre: $"Action {i}"))).StatusCode);
        var page = await mairie.GetFromJsonAsync<JsonObject>($"/api/v1/candidatures/{id}/fiches?pageSize=2&page=2");
        Assert.Equal(3, page!["total"]!.GetValue<int>());
        Assert.Equal("Action 3", Assert.Single(page["items"]!.AsArray())!["titre"]!.GetValue<string>());
        var candidature = await mairie.GetFromJsonAsync<JsonObject>($"/api/v1/candidatures/{id}");
        Assert.Equal(3, candidature!["nombreFiches"]!.GetValue<int>());
        await ProblemeAsync(await mairie.GetAsync($"/api/v1/candidatures/{id}/fiches?pageSize=500"), HttpStatusCode.BadRequest);
    }
}
