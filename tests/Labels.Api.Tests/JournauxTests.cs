using System.Data.Common;
using Labels.Infrastructure.Persistance;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Labels.Api.Tests;

/// <summary>
/// What the console says: an error the client caused (400, 404, 409, 412) is not a failure of the server and logs no Error; an
/// unexpected one is logged once, at Error, with the statement that failed; a first start on an empty database logs no Error;
/// SQL statements are logged on demand only, in Development too.
/// </summary>
public sealed class JournauxTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private const string CategorieSql = "Microsoft.EntityFrameworkCore.Database.Command";

    private WebApplicationFactory<Program> Hote(JournalCapture journal, Action<IWebHostBuilder>? reglages = null) =>
        Factory.WithWebHostBuilder(b =>
        {
            b.ConfigureLogging(l => l.AddProvider(journal));
            reglages?.Invoke(b);
        });

    private static HttpClient Comme(WebApplicationFactory<Program> hote, HttpClient connecte)
    {
        var client = hote.CreateClient();
        client.DefaultRequestHeaders.Authorization = connecte.DefaultRequestHeaders.Authorization;
        return client;
    }

    private static void AucuneErreur(JournalCapture journal)
    {
        var erreurs = journal.Entrees.Where(e => e.Niveau >= LogLevel.Error).ToList();
        Assert.True(erreurs.Count == 0, string.Join("\n", erreurs.Select(e => $"{e.Niveau} {e.Categorie} : {e.Message}")));
    }

    private static HttpRequestMessage Evaluation(Guid dossier, decimal note, string? ifMatch)
    {
        var requete = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/candidatures/{dossier}/evaluations/moi")
        {
            Content = JsonContent.Create(new { notes = new Dictionary<string, decimal> { ["qualite-services"] = note }, soumise = false }),
        };
        if (ifMatch is not null) requete.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return requete;
    }

    [Fact]
    public async Task Une_erreur_du_client_ne_journalise_aucune_erreur()
    {
        var scenario = await Scenario.PreparerAsync(this);
        var journal = new JournalCapture();
        await using var hote = Hote(journal);
        var admin = Comme(hote, scenario.Admin);
        var jure = Comme(hote, scenario.JureAssigne);

        // 409: a duplicate refused by a unique index (EF logged the failing INSERT and the failed save at Error), a rule.
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/collectivites", new { codeInsee = "62041" }), HttpStatusCode.Conflict);
        await ProblemeAsync(await admin.PostAsJsonAsync("/api/v1/editions", new { annee = 2022, numero = 23 }), HttpStatusCode.Conflict);
        await ProblemeAsync(await admin.PutAsJsonAsync("/api/v1/editions/2022/statut", new { statut = "preparation" }), HttpStatusCode.Conflict);
        // 404, 400 (binding, validation, JSON).
        await ProblemeAsync(await admin.GetAsync("/api/v1/editions/2031"), HttpStatusCode.NotFound);
        await ProblemeAsync(await admin.GetAsync("/api/v1/collectivites?page=abc"), HttpStatusCode.BadRequest);
        await ProblemeAsync(await admin.GetAsync("/api/v1/collectivites?page=0"), HttpStatusCode.BadRequest);
        await ProblemeAsync(await admin.PostAsync("/api/v1/editions", JsonContent.Create(new { annee = "deux mille" })), HttpStatusCode.BadRequest);
        // 412: a stale If-Match, and writes racing with the same one (the losers may be refused by the database's concurrency check).
        var premiere = await jure.SendAsync(Evaluation(scenario.Dossier, 5, null));
        Assert.Equal(HttpStatusCode.OK, premiere.StatusCode);
        var etag = premiere.Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await jure.SendAsync(Evaluation(scenario.Dossier, 6, etag))).StatusCode);
        await ProblemeAsync(await jure.SendAsync(Evaluation(scenario.Dossier, 7, etag)), HttpStatusCode.PreconditionFailed);
        etag = (await jure.GetAsync($"/api/v1/candidatures/{scenario.Dossier}/evaluations/moi")).Headers.ETag!.Tag;
        var course = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => jure.SendAsync(Evaluation(scenario.Dossier, i, etag))));
        Assert.Single(course, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(course.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.PreconditionFailed, r.StatusCode));

        AucuneErreur(journal);
        Assert.Contains(journal.Entrees, e => e.Niveau == LogLevel.Information); // the capture does see what the host logs
    }

    /// <summary>Points a statement at a table that does not exist: a failure of the server, not of the client.</summary>
    private sealed class TableAbsente(string debut) : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            command.CommandText = command.CommandText.Replace(debut, debut + "_absente", StringComparison.Ordinal);
            return ValueTask.FromResult(result);
        }
    }

    [Fact]
    public async Task Une_erreur_inattendue_est_journalisee_une_fois_avec_sa_commande()
    {
        var admin = await AdminAsync();
        var journal = new JournalCapture();
        await using var hote = Hote(journal, b => b.ConfigureServices(s =>
            s.ConfigureDbContext<LabelsDbContext>(o => o.AddInterceptors(new TableAbsente("INSERT INTO editions")))));
        var reponse = await Comme(hote, admin).PostAsJsonAsync("/api/v1/editions", new { annee = 2030, numero = 31 });

        var probleme = await ProblemeAsync(reponse, HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("editions_absente", probleme.ToJsonString());
        var erreur = Assert.Single(journal.Entrees, e => e.Niveau >= LogLevel.Error);
        Assert.Equal(LogLevel.Error, erreur.Niveau);
        Assert.Equal("Labels.Api.Erreurs.GestionnaireExceptions", erreur.Categorie);
        Assert.Contains("POST /api/v1/editions", erreur.Message);
        Assert.Contains("INSERT INTO editions_absente", erreur.Message);
    }

    [Fact]
    public async Task Un_premier_demarrage_sur_une_base_vide_ne_journalise_aucune_erreur()
    {
        await using var base_ = await BaseSeparee.CreerAsync(Factory, "_vide");
        var journal = new JournalCapture();
        await using (var hote = Hote(journal, b => b.UseEnvironment("Development").UseSetting("ConnectionStrings:Labels", base_.Chaine)))
            Assert.Equal(HttpStatusCode.OK, (await hote.CreateClient().GetAsync("/health/ready")).StatusCode);
        Assert.Contains(journal.Entrees, e => e.Message.Contains("Applying migration", StringComparison.Ordinal));
        AucuneErreur(journal);
        // Started again on the database it migrated: nothing to say either.
        var ensuite = new JournalCapture();
        await using (var hote = Hote(ensuite, b => b.UseEnvironment("Development").UseSetting("ConnectionStrings:Labels", base_.Chaine)))
            Assert.Equal(HttpStatusCode.OK, (await hote.CreateClient().GetAsync("/health/ready")).StatusCode);
        Assert.DoesNotContain(ensuite.Entrees, e => e.Message.Contains("Applying migration", StringComparison.Ordinal));
        AucuneErreur(ensuite);
    }

    [Fact]
    public async Task Le_sql_n_est_journalise_que_sur_demande_en_developpement_aussi()
    {
        var developpement = new JournalCapture();
        await using (var hote = Hote(developpement, b => b.UseEnvironment("Development")))
            Assert.Equal(HttpStatusCode.OK, (await hote.CreateClient().GetAsync("/api/v1/editions")).StatusCode);
        Assert.DoesNotContain(developpement.Entrees, e => e.Categorie == CategorieSql && e.Niveau <= LogLevel.Information);
        Assert.Contains(developpement.Entrees, e => e.Niveau == LogLevel.Information);

        // On demand: the setting README names (Logging__LogLevel__… in the environment).
        var demande = new JournalCapture();
        await using (var hote = Hote(demande, b => b.UseEnvironment("Development").UseSetting($"Logging:LogLevel:{CategorieSql}", "Information")))
            Assert.Equal(HttpStatusCode.OK, (await hote.CreateClient().GetAsync("/api/v1/editions")).StatusCode);
        Assert.Contains(demande.Entrees, e => e.Categorie == CategorieSql && e.Niveau == LogLevel.Information
            && e.Message.StartsWith("Executed DbCommand", StringComparison.Ordinal));
    }
}
