using Labels.Infrastructure;
using Labels.Infrastructure.Persistance;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Respawn;
using Testcontainers.PostgreSql;

namespace Labels.Api.Tests.Outils;

/// <summary>
/// The real API on a real PostgreSQL: LABELS_TEST_DB (set by scripts/test.sh), else a Testcontainers
/// PostgreSQL where a Docker engine exists, else a loud failure. The database is recreated per run.
/// </summary>
public sealed class LabelsApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@test.labels";
    public const string AdminMotDePasse = "Administrateur-de-test-1";

    private PostgreSqlContainer? _conteneur;
    private Respawner? _respawner;
    public string ChaineDeConnexion { get; private set; } = "";

    /// <summary>Where every host of this run (this one and those made with WithWebHostBuilder) keeps asynchronous imports' files.</summary>
    public string DossierDesImports { get; } = Path.Combine(Path.GetTempPath(), $"labels-tests-imports-{Guid.NewGuid():N}");

    public async Task InitializeAsync()
    {
        ChaineDeConnexion = await BaseDeTestAsync();
        _ = Server; // builds the host: migrations, COG, first administrator
        await using var connexion = new NpgsqlConnection(ChaineDeConnexion);
        await connexion.OpenAsync();
        _respawner = await Respawner.CreateAsync(connexion, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            // Reference data and schema history survive between tests; everything a test writes goes.
            TablesToIgnore = ["cog_communes", "cog_epci", "cog_version", "__ef_migrations_history", "AspNetRoles", "data_protection_keys"],
        });
    }

    /// <summary>Empties every table a test may write, then recreates the first administrator as start-up does.</summary>
    public async Task ReinitialiserAsync()
    {
        await using (var connexion = new NpgsqlConnection(ChaineDeConnexion))
        {
            await connexion.OpenAsync();
            // A first import leaves its édition a partition of fiches_actions; the next test must find none.
            await using (var partitions = new NpgsqlCommand("""
                DO $$ DECLARE t regclass; BEGIN
                  FOR t IN SELECT inhrelid::regclass FROM pg_inherits
                           WHERE inhparent = 'fiches_actions'::regclass AND inhrelid <> 'fiches_actions_autres'::regclass LOOP
                    EXECUTE format('DROP TABLE %s', t);
                  END LOOP;
                END $$
                """, connexion))
                await partitions.ExecuteNonQueryAsync();
            await _respawner!.ResetAsync(connexion);
        }
        // The files of the asynchronous imports that went with their records (accepted, never run by this host).
        if (Directory.Exists(DossierDesImports))
            foreach (var fichier in Directory.GetFiles(DossierDesImports)) File.Delete(fichier);
        await using var scope = Services.CreateAsyncScope();
        await Initialisation.AmorcerComptesAsync(scope.ServiceProvider);
        Services.GetRequiredService<Publication.PalmaresPublies>().Vider();
    }

    public async Task<T> DansLaBaseAsync<T>(Func<LabelsDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<LabelsDbContext>());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Labels", ChaineDeConnexion);
        builder.UseSetting("Bootstrap:AdminEmail", AdminEmail);
        builder.UseSetting("Bootstrap:AdminPassword", AdminMotDePasse);
        // Tests log in far more often than a person: the limits have their own test.
        builder.UseSetting("LimitesDeDebit:Authentification", "0");
        builder.UseSetting("LimitesDeDebit:LecturePublique", "0");
        // Queued imports are run by the hosts a test starts for that (Imports:Executer), never behind its back by this one,
        // so that each test decides which instances work the queue; those hosts look at it often.
        builder.UseSetting("Imports:Dossier", DossierDesImports);
        builder.UseSetting("Imports:Executer", "false");
        // Events are delivered by the hosts a webhook test starts for that, with its receiver allowed and its clock.
        builder.UseSetting("Webhooks:Livrer", "false");
        // The host the document's examples name (CorpsDuDocument), which need not resolve here.
        builder.UseSetting("Webhooks:CiblesPermises:0", "exemple.fr");
        builder.UseSetting("Imports:Intervalle", "00:00:00.2");
    }

    /// <summary>
    /// <see cref="WebApplicationFactory{T}.UseKestrel()"/> adds Kestrel's services after the application's, its own memory
    /// pool with them: the application's pool (Serveur:TailleDesBlocs) is put back last, as the program's host has it.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        builder.ConfigureServices(services =>
        {
            var pool = services.LastOrDefault(d => d.ServiceType == typeof(IMemoryPoolFactory<byte>)
                && d.ImplementationFactory?.Method.DeclaringType?.Assembly == typeof(Program).Assembly);
            if (pool is null) return;
            services.Remove(pool);
            services.Add(pool);
        });
        return base.CreateHost(builder);
    }

    private async Task<string> BaseDeTestAsync()
    {
        var chaine = Environment.GetEnvironmentVariable("LABELS_TEST_DB");
        if (string.IsNullOrWhiteSpace(chaine))
        {
            if (!File.Exists("/var/run/docker.sock"))
                throw new InvalidOperationException(
                    "Aucune base de test : lancez les tests par scripts/test.sh (qui démarre un PostgreSQL local), " +
                    "ou renseignez LABELS_TEST_DB, ou fournissez un moteur Docker pour Testcontainers.");
            _conteneur = new PostgreSqlBuilder("postgres:15").Build();
            await _conteneur.StartAsync();
            return _conteneur.GetConnectionString();
        }
        // A fresh database per run: no state leaks from an earlier run or schema.
        var cible = new NpgsqlConnectionStringBuilder(chaine);
        var admin = new NpgsqlConnectionStringBuilder(chaine) { Database = "postgres", Pooling = false };
        await using var connexion = new NpgsqlConnection(admin.ConnectionString);
        await connexion.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{cible.Database}\" WITH (FORCE)", connexion))
            await drop.ExecuteNonQueryAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{cible.Database}\"", connexion))
            await create.ExecuteNonQueryAsync();
        return cible.ConnectionString;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_conteneur is not null) await _conteneur.DisposeAsync();
        if (Directory.Exists(DossierDesImports)) Directory.Delete(DossierDesImports, recursive: true);
    }
}

[CollectionDefinition(Nom)]
public sealed class CollectionApi : ICollectionFixture<LabelsApiFactory>
{
    public const string Nom = "api";
}
