using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace Labels.Api.Tests;

/// <summary>
/// Asynchronous imports wait in their run records, not in a process: they outlive the instance that accepted them, run once
/// on whichever instance claims them, and only a run whose instance is gone is marked interrupted. Several hosts on the test
/// database stand for several instances; they share its folder of imports' files (LabelsApiFactory.DossierDesImports).
/// </summary>
public sealed class FileImportsTests(LabelsApiFactory factory) : ApiTest(factory)
{
    /// <summary>An instance that runs the queue (the shared test host does not).</summary>
    private WebApplicationFactory<Program> Instance(Action<IWebHostBuilder>? reglages = null) => Factory.WithWebHostBuilder(b =>
    {
        b.UseSetting("Imports:Executer", "true");
        reglages?.Invoke(b);
    });

    private static HttpClient Client(WebApplicationFactory<Program> hote, HttpClient admin)
    {
        var client = hote.CreateClient();
        client.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        return client;
    }

    /// <summary><paramref name="n"/> fiches of Arras, references <paramref name="prefixe"/>-i.</summary>
    private static string Csv(string prefixe, int n) => "collectivite;reference;titre;description;dateDebut;enCours;enjeux\n"
        + string.Concat(Enumerable.Range(0, n).Select(i => $"62041;{prefixe}-{i};Action {prefixe} {i};D;2021-03-01;oui;culture\n"));

