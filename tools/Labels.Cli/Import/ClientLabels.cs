using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Labels.Cli.Import;

/// <summary>An answer of the API that is neither a report nor an accepted import: its problem details.</summary>
public sealed class ErreurApi(HttpStatusCode statut, DetailsProbleme? probleme, string brut)
    : Exception(probleme?.Detail ?? probleme?.Title ?? (brut.Length > 0 ? brut : statut.ToString()))
{
    public HttpStatusCode Statut { get; } = statut;
    public DetailsProbleme? Probleme { get; } = probleme;
}

/// <summary>The three calls the CLI needs: login, import, import state.</summary>
public sealed class ClientLabels : IDisposable
{
    // An import of a large file answers only once it is applied: minutes, so no client-side time limit on it.
    private readonly HttpClient _http;
    private static readonly TimeSpan DelaiCourt = TimeSpan.FromSeconds(60);

    public ClientLabels(Uri adresse)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            // A server that ignores Expect: 100-continue still gets the body, after this pause.
            Expect100ContinueTimeout = TimeSpan.FromSeconds(3),
        })
        {
            BaseAddress = adresse,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("labels-import", "1.0"));
    }

    public string? Jeton { get; set; }

    public async Task<string> ConnecterAsync(string email, string motDePasse, CancellationToken ct)
    {
        using var delai = Delai(ct);
        using var reponse = await _http.PostAsJsonAsync("api/v1/auth/login", new { email, password = motDePasse }, Json.Options, delai.Token);
        if (reponse.StatusCode != HttpStatusCode.OK) throw await ErreurAsync(reponse, delai.Token);
        var jeton = await reponse.Content.ReadFromJsonAsync<ReponseConnexion>(Json.Options, delai.Token);
        if (string.IsNullOrEmpty(jeton?.AccessToken)) throw new ErreurApi(reponse.StatusCode, null, "the login answer has no accessToken");
        return Jeton = jeton.AccessToken;
    }

    public async Task<HttpResponseMessage> EnvoyerAsync(int annee, HttpContent contenu, bool dryRun, bool asynchrone, CancellationToken ct)
    {
        var chemin = $"api/v1/editions/{annee}/imports?dryRun={(dryRun ? "true" : "false")}&async={(asynchrone ? "true" : "false")}";
        using var requete = new HttpRequestMessage(HttpMethod.Post, chemin) { Content = contenu };
        Authentifier(requete);
        // The API turns down a bad token, an unknown édition or a too large file before it reads the body:
        // with 100-continue those answers come before a gigabyte is sent for nothing.
        requete.Headers.ExpectContinue = true;
        return await _http.SendAsync(requete, HttpCompletionOption.ResponseHeadersRead, ct);
    }

    public async Task<EtatImport> LireImportAsync(Uri chemin, CancellationToken ct)
    {
        using var delai = Delai(ct);
        using var requete = new HttpRequestMessage(HttpMethod.Get, chemin);
        Authentifier(requete);
        using var reponse = await _http.SendAsync(requete, delai.Token);
        if (reponse.StatusCode != HttpStatusCode.OK) throw await ErreurAsync(reponse, delai.Token);
        return await reponse.Content.ReadFromJsonAsync<EtatImport>(Json.Options, delai.Token)
            ?? throw new ErreurApi(reponse.StatusCode, null, "empty import state");
    }

    public static async Task<T> LireAsync<T>(HttpResponseMessage reponse, CancellationToken ct) where T : class =>
        await reponse.Content.ReadFromJsonAsync<T>(Json.Options, ct)
        ?? throw new ErreurApi(reponse.StatusCode, null, $"empty answer (HTTP {(int)reponse.StatusCode})");

    public static async Task<ErreurApi> ErreurAsync(HttpResponseMessage reponse, CancellationToken ct)
    {
        var brut = await reponse.Content.ReadAsStringAsync(ct);
        DetailsProbleme? probleme = null;
        try
        {
            if (brut.TrimStart().StartsWith('{')) probleme = JsonSerializer.Deserialize<DetailsProbleme>(brut, Json.Options);
        }
        catch (JsonException)
        {
            // Not problem details (a proxy's page, say): the raw text is shown instead.
        }
        return new ErreurApi(reponse.StatusCode, probleme, brut.Length > 500 ? brut[..500] : brut);
    }

    private void Authentifier(HttpRequestMessage requete)
    {
        if (Jeton is not null) requete.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Jeton);
    }

    private static CancellationTokenSource Delai(CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(DelaiCourt);
        return cts;
    }

    public void Dispose() => _http.Dispose();
}
