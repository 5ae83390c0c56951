using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Labels.Api.Tests;

/// <summary>
/// What an operator reads of an instance, over real sockets: the Prometheus scrape endpoint (who may read it, and that it shows the
/// requests, the database and the API's own counters moving with what was done), and the JSON log lines of a request carrying the
/// trace id the proxy put in traceparent. The scraper connects from 127.0.0.2, the only address of Telemetrie:ReseauxAutorises;
/// everyone else from 127.0.0.3.
/// </summary>
public sealed partial class TelemetrieTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private const string Scrapeur = "127.0.0.2";
    private const string Ailleurs = "127.0.0.3";
    private const string RoutePalmares = "/api/v1/editions/{annee:int}/palmares";

    private static HttpClient Comme(HttpClient client, HttpClient connecte)
    {
        client.DefaultRequestHeaders.Authorization = connecte.DefaultRequestHeaders.Authorization;
        return client;
    }

    [Fact]
    public async Task Le_point_de_collecte_montre_les_requetes_la_base_et_les_compteurs_de_l_api()
    {
        var admin = await AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await HistoriqueAsync(admin, 2021, new Resultat("62041", 3))).StatusCode);
        await EditionAsync(admin, 2022, "candidatures");
        await using var recepteur = await RecepteurWebhooks.DemarrerAsync();
        await using var serveur = ServeurKestrel.Demarrer(Factory, ("Telemetrie:ReseauxAutorises", Scrapeur + "/32"),
            ("Webhooks:Livrer", "true"), ("Webhooks:CiblesPermises:0", "127.0.0.1"), ("Webhooks:Intervalle", "00:00:00.1"));
        using var scrapeur = serveur.ClientDepuis(Scrapeur);
        using var anonyme = serveur.ClientDepuis(Ailleurs);
        using var gestion = Comme(serveur.ClientDepuis(Ailleurs), admin);
        var avant = await MetriquesAsync(scrapeur);

        // Two anonymous reads of the palmarès, on the fast path ahead of routing: its bytes computed once, then found in memory. (A
        // filter of their own: the whole palmarès' bytes are computed by the deliverer, for the ETag of the events the publication wrote.)
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await anonyme.GetAsync("/api/v1/editions/2021/palmares?departement=62")).StatusCode);
        // A read through its endpoint, from the database.
        Assert.Equal(HttpStatusCode.OK, (await anonyme.GetAsync("/api/v1/editions/2022")).StatusCode);
        // An import of three lines.
        var import = await gestion.PostAsync("/api/v1/editions/2022/imports", new StringContent("""
            collectivite;reference;titre;description;dateDebut;enCours;enjeux
            62041;R-1;Portail;D;2021-01-01;true;culture
            62041;R-2;Médiathèque;D;2021-01-01;true;culture
            59350;R-3;Wifi public;D;2021-01-01;true;culture

            """, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal("applique", (await LireAsync(import))["status"]!.GetValue<string>());
        // A webhook delivered: the subscription's test ping, answered 200 by the receiver.
        var abonnement = await LireAsync(await gestion.PostAsJsonAsync("/api/v1/webhooks/abonnements",
            new { url = recepteur.Url, types = new[] { "edition.statut" }, description = "Portail" }));
        var id = abonnement["abonnement"]!["id"]!.GetValue<Guid>();
        Assert.Equal(HttpStatusCode.Accepted, (await gestion.PostAsync($"/api/v1/webhooks/abonnements/{id}/test", null)).StatusCode);
        Assert.Single(await recepteur.AttendreAsync(1));
        // The outcome is written (and counted) just after the receiver answered.
        for (var i = 0; i < 100 && await Factory.DansLaBaseAsync(db => db.TentativesLivraison.CountAsync(t => !t.EnCours)) == 0; i++)
            await Task.Delay(50);

        var reponse = await scrapeur.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal("text/plain", reponse.Content.Headers.ContentType?.MediaType);
        var texte = await reponse.Content.ReadAsStringAsync();
        var apres = Metriques.Lire(texte);
        // How much a series moved, its lines before and after shown when it is not what was expected.
        void Ecart(double attendu, string nom, params (string Cle, string Valeur)[] etiquettes)
        {
            var ecart = apres.Somme(nom, etiquettes) - avant.Somme(nom, etiquettes);
            Assert.True(attendu == ecart, $"{nom} : {ecart} au lieu de {attendu}\n{apres.Lignes(nom)}\n--- avant :\n{avant.Lignes(nom)}");
        }

        // Requests by route, the fast path's under its endpoint's route as the endpoint's are.
        Ecart(2, "http_server_request_duration_seconds_count", ("http_route", RoutePalmares), ("http_request_method", "GET"),
            ("http_response_status_code", "200"));
        Ecart(1, "http_server_request_duration_seconds_count", ("http_route", "/api/v1/editions/{annee:int}"), ("http_request_method", "GET"),
            ("http_response_status_code", "200"));
        Assert.Contains("http_server_request_duration_seconds_bucket{", texte);
        // The database, as Npgsql measures it: commands run, connections in the pool.
        Assert.True(apres.Somme("db_client_operation_duration_seconds_count") - avant.Somme("db_client_operation_duration_seconds_count") >= 3,
            apres.Lignes("db_client_operation_duration_seconds_count"));
        Assert.True(apres.Somme("db_client_connection_max") > 0, apres.Lignes("db_client_connection_max"));
        // The API's own meter.
        Ecart(1, "labels_palmares_cache_lookups_total", ("resultat", "miss"));
        Ecart(1, "labels_palmares_cache_lookups_total", ("resultat", "hit"));
        Ecart(3, "labels_imports_rows_total");
        Assert.Equal(0, apres.Somme("labels_imports_active"));
        Assert.Contains("# TYPE labels_imports_active gauge", texte);
        Ecart(1, "labels_webhooks_attempts_total", ("resultat", "reussie"));
        Ecart(0, "labels_webhooks_attempts_total", ("resultat", "echouee"));
        Ecart(1, "labels_webhooks_deliveries_total", ("resultat", "livree"));
    }

    [Fact]
    public async Task Le_point_de_collecte_est_aux_reseaux_autorises_aux_administrateurs_et_aux_jetons_qui_ont_le_scope()
    {
        var admin = await AdminAsync();
        var collectivite = await CompteAsync("collectivite", await CollectiviteAsync(admin, "62041"));
        var jure = await CompteAsync("jure");
        async Task<HttpClient> JetonAsync(string scope)
        {
            var jeton = await LireAsync(await admin.PostAsJsonAsync("/api/v1/jetons",
                new { nom = scope, scopes = new[] { scope }, expireLe = DateTimeOffset.UtcNow.AddDays(1) }));
            var client = Factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", jeton["secret"]!.GetValue<string>());
            return client;
        }
        await using var serveur = ServeurKestrel.Demarrer(Factory, ("Telemetrie:ReseauxAutorises", "127.0.0.2/32, 203.0.113.0/24"),
            ("Proxys:Connus", "127.0.0.4"));
        HttpClient Depuis(string adresse, HttpClient? connecte = null) =>
            connecte is null ? serveur.ClientDepuis(adresse) : Comme(serveur.ClientDepuis(adresse), connecte);

        // Outside the networks, without a token: 401, the API's problem in French, a bearer token asked for.
        var anonyme = await Depuis(Ailleurs).GetAsync("/metrics");
        var refus = await ProblemeAsync(anonyme, HttpStatusCode.Unauthorized);
        Assert.Equal("Non authentifié", refus["title"]!.GetValue<string>());
        Assert.DoesNotContain("http_server", await anonyme.Content.ReadAsStringAsync());
        // Signed in but not an administrator, or a token without metriques:read: 403.
        await ProblemeAsync(await Depuis(Ailleurs, collectivite).GetAsync("/metrics"), HttpStatusCode.Forbidden);
        await ProblemeAsync(await Depuis(Ailleurs, jure).GetAsync("/metrics"), HttpStatusCode.Forbidden);
        var sansScope = await ProblemeAsync(await Depuis(Ailleurs, await JetonAsync("audit:read")).GetAsync("/metrics"), HttpStatusCode.Forbidden);
        Assert.Equal("Ce jeton n'a pas le scope metriques:read.", sansScope["detail"]!.GetValue<string>());
        // From an allowed network, but with a token that is not valid: credentials sent are credentials checked.
        var invalide = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        invalide.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "lbl_inconnu");
        await ProblemeAsync(await Depuis(Scrapeur).SendAsync(invalide), HttpStatusCode.Unauthorized);

        // Allowed: the scraper's network without a token, an administrator's session, a token with the scope, wherever they are.
        foreach (var client in new[] { Depuis(Scrapeur), Depuis(Ailleurs, admin), Depuis(Ailleurs, await JetonAsync("metriques:read")) })
        {
            var reponse = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
            Assert.Contains("# TYPE http_server_request_duration_seconds histogram", await reponse.Content.ReadAsStringAsync());
        }
        // OpenMetrics when the scraper asks for it.
        var openMetrics = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        openMetrics.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");
        var om = await Depuis(Scrapeur).SendAsync(openMetrics);
        Assert.Equal("application/openmetrics-text", om.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("# EOF\n", await om.Content.ReadAsStringAsync());
        // GET only.
        await ProblemeAsync(await Depuis(Scrapeur).PostAsync("/metrics", null), HttpStatusCode.MethodNotAllowed);

        // Behind the configured proxy the client is the one it forwards: the proxy's address opens nothing (it is not listed), and
        // a client in an allowed network is allowed through it.
        using var proxy = Depuis("127.0.0.4");
        async Task<HttpStatusCode> ParLeProxyAsync(string client)
        {
            var requete = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            requete.Headers.Add("X-Forwarded-For", client);
            return (await proxy.SendAsync(requete)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await ParLeProxyAsync("203.0.113.9"));
        Assert.Equal(HttpStatusCode.Unauthorized, await ParLeProxyAsync("198.51.100.7"));
        // What a client writes before the proxy's entry is not believed.
        Assert.Equal(HttpStatusCode.Unauthorized, await ParLeProxyAsync("203.0.113.9, 198.51.100.7"));
        // Not the configured proxy: its X-Forwarded-For is ignored, and it is outside the networks.
        var usurpe = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        usurpe.Headers.Add("X-Forwarded-For", Scrapeur);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Depuis(Ailleurs).SendAsync(usurpe)).StatusCode);
    }

    [Fact]
    public async Task Traces_et_metriques_partent_vers_le_collecteur_configure_et_seulement_alors()
    {
        // Without an OTLP endpoint (the suite's host), no tracer at all: nothing samples or records a span.
        Assert.Null(Factory.Services.GetService<TracerProvider>());

        // A collector speaking OTLP over HTTP, on the loopback, keeping what it is sent.
        var recus = new ConcurrentQueue<(string Chemin, byte[] Corps)>();
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        await using var collecteur = builder.Build();
        Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(collecteur, "/v1/{signal}", async (Microsoft.AspNetCore.Http.HttpContext http) =>
        {
            using var corps = new MemoryStream();
            await http.Request.Body.CopyToAsync(corps);
            recus.Enqueue((http.Request.Path.Value!, corps.ToArray()));
            return Microsoft.AspNetCore.Http.Results.Ok();
        });
        await collecteur.StartAsync();
        var adresse = collecteur.Urls.Single();

        await using var hote = Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", adresse);
            b.UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        });
        const string trace = "0af7651916cd43dd8448eb211c80319c";
        var requete = new HttpRequestMessage(HttpMethod.Get, "/api/v1/editions");
        requete.Headers.Add("traceparent", $"00-{trace}-b7ad6b7169203331-01");
        Assert.Equal(HttpStatusCode.OK, (await hote.CreateClient().SendAsync(requete)).StatusCode);
        var idBrut = Convert.FromHexString(trace);
        bool Recu(Func<byte[], bool> trace) => recus.Any(r => r.Chemin == "/v1/traces" && trace(r.Corps));
        bool DeLaRequete(byte[] t) => t.AsSpan().IndexOf(idBrut) >= 0 && Encoding.UTF8.GetString(t).Contains("GET /api/v1/editions", StringComparison.Ordinal);
        bool DeLaBase(byte[] t) => Encoding.UTF8.GetString(t).Contains("postgresql", StringComparison.Ordinal);
        // A span ends when its work does, which a loaded machine may put after the answer: flushed again until both came, 10 s at most.
        for (var essai = 0; essai < 20 && !(Recu(DeLaRequete) && Recu(DeLaBase)); essai++)
        {
            Assert.True(hote.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
            if (!(Recu(DeLaRequete) && Recu(DeLaBase))) await Task.Delay(500);
        }
        // (Its result says false: the Prometheus reader, which only answers scrapes, has nothing to flush to.)
        hote.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000);

        // The request's span went with the trace id the caller sent (16 bytes in the protobuf), and so did the PostgreSQL command's.
        Assert.True(Recu(DeLaRequete), "la trace de la requête n'est pas arrivée");
        Assert.True(Recu(DeLaBase), "la trace de la commande PostgreSQL n'est pas arrivée");
        // The metrics too, the API's meter among them.
        Assert.Contains(recus, r => r.Chemin == "/v1/metrics" && Encoding.UTF8.GetString(r.Corps).Contains("http.server.request.duration", StringComparison.Ordinal));
    }

    [Fact]
    public void Un_reseau_mal_ecrit_arrete_le_demarrage()
    {
        var erreur = Assert.ThrowsAny<Exception>(() =>
        {
            using var hote = Factory.WithWebHostBuilder(b => b.UseSetting("Telemetrie:ReseauxAutorises", "10.0.0.0/8, 10.0.0.300/32"));
            _ = hote.Server;
        });
        Assert.Contains("Telemetrie:ReseauxAutorises contient « 10.0.0.300/32 »", erreur.ToString());
    }

    [Fact]
    public async Task En_production_chaque_ligne_de_journal_d_une_requete_porte_l_identifiant_de_trace_du_proxy()
    {
        var capture = new JournalJson();
        await using var hote = Factory.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Securite:HttpsObligatoire", "false");
            // The request lines of ASP.NET Core's hosting, which an operator turns on to log every request.
            b.UseSetting("Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics", "Information");
            b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(sp => capture.Avec(sp)));
        });
        var client = hote.CreateClient();
        // As nginx sends it: its $request_id (32 hex digits) as the trace id, a span id of its own.
        const string trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        const string parent = "00f067aa0ba902b7";
        var requete = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        requete.Headers.Add("traceparent", $"00-{trace}-{parent}-01");
        var reponse = await client.SendAsync(requete);
        // The client's problem names the trace too.
        var probleme = await ProblemeAsync(reponse, HttpStatusCode.Unauthorized);
        Assert.Matches($"^00-{trace}-[0-9a-f]{{16}}-01$", probleme["traceId"]!.GetValue<string>());

        // The console writes JSON (its formatter as configured in Production), one object per line, scopes included.
        var lignes = capture.Lignes.Select(l => JsonNode.Parse(l)!.AsObject()).Where(l => l["Category"]!.GetValue<string>() == "Microsoft.AspNetCore.Hosting.Diagnostics")
            .Where(l => l["Scopes"]!.AsArray().Any(s => s?["RequestPath"]?.GetValue<string>() == "/metrics")).ToList();
        Assert.Equal(2, lignes.Count);
        Assert.Contains(lignes, l => l["Message"]!.GetValue<string>().StartsWith("Request starting", StringComparison.Ordinal));
        Assert.Contains(lignes, l => l["Message"]!.GetValue<string>().StartsWith("Request finished", StringComparison.Ordinal)
            && l["State"]!["StatusCode"]!.GetValue<int>() == 401);
        foreach (var ligne in lignes)
        {
            var activite = ligne["Scopes"]!.AsArray().Single(s => s?["TraceId"] is not null)!;
            Assert.Equal(trace, activite["TraceId"]!.GetValue<string>());
            Assert.Equal(parent, activite["ParentId"]!.GetValue<string>());
            Assert.Matches("^[0-9a-f]{16}$", activite["SpanId"]!.GetValue<string>());
            Assert.NotEqual(parent, activite["SpanId"]!.GetValue<string>());
            Assert.EndsWith("Z", ligne["Timestamp"]!.GetValue<string>());
        }

        // French stays French in the lines (the start-up's warning about the keys at rest, in Production).
        Assert.Contains(capture.Lignes, l => l.Contains("Les clés de protection des données", StringComparison.Ordinal));

        // Without traceparent, a trace id of its own, still on every line.
        capture.Lignes.Clear();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var traces = capture.Lignes.Select(l => JsonNode.Parse(l)!).Where(l => l["Category"]!.GetValue<string>() == "Microsoft.AspNetCore.Hosting.Diagnostics")
            .Select(l => l["Scopes"]!.AsArray().Single(s => s?["TraceId"] is not null)!["TraceId"]!.GetValue<string>()).Distinct().ToList();
        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(traces));
        Assert.NotEqual(trace, traces[0]);
    }

    [Fact]
    public async Task En_developpement_la_console_reste_en_texte()
    {
        await using var hote = Factory.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        Assert.Equal(ConsoleFormatterNames.Simple, hote.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName
            ?? ConsoleFormatterNames.Simple);
        await using var production = Factory.WithWebHostBuilder(b => b.UseEnvironment("Production").UseSetting("Securite:HttpsObligatoire", "false"));
        Assert.Equal(ConsoleFormatterNames.Json, production.Services.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);
    }

    private static async Task<Metriques> MetriquesAsync(HttpClient scrapeur)
    {
        var reponse = await scrapeur.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return Metriques.Lire(await reponse.Content.ReadAsStringAsync());
    }

    /// <summary>The samples of a scrape in Prometheus's text format: name, labels, value.</summary>
    private sealed partial class Metriques(List<(string Nom, Dictionary<string, string> Etiquettes, double Valeur)> echantillons)
    {
        public static Metriques Lire(string texte) => new(texte.Split('\n').Where(l => l.Length > 0 && l[0] != '#').Select(l =>
        {
            var m = Echantillon().Match(l);
            Assert.True(m.Success, l);
            var etiquettes = Etiquette().Matches(m.Groups["etiquettes"].Value).ToDictionary(e => e.Groups[1].Value, e => Regex.Unescape(e.Groups[2].Value));
            return (m.Groups["nom"].Value, etiquettes, double.Parse(m.Groups["valeur"].Value, CultureInfo.InvariantCulture));
        }).ToList());

        public string Lignes(string nom) => string.Join("\n", echantillons.Where(e => e.Nom == nom)
            .Select(e => $"{string.Join(",", e.Etiquettes.Select(p => $"{p.Key}={p.Value}"))} {e.Valeur}"));

        /// <summary>The sum of the samples of that name whose labels include these.</summary>
        public double Somme(string nom, params (string Cle, string Valeur)[] etiquettes) => echantillons
            .Where(e => e.Nom == nom && etiquettes.All(f => e.Etiquettes.GetValueOrDefault(f.Cle) == f.Valeur)).Sum(e => e.Valeur);

        [GeneratedRegex("""^(?<nom>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<etiquettes>.*)\})? (?<valeur>\S+)(?: \d+)?$""")]
        private static partial Regex Echantillon();

        [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
        private static partial Regex Etiquette();
    }

    /// <summary>
    /// The host's console formatter (the one its ConsoleLoggerOptions name, with its options) writing into memory rather than to the
    /// process's standard output, which the test runner shares: what the console would print, line by line.
    /// </summary>
    private sealed class JournalJson : ILoggerProvider, ISupportExternalScope
    {
        private IServiceProvider? _services;
        private ConsoleFormatter? _formateur;
        private IExternalScopeProvider? _scopes;

        public ConcurrentQueue<string> Lignes { get; } = new();

        public JournalJson Avec(IServiceProvider services)
        {
            _services = services;
            return this;
        }

        private ConsoleFormatter Formateur => _formateur ??= _services!.GetServices<ConsoleFormatter>()
            .Single(f => f.Name == _services!.GetRequiredService<IOptionsMonitor<ConsoleLoggerOptions>>().CurrentValue.FormatterName);

        public ILogger CreateLogger(string categoryName) => new Journal(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose() { }

        private sealed class Journal(JournalJson parent, string categorie) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => parent._scopes?.Push(state);

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                using var ecrivain = new StringWriter();
                parent.Formateur.Write(new LogEntry<TState>(logLevel, categorie, eventId, state, exception, formatter), parent._scopes, ecrivain);
                foreach (var ligne in ecrivain.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries)) parent.Lignes.Enqueue(ligne);
            }
        }
    }
}
