using Labels.Api.Securite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Labels.Api.Tests;

/// <summary>
/// The API behind a reverse proxy, over real sockets: the proxy connects from 127.0.0.2, another caller from 127.0.0.3.
/// Only the configured proxy's X-Forwarded-For and X-Forwarded-Proto are believed.
/// </summary>
public sealed class ProxysTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private const string Proxy = "127.0.0.2";
    private const string Autre = "127.0.0.3";

    private static async Task<HttpResponseMessage> DemanderAsync(HttpClient client, string url, string? pour = null, string? proto = null)
    {
        var requete = new HttpRequestMessage(HttpMethod.Get, url);
        if (pour is not null) requete.Headers.Add("X-Forwarded-For", pour);
        if (proto is not null) requete.Headers.Add("X-Forwarded-Proto", proto);
        return await client.SendAsync(requete);
    }

    private static async Task RefuseAsync(HttpResponseMessage reponse)
    {
        await ProblemeAsync(reponse, HttpStatusCode.TooManyRequests);
        Assert.True(reponse.Headers.RetryAfter!.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Derriere_le_proxy_chaque_client_a_sa_limite_et_un_appelant_qui_usurpe_n_en_a_qu_une()
    {
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await HistoriqueAsync(admin, 2021, new Resultat("62041", 3))).StatusCode);
        await using var serveur = ServeurKestrel.Demarrer(Factory, ("Proxys:Connus:0", Proxy), ("LimitesDeDebit:LecturePublique", "2"));
        using var proxy = serveur.ClientDepuis(Proxy);
        using var autre = serveur.ClientDepuis(Autre);
        const string palmares = "/api/v1/editions/2021/palmares";

        // Through the proxy: two public reads for one client, on the palmarès' fast path and on an endpoint, then 429 on both.
        Assert.Equal(HttpStatusCode.OK, (await DemanderAsync(proxy, palmares, "203.0.113.10")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DemanderAsync(proxy, "/api/v1/editions/2021", "203.0.113.10")).StatusCode);
        await RefuseAsync(await DemanderAsync(proxy, "/api/v1/editions/2021/chiffres-cles", "203.0.113.10"));
        await RefuseAsync(await DemanderAsync(proxy, palmares, "203.0.113.10"));
        // Another client through the same proxy has its own allowance. What a client writes before the proxy's entry is not
        // believed: 203.0.113.20 stays 203.0.113.20 whatever it claims to forward.
        Assert.Equal(HttpStatusCode.OK, (await DemanderAsync(proxy, palmares, "203.0.113.20")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DemanderAsync(proxy, "/api/v1/editions/2021", "198.51.100.1, 203.0.113.20")).StatusCode);
        await RefuseAsync(await DemanderAsync(proxy, palmares, "198.51.100.2, 203.0.113.20"));

        // Not the configured proxy (though on loopback, which ASP.NET Core would trust by default): its headers are ignored,
        // and every name it claims shares its one allowance.
        Assert.Equal(HttpStatusCode.OK, (await DemanderAsync(autre, palmares, "203.0.113.30")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DemanderAsync(autre, "/api/v1/editions/2021", "203.0.113.40")).StatusCode);
        await RefuseAsync(await DemanderAsync(autre, palmares, "203.0.113.50"));
        await RefuseAsync(await DemanderAsync(autre, "/api/v1/editions/2021/chiffres-cles", "203.0.113.60"));
    }

    [Fact]
    public async Task Sans_proxy_configure_personne_n_est_cru()
    {
        await using var serveur = ServeurKestrel.Demarrer(Factory, ("LimitesDeDebit:LecturePublique", "2"));
        using var client = serveur.ClientDepuis(Proxy);
        Assert.Equal(HttpStatusCode.OK, (await DemanderAsync(client, "/api/v1/editions", "203.0.113.10")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await DemanderAsync(client, "/api/v1/editions", "203.0.113.20")).StatusCode);
        await RefuseAsync(await DemanderAsync(client, "/api/v1/editions", "203.0.113.30"));

        await ProblemeAsync(await ConnexionAsync(client, "loin@test.labels", "faux", "203.0.113.40"), HttpStatusCode.Unauthorized);
        Assert.Equal(Proxy, await AdresseJourneeAsync(await AdminAsync(), "loin@test.labels"));
    }

    [Fact]
    public async Task Le_journal_des_connexions_retient_le_client_du_proxy_et_l_adresse_des_autres()
    {
        var admin = await AdminAsync();
        await using var serveur = ServeurKestrel.Demarrer(Factory, ("Proxys:Connus:0", Proxy));
        using var proxy = serveur.ClientDepuis(Proxy);
        using var autre = serveur.ClientDepuis(Autre);
        await ProblemeAsync(await ConnexionAsync(proxy, "par-le-proxy@test.labels", "faux", "203.0.113.77"), HttpStatusCode.Unauthorized);
        await ProblemeAsync(await ConnexionAsync(autre, "en-direct@test.labels", "faux", "203.0.113.77"), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await ConnexionAsync(proxy, LabelsApiFactory.AdminEmail, LabelsApiFactory.AdminMotDePasse, null)).StatusCode);

        Assert.Equal("203.0.113.77", await AdresseJourneeAsync(admin, "par-le-proxy@test.labels"));
        Assert.Equal(Autre, await AdresseJourneeAsync(admin, "en-direct@test.labels"));
        // The proxy forwarded no address this time: the one recorded is its own.
        Assert.Equal(Proxy, await AdresseJourneeAsync(admin, LabelsApiFactory.AdminEmail));
    }

    [Fact]
    public async Task La_redirection_https_suit_le_schema_que_le_proxy_a_recu()
    {
        await using var serveur = ServeurKestrel.Demarrer(Factory,
            ("Proxys:Reseaux:0", "127.0.0.2/32"), ("Securite:HttpsObligatoire", "true"), ("https_port", "443"));
        using var proxy = serveur.ClientDepuis(Proxy);
        using var autre = serveur.ClientDepuis(Autre);

        Assert.Equal(HttpStatusCode.OK, (await DemanderAsync(proxy, "/api/v1/editions", "203.0.113.10", "https")).StatusCode);
        var http = await DemanderAsync(proxy, "/api/v1/editions", "203.0.113.10", "http");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, http.StatusCode);
        Assert.Equal("https", http.Headers.Location!.Scheme);
        Assert.Equal(HttpStatusCode.TemporaryRedirect, (await DemanderAsync(autre, "/api/v1/editions", "203.0.113.10", "https")).StatusCode);
    }

    [Fact]
    public void Seuls_les_proxys_configures_sont_connus_et_une_valeur_fausse_arrete_le_demarrage()
    {
        static ForwardedHeadersOptions Options(params (string Cle, string Valeur)[] reglages)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(reglages.Select(r => new KeyValuePair<string, string?>(r.Cle, r.Valeur))).Build();
            return new ServiceCollection().AddProxys(configuration).BuildServiceProvider().GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        }
        var aucun = Options();
        Assert.Equal(ForwardedHeaders.None, aucun.ForwardedHeaders);
        Assert.Empty(aucun.KnownProxies);
        Assert.Empty(aucun.KnownIPNetworks);

        var configures = Options(("Proxys:Connus", "10.0.0.5, 2001:db8::5"), ("Proxys:Reseaux:0", "192.168.10.0/24"));
        Assert.Equal(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, configures.ForwardedHeaders);
        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("2001:db8::5")], configures.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("192.168.10.0/24")], configures.KnownIPNetworks);

        var erreur = Assert.Throws<InvalidOperationException>(() => Options(("Proxys:Reseaux:0", "192.168.10.0/33")));
        Assert.Contains("Proxys:Reseaux", erreur.Message);
        Assert.Throws<InvalidOperationException>(() => Options(("Proxys:Connus:0", "proxy.interne")));
    }

    private static async Task<HttpResponseMessage> ConnexionAsync(HttpClient client, string email, string motDePasse, string? pour)
    {
        var requete = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = JsonContent.Create(new { email, password = motDePasse }) };
        if (pour is not null) requete.Headers.Add("X-Forwarded-For", pour);
        return await client.SendAsync(requete);
    }

    /// <summary>The address the login audit recorded for the latest attempt on this account.</summary>
    private static async Task<string?> AdresseJourneeAsync(HttpClient admin, string email)
    {
        var journal = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/audit?action=auth.&cible=compte:{email}");
        return journal!["items"]!.AsArray().First()!["details"]!["adresse"]?.GetValue<string>();
    }
}
