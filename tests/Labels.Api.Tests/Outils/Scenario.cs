using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;

namespace Labels.Api.Tests.Outils;

/// <summary>
/// An édition in evaluation with one filed dossier (Arras) and its fiche, another collectivité
/// (Bellange) with its own filed dossier and fiche assigned to no one, an assigned juror (to Arras), a free
/// one and a conflicted one, and one import run: enough for every route of the API to have something to act
/// on, and for every caller but the staff a dossier they may not see.
/// </summary>
public sealed partial record Scenario(
    HttpClient Admin, HttpClient Proprietaire, HttpClient AutreCollectivite, HttpClient JureAssigne, HttpClient JureLibre,
    HttpClient JureEnConflit, Guid Arras, Guid Dossier, Guid Fiche, Guid Import, Guid DossierBellange, Guid FicheBellange)
{
    public static async Task<Scenario> PreparerAsync(ApiTestOutils outils)
    {
        var admin = await outils.AdminAsync();
        await outils.EditionAsync(admin, 2022, "candidatures");
        var arras = await outils.CollectiviteAsync(admin, "62041");
        var bellange = await outils.CollectiviteAsync(admin, "57059");
        var proprietaire = await outils.CompteAsync("collectivite", arras);
        var autre = await outils.CompteAsync("collectivite", bellange);
        var (dossier, fiche) = await DossierDeposeAsync(outils, proprietaire, arras);
        var (dossierBellange, ficheBellange) = await DossierDeposeAsync(outils, autre, bellange);
        var (assigne, idAssigne) = await JureAsync(outils, admin, null);
        var (libre, _) = await JureAsync(outils, admin, null);
        var (enConflit, _) = await JureAsync(outils, admin, arras);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/v1/editions/2022/affectations",
            new { affectations = new[] { new { candidatureId = dossier, jureId = idAssigne } } })).StatusCode);
        await admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut = "evaluation" });
        var import = await outils.Factory.DansLaBaseAsync(async db =>
        {
            var i = Domain.Imports.Import.Demarrer(await db.Editions.SingleAsync(), null, Domain.Imports.FormatImport.Csv, true, Guid.NewGuid(),
                DateTimeOffset.UtcNow);
            db.Imports.Add(i);
            await db.SaveChangesAsync();
            return i.Id;
        });
        return new Scenario(admin, proprietaire, autre, assigne, libre, enConflit, arras, dossier, fiche, import, dossierBellange, ficheBellange);
    }

    private static async Task<(Guid Dossier, Guid Fiche)> DossierDeposeAsync(ApiTestOutils outils, HttpClient mairie, Guid collectivite)
    {
        var dossier = await outils.CandidatureAsync(mairie, 2022, collectivite);
        var fiche = (await outils.LireAsync(await mairie.PostAsJsonAsync($"/api/v1/candidatures/{dossier}/fiches", outils.Fiche())))["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.OK, (await mairie.PostAsync($"/api/v1/candidatures/{dossier}/depot", null)).StatusCode);
        return (dossier, fiche);
    }

    private static async Task<(HttpClient Client, Guid JureId)> JureAsync(ApiTestOutils outils, HttpClient admin, Guid? conflit)
    {
        var email = $"jure-{Guid.NewGuid():N}@test.labels";
        var compte = (await outils.LireAsync(await admin.PostAsJsonAsync("/api/v1/comptes",
            new { email, motDePasse = ApiTestOutils.MotDePasseDeTest, role = "jure" })))["id"]!.GetValue<Guid>();
        var jure = await admin.PostAsJsonAsync("/api/v1/editions/2022/jures",
            new { compteId = compte, qualite = "universitaire", conflits = conflit is null ? Array.Empty<Guid>() : [conflit.Value] });
        Assert.Equal(HttpStatusCode.Created, jure.StatusCode);
        return (await outils.ConnecteAsync(email, ApiTestOutils.MotDePasseDeTest), (await outils.LireAsync(jure))["id"]!.GetValue<Guid>());
    }

    /// <summary>The URL of a route template, its parameters naming this scenario's records.</summary>
    public string Url(string modele) => Url(modele, Dossier, Fiche);

    /// <summary>The URL of a route template, its dossier and fiche being the ones given (the others this scenario's).</summary>
    public string Url(string modele, Guid dossier, Guid fiche) => modele
        .Replace("{annee}", "2022")
        .Replace("/candidatures/{id}", $"/candidatures/{dossier}")
        .Replace("/collectivites/{id}", $"/collectivites/{Arras}")
        .Replace("/imports/{id}", $"/imports/{Import}")
        .Replace("/jetons/{id}", $"/jetons/{Guid.NewGuid()}")
        .Replace("/comptes/{id}", $"/comptes/{Guid.NewGuid()}")
        .Replace("/abonnements/{id}", $"/abonnements/{Guid.NewGuid()}")
        .Replace("{livraisonId}", Guid.NewGuid().ToString())
        .Replace("{ficheId}", fiche.ToString())
        .Replace("{codeInsee}", "62041")
        .Replace("{siren}", "200033579")
        + (modele == "/api/v1/jures/moi/affectations" ? "?edition=2022" : "");

    [GeneratedRegex(@"\{(\w+):[^}]+\}")]
    private static partial Regex Contrainte();

    /// <summary>Every route of the application, as (method, template without constraints).</summary>
    public static IReadOnlyList<(string Methode, string Modele)> Routes(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.Contains("{*", StringComparison.Ordinal))
            // Health checks answer every method; they are listed under GET.
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m =>
                (m, "/" + Contrainte().Replace(e.RoutePattern.RawText!, "{$1}").Trim('/'))))
            .Distinct().ToList();
}
