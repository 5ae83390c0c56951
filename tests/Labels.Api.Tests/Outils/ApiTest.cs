using System.Net.Http.Headers;
using System.Text.Json;

namespace Labels.Api.Tests.Outils;

/// <summary>Each test starts from an empty database (COG and first administrator aside).</summary>
[Collection(CollectionApi.Nom)]
public abstract class ApiTest(LabelsApiFactory factory) : ApiTestOutils(factory), IAsyncLifetime
{
    public Task InitializeAsync() => Factory.ReinitialiserAsync();
    public Task DisposeAsync() => Task.CompletedTask;
}

/// <summary>What tests do through the API: log in, create accounts, collectivités, éditions, dossiers.</summary>
public abstract class ApiTestOutils(LabelsApiFactory factory)
{
    public const string MotDePasseDeTest = "Mot-de-passe-de-test-1";
    protected const string MotDePasse = MotDePasseDeTest;
    public LabelsApiFactory Factory { get; } = factory;

    protected HttpClient Anonyme() => Factory.CreateClient();

    public async Task<HttpClient> AdminAsync() => await ConnecteAsync(LabelsApiFactory.AdminEmail, LabelsApiFactory.AdminMotDePasse);

    public async Task<HttpClient> ConnecteAsync(string email, string motDePasse)
    {
        var client = Factory.CreateClient();
        var reponse = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = motDePasse });
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var jeton = (await reponse.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", jeton);
        return client;
    }

    /// <summary>Creates an account through the API, then logs in with it.</summary>
    public async Task<HttpClient> CompteAsync(string role, Guid? collectiviteId = null, string? email = null)
    {
        email ??= $"{role}-{Guid.NewGuid():N}@test.labels";
        var admin = await AdminAsync();
        var reponse = await admin.PostAsJsonAsync("/api/v1/comptes", new { email, motDePasse = MotDePasse, role, collectiviteId });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        return await ConnecteAsync(email, MotDePasse);
    }

    public async Task<Guid> CollectiviteAsync(HttpClient admin, string code)
    {
        var corps = code.Length == 9 ? (object)new { siren = code } : new { codeInsee = code };
        var reponse = await admin.PostAsJsonAsync("/api/v1/collectivites", corps);
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        return (await LireAsync(reponse))["id"]!.GetValue<Guid>();
    }

    public async Task EditionAsync(HttpClient admin, int annee, string? statut = null, bool historique = false)
    {
        var reponse = await admin.PostAsJsonAsync("/api/v1/editions", new { annee, numero = annee - 1999, historique });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        if (statut is null) return;
        foreach (var etape in new[] { "candidatures", "evaluation", "deliberation" })
        {
            var r = await admin.PutAsJsonAsync($"/api/v1/editions/{annee}/statut", new { statut = etape });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            if (etape == statut) return;
        }
    }

    public async Task<Guid> CandidatureAsync(HttpClient client, int annee, Guid collectiviteId)
    {
        var reponse = await client.PostAsJsonAsync($"/api/v1/editions/{annee}/candidatures", new { collectiviteId });
        Assert.Equal(HttpStatusCode.Created, reponse.StatusCode);
        return (await LireAsync(reponse))["id"]!.GetValue<Guid>();
    }

    public object Fiche(string titre = "Portail citoyen", string[]? enjeux = null, string? reference = null) => new
    {
        reference,
        titre,
        resume = "Un portail pour les démarches.",
        description = "Les habitants font leurs démarches en ligne.",
        dateDebut = "2021-03-01",
        enCours = true,
        enjeux = enjeux ?? ["services-publics"],
        liens = new[] { "https://exemple.fr/portail" },
    };

    /// <summary>An archived édition with these distinctions, published now through the API (see <see cref="Historiques"/>).</summary>
    protected Task<HttpResponseMessage> HistoriqueAsync(HttpClient admin, int annee, params Resultat[] resultats) =>
        this.PublierHistoriqueAsync(admin, annee, null, resultats);

    public async Task<JsonObject> LireAsync(HttpResponseMessage reponse) =>
        (await reponse.Content.ReadFromJsonAsync<JsonObject>())!;

    /// <summary>Checks a problem-details answer: its status, its media type, and returns its body.</summary>
    protected static async Task<JsonObject> ProblemeAsync(HttpResponseMessage reponse, HttpStatusCode attendu)
    {
        var texte = await reponse.Content.ReadAsStringAsync();
        Assert.True(attendu == reponse.StatusCode, $"Attendu {(int)attendu}, reçu {(int)reponse.StatusCode} : {texte}");
        Assert.Equal("application/problem+json", reponse.Content.Headers.ContentType?.MediaType);
        var corps = JsonNode.Parse(texte)!.AsObject();
        Assert.Equal((int)attendu, corps["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(corps["title"]?.GetValue<string>()));
        return corps;
    }

    protected static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