    private static async Task<Guid> AccepterAsync(HttpClient client, string csv)
    {
        var reponse = await client.PostAsync("/api/v1/editions/2022/imports?async=true", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var corps = await reponse.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(reponse.StatusCode == HttpStatusCode.Accepted, corps?.ToJsonString());
        return corps!["id"]!.GetValue<Guid>();
    }

    private async Task<JsonObject> EtatAsync(HttpClient admin, Guid id) => (await admin.GetFromJsonAsync<JsonObject>($"/api/v1/imports/{id}"))!;

    private async Task<string> StatutAsync(HttpClient admin, Guid id) => (await EtatAsync(admin, id))["statut"]!.GetValue<string>();

    private async Task<JsonObject[]> AttendreLaFinAsync(HttpClient admin, params Guid[] ids)
    {
        var debut = DateTime.UtcNow;
        while (true)
        {
            var etats = await Task.WhenAll(ids.Select(id => EtatAsync(admin, id)));
            if (etats.All(e => e["statut"]!.GetValue<string>() is not ("enAttente" or "enCours"))) return etats;
            Assert.True(DateTime.UtcNow - debut < TimeSpan.FromSeconds(60),
                "imports toujours en attente ou en cours : " + string.Join(", ", etats.Select(e => e["statut"])));
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Holds the édition's lock that every import of it takes in its transaction (ChargeurImport.CleDeVerrouEdition): a run
    /// that starts meanwhile waits, « en cours » on its instance, until this is closed. Out of the pool, so that closing it
    /// ends its session and its lock, even when a test fails first.
    /// </summary>
    private async Task<NpgsqlConnection> RetenirLEditionAsync()
    {
        var connexion = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Factory.ChaineDeConnexion) { Pooling = false }.ConnectionString);
        await connexion.OpenAsync();
        await using var verrou = new NpgsqlCommand("SELECT pg_advisory_lock(4242003, 2022)", connexion);
        await verrou.ExecuteNonQueryAsync();
        return connexion;
    }

    /// <summary>Until <paramref name="n"/> runs wait on the édition's lock (each on its instance's connection).</summary>
    private async Task AttendreDesImportsRetenusAsync(int n)
    {
        await using var observateur = new NpgsqlConnection(Factory.ChaineDeConnexion);
        await observateur.OpenAsync();
        await using var attente = new NpgsqlCommand("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory' AND query LIKE '%pg_advisory_xact_lock%'
            """, observateur);
        var debut = DateTime.UtcNow;
        long retenus;
        while ((retenus = (long)(await attente.ExecuteScalarAsync())!) < n)
        {
            Assert.True(DateTime.UtcNow - debut < TimeSpan.FromSeconds(30), $"{retenus} imports retenus au lieu de {n}");
            await Task.Delay(50);
        }
    }

    private string[] Fichiers() => Directory.Exists(Factory.DossierDesImports)
        ? Directory.GetFiles(Factory.DossierDesImports).Select(c => Path.GetFileName(c)).Order(StringComparer.Ordinal).ToArray()
        : [];

    [Fact]
    public async Task Un_import_accepte_survit_a_l_arret_de_son_instance_et_une_autre_le_termine()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        await using var edition = await RetenirLEditionAsync();
        Guid premier, second;
        await using (var a = Instance())
        {
            var clientA = Client(a, admin);
            premier = await AccepterAsync(clientA, Csv("A", 3));
            await AttendreDesImportsRetenusAsync(1);
            // Its instance runs one import at a time: the second waits its turn.
            second = await AccepterAsync(clientA, Csv("B", 2));
            Assert.Equal("enAttente", await StatutAsync(admin, second));
            Assert.Equal("enCours", await StatutAsync(admin, premier));
        }
        // The instance stopped: the run it had started went back to the queue (its transaction rolled back), the other still waits;
        // both files are kept for whichever instance runs them.
        Assert.Equal(["enAttente", "enAttente"], [await StatutAsync(admin, premier), await StatutAsync(admin, second)]);
        Assert.Equal(2, Fichiers().Length);
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Fiches.CountAsync()));
        await edition.CloseAsync();

        await using var b = Instance();
        _ = b.Server;
        var etats = await AttendreLaFinAsync(admin, premier, second);
        Assert.All(etats, e => Assert.Equal("applique", e["statut"]!.GetValue<string>()));
        Assert.Equal([3, 2], etats.Select(e => e["rapport"]!["fiches"]!["created"]!.GetValue<int>()));
        Assert.Equal(5, await Factory.DansLaBaseAsync(db => db.Fiches.CountAsync()));
        Assert.Empty(Fichiers());
    }

    [Fact]
    public async Task Deux_instances_ne_font_jamais_le_meme_import_et_n_interrompent_pas_celui_d_une_autre()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        await using var edition = await RetenirLEditionAsync();
        await using var a = Instance();
        await using var b = Instance();
        var (clientA, clientB) = (Client(a, admin), Client(b, admin));
        var tailles = new Dictionary<Guid, int>
        {
            [await AccepterAsync(clientA, Csv("A1", 2))] = 2,
            [await AccepterAsync(clientB, Csv("B1", 3))] = 3,
            [await AccepterAsync(clientA, Csv("A2", 4))] = 4,
            [await AccepterAsync(clientB, Csv("B2", 5))] = 5,
        };
        // Each instance has claimed one and waits in it.
        await AttendreDesImportsRetenusAsync(2);

        // A third instance starts: it finds two runs « en cours » whose instances are alive, leaves them be, and claims a third.
        await using var c = Instance();
        _ = c.Server;
        await AttendreDesImportsRetenusAsync(3);
        await Task.Delay(TimeSpan.FromSeconds(1)); // several turns of every instance's look at the queue
        var etats = await Factory.DansLaBaseAsync(db => db.Database.SqlQueryRaw<EtatEnBase>(
            "SELECT statut AS \"Statut\", instance AS \"Instance\" FROM imports").ToListAsync());
        Assert.Equal(3, etats.Count(e => e.Statut == "EnCours"));
        Assert.Equal(3, etats.Where(e => e.Statut == "EnCours").Select(e => e.Instance).Distinct().Count());
        Assert.Equal(1, etats.Count(e => e.Statut == "EnAttente"));
        await edition.CloseAsync();

        var fins = await AttendreLaFinAsync(admin, [.. tailles.Keys]);
        Assert.All(fins, e => Assert.Equal("applique", e["statut"]!.GetValue<string>()));
        // Each file applied once: its fiches created by its own run, one audit entry per import.
        Assert.All(fins, e => Assert.Equal(tailles[e["id"]!.GetValue<Guid>()], e["rapport"]!["fiches"]!["created"]!.GetValue<int>()));
        Assert.Equal(14, await Factory.DansLaBaseAsync(db => db.Fiches.CountAsync()));
        var audit = await Factory.DansLaBaseAsync(db => db.Audit.Where(e => e.Action == "import.applique").Select(e => e.Cible).ToListAsync());
        Assert.Equal(tailles.Keys.Select(id => $"import:{id}").Order(StringComparer.Ordinal), audit.Order(StringComparer.Ordinal));
        Assert.Empty(Fichiers());
    }

    private sealed record EtatEnBase(string Statut, Guid? Instance);

    /// <summary>The caller of a synchronous import goes away while it runs: nobody will read its answer, and nothing resumes it.</summary>
    [Fact]
    public async Task Un_import_synchrone_abandonne_par_son_appelant_est_interrompu_sans_rien_ecrire()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        await using var edition = await RetenirLEditionAsync();
        using var annulation = new CancellationTokenSource();
        var envoi = admin.PostAsync("/api/v1/editions/2022/imports", new StringContent(Csv("S", 3), Encoding.UTF8, "text/csv"), annulation.Token);
        await AttendreDesImportsRetenusAsync(1);
        await annulation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => envoi);
        await edition.CloseAsync();

        var debut = DateTime.UtcNow;
        string? statut;
        while ((statut = await Factory.DansLaBaseAsync(db => db.Imports.Select(i => i.Statut.ToString()).SingleAsync())) == "EnCours")
        {
            Assert.True(DateTime.UtcNow - debut < TimeSpan.FromSeconds(30), "l'import est toujours en cours");
            await Task.Delay(50);
        }
        Assert.Equal("Interrompu", statut);
        var id = await Factory.DansLaBaseAsync(db => db.Imports.Select(i => i.Id).SingleAsync());
        Assert.Contains("L'appelant a interrompu", (await EtatAsync(admin, id))["rapport"]!["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Fiches.CountAsync()));
    }

    [Fact]
    public void Un_intervalle_nul_arrete_le_demarrage()
    {
        using var hote = Instance(b => b.UseSetting("Imports:Intervalle", "00:00:00"));
        var e = Assert.ThrowsAny<Exception>(() => hote.Server);
        Assert.Contains("Imports:Intervalle", e.ToString());
    }

    /// <summary>
    /// What an instance that died mid-run leaves behind: its run « en cours » with its file, and nobody holding the run's lock
    /// (it went with the instance's connection, as its transaction did).
    /// </summary>
    [Fact]
    public async Task Un_import_dont_l_instance_est_morte_en_cours_de_route_est_interrompu_et_son_fichier_supprime()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var id = Guid.CreateVersion7();
        var fichier = $"{id:N}.csv";
        Directory.CreateDirectory(Factory.DossierDesImports);
        await File.WriteAllTextAsync(Path.Combine(Factory.DossierDesImports, fichier), Csv("M", 3));
        await using (var connexion = new NpgsqlConnection(Factory.ChaineDeConnexion))
        {
            await connexion.OpenAsync();
            await using var insertion = new NpgsqlCommand("""
                INSERT INTO imports (id, edition_annee, format, dry_run, asynchrone, statut, empreinte, octets, lignes_lues, demarre_le, fichier, instance)
                VALUES (@id, 2022, 'Csv', false, true, 'EnCours', '', 0, 1200, now() - interval '5 minutes', @fichier, @instance)
                """, connexion);
            insertion.Parameters.AddWithValue("id", id);
            insertion.Parameters.AddWithValue("fichier", fichier);
            insertion.Parameters.AddWithValue("instance", Guid.CreateVersion7());
            await insertion.ExecuteNonQueryAsync();
        }

        await using var survivante = Instance();
        _ = survivante.Server;
        var etat = (await AttendreLaFinAsync(admin, id))[0];
        Assert.Equal("interrompu", etat["statut"]!.GetValue<string>());
        Assert.Contains("s'est arrêtée avant sa fin", etat["rapport"]!["errors"]![0]!["message"]!.GetValue<string>());
        Assert.NotNull(etat["termineLe"]);
        Assert.Empty(Fichiers());
        Assert.Equal(0, await Factory.DansLaBaseAsync(db => db.Fiches.CountAsync()));
    }

    /// <summary>A clock ahead of the others': what an instance sees of the queue an hour or two later.</summary>
    private sealed class HorlogeEnAvance(TimeSpan avance) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + avance;
    }

    /// <summary>
    /// A waiting run whose file is gone (a temporary folder wiped by a reboot) would wait for ever: after an hour it is given up.
    /// Files of ours that no waiting or running import names, older than that, are removed; nothing else in the folder is touched.
    /// </summary>
    [Fact]
    public async Task Un_import_en_attente_sans_fichier_est_abandonne_et_les_fichiers_egares_sont_supprimes()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var perdu = await AccepterAsync(admin, Csv("P", 2));
        var attendu = await AccepterAsync(admin, Csv("Q", 2));
        Assert.Equal(2, Fichiers().Length);
        var fichierPerdu = await Factory.DansLaBaseAsync(db => db.Database.SqlQuery<string>($"SELECT fichier AS \"Value\" FROM imports WHERE id = {perdu}").SingleAsync());
        File.Delete(Path.Combine(Factory.DossierDesImports, fichierPerdu));
        string Egare(string nom, TimeSpan age)
        {
            var chemin = Path.Combine(Factory.DossierDesImports, nom);
            File.WriteAllText(chemin, "collectivite\n");
            File.SetLastWriteTimeUtc(chemin, DateTime.UtcNow - age);
            return nom;
        }
        var ancien = Egare($"{Guid.NewGuid():N}.csv", TimeSpan.FromHours(5));
        // Written « just now » by the clock of the instance below.
        var recent = Egare($"{Guid.NewGuid():N}.json", -TimeSpan.FromHours(2));
        var autre = Egare("notes.txt", TimeSpan.FromHours(5));

        // Two hours later, an instance looks at the queue: the run with a file is run, the other given up.
        await using var plusTard = Instance(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(new HorlogeEnAvance(TimeSpan.FromHours(2)))));
        _ = plusTard.Server;
        var etats = await AttendreLaFinAsync(admin, perdu, attendu);
        Assert.Equal(["interrompu", "applique"], etats.Select(e => e["statut"]!.GetValue<string>()));
        Assert.Contains("n'est plus dans le dossier des imports", etats[0]["rapport"]!["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(2, await Factory.DansLaBaseAsync(db => db.Fiches.CountAsync()));
        // The recent file may be an upload being written: kept.
        Assert.Equal(new[] { autre, recent }.Order(StringComparer.Ordinal), Fichiers());
        Assert.DoesNotContain(ancien, Fichiers());
    }
}
