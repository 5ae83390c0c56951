using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace Labels.Api.Tests;

/// <summary>
/// PostgreSQL goes away under concurrent writers and readers, then comes back: clients get 2xx or 503 (with Retry-After
/// and a problem body), never a 500; every acknowledged write is there exactly once; readiness says what happens; writes
/// succeed again within seconds. The cluster started by scripts/test.sh is really stopped and restarted; against another
/// server, the database's connections are cut for the same time instead.
/// </summary>
public sealed class PanneTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private static readonly TimeSpan DureeDeLaPanne = TimeSpan.FromSeconds(3);

    private static async Task ExecuterAsync(string commande)
    {
        using var processus = Process.Start(new ProcessStartInfo("bash", ["-c", commande]) { RedirectStandardError = true })!;
        var erreurs = await processus.StandardError.ReadToEndAsync();
        await processus.WaitForExitAsync();
        Assert.True(processus.ExitCode == 0, $"{commande} : {erreurs}");
    }

    /// <summary>Cuts every connection to the test database, again and again, for <paramref name="duree"/>.</summary>
    private async Task CouperLesConnexionsAsync(TimeSpan duree)
    {
        var base_ = new NpgsqlConnectionStringBuilder(Factory.ChaineDeConnexion);
        var admin = new NpgsqlConnectionStringBuilder(Factory.ChaineDeConnexion) { Database = "postgres", Pooling = false };
        await using var connexion = new NpgsqlConnection(admin.ConnectionString);
        await connexion.OpenAsync();
        var fin = DateTime.UtcNow + duree;
        while (DateTime.UtcNow < fin)
        {
            await using var commande = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = @base AND pid <> pg_backend_pid()", connexion);
            commande.Parameters.AddWithValue("base", base_.Database!);
            await commande.ExecuteScalarAsync();
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task PostgreSQL_absent_trois_secondes_sous_huit_ecrivains()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var dossier = await CandidatureAsync(admin, 2022, await CollectiviteAsync(admin, "62041"));
        var arret = Environment.GetEnvironmentVariable("LABELS_TEST_PG_ARRET");
        var relance = Environment.GetEnvironmentVariable("LABELS_TEST_PG_RELANCE");

        var ecritures = new ConcurrentBag<(int Ecrivain, string Titre, HttpStatusCode Statut, DateTime Fin)>();
        var lectures = new ConcurrentBag<HttpStatusCode>();
        var problemes = new ConcurrentBag<string>();
        using var arreter = new CancellationTokenSource();
        async Task EcrireAsync(int ecrivain)
        {
            for (var i = 0; !arreter.IsCancellationRequested; i++)
            {
                var titre = $"Action {ecrivain}-{i}";
                var reponse = await admin.PostAsJsonAsync($"/api/v1/candidatures/{dossier}/fiches", Fiche(titre));
                ecritures.Add((ecrivain, titre, reponse.StatusCode, DateTime.UtcNow));
                if (reponse.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    if (reponse.Headers.RetryAfter is null || reponse.Content.Headers.ContentType?.MediaType != "application/problem+json")
                        problemes.Add($"503 sans Retry-After ou sans problème : {titre}");
                    await Task.Delay(50);
                }
            }
        }
        async Task LireAsync()
        {
            var client = Anonyme();
            while (!arreter.IsCancellationRequested)
            {
                lectures.Add((await client.GetAsync("/api/v1/editions/2022")).StatusCode);
                await Task.Delay(20);
            }
        }
        var taches = Enumerable.Range(0, 8).Select(EcrireAsync).Append(LireAsync()).Append(LireAsync()).ToList();

        await Task.Delay(1500);
        var debutPanne = DateTime.UtcNow;
        HttpStatusCode? pretPendant;
        // Readiness while the database is away: 503 as a problem, with when to ask again.
        async Task<HttpStatusCode> PretAsync()
        {
            var pret = await Anonyme().GetAsync("/health/ready");
            if (pret.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal("application/problem+json", pret.Content.Headers.ContentType?.MediaType);
                Assert.Equal(TimeSpan.FromSeconds(2), pret.Headers.RetryAfter?.Delta);
            }
            return pret.StatusCode;
        }
        if (arret is not null && relance is not null)
        {
            await ExecuterAsync(arret);
            pretPendant = await PretAsync();
            await Task.Delay(DureeDeLaPanne);
            await ExecuterAsync(relance);
        }
        else
        {
            var coupure = CouperLesConnexionsAsync(DureeDeLaPanne);
            await Task.Delay(500);
            pretPendant = await PretAsync();
            await coupure;
        }
        var finPanne = DateTime.UtcNow;
        // Writes come back within seconds: every writer has an acknowledged write after the outage, or the test fails.
        var limite = finPanne + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < limite
               && Enumerable.Range(0, 8).Any(e => !ecritures.Any(x => x.Ecrivain == e && x.Statut == HttpStatusCode.Created && x.Fin > finPanne)))
            await Task.Delay(100);
        var retour = DateTime.UtcNow - finPanne;
        await arreter.CancelAsync();
        await Task.WhenAll(taches);
        NpgsqlConnection.ClearAllPools();

        Assert.Empty(problemes);
        var statuts = ecritures.GroupBy(e => e.Statut).ToDictionary(g => g.Key, g => g.Count());
        var resume = string.Join(", ", statuts.Select(s => $"{(int)s.Key}: {s.Value}")) + $" ; retour en {retour.TotalSeconds:F1} s";
        Assert.True(statuts.Keys.All(s => s is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable), resume);
        Assert.True(statuts.GetValueOrDefault(HttpStatusCode.ServiceUnavailable) > 0, "La panne n'a pas été vue : " + resume);
        Assert.All(lectures, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{(int)s}"));
        Assert.All(Enumerable.Range(0, 8), e => Assert.Contains(ecritures, x => x.Ecrivain == e && x.Statut == HttpStatusCode.Created && x.Fin > finPanne));
        // Readiness follows the server; cutting connections leaves it reachable, so only a real stop shows.
        if (arret is not null) Assert.Equal(HttpStatusCode.ServiceUnavailable, pretPendant);
        Assert.Equal(HttpStatusCode.OK, (await Anonyme().GetAsync("/health/ready")).StatusCode);

        // Every acknowledged write is there, once; nothing is there twice.
        var enBase = await Factory.DansLaBaseAsync(db => db.Fiches.Where(f => f.CandidatureId == dossier).Select(f => f.Titre).ToListAsync());
        Assert.Equal(enBase.Count, enBase.Distinct().Count());
        var acquittees = ecritures.Where(e => e.Statut == HttpStatusCode.Created).Select(e => e.Titre).ToList();
        Assert.Empty(acquittees.Except(enBase));
        Assert.True(debutPanne < finPanne);
    }
}
