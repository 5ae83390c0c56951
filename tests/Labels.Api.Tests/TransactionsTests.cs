using System.Data.Common;
using Labels.Infrastructure.Persistance;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Labels.Api.Tests;

/// <summary>
/// One use case, one transaction: a command whose second statement fails leaves nothing of its first. The failure is
/// injected into the real pipeline, on the real database, by refusing one SQL statement.
/// </summary>
public sealed class TransactionsTests(LabelsApiFactory factory) : ApiTest(factory)
{
    /// <summary>Fails every command (or batch) whose SQL holds <paramref name="debut"/>, as a lost connection would.</summary>
    private sealed class Panne(string debut) : DbCommandInterceptor
    {
        private void Verifier(DbCommand commande)
        {
            if (commande.CommandText.Contains(debut, StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"Panne simulée : {debut}");
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Verifier(command);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Verifier(command);
            return ValueTask.FromResult(result);
        }
    }

    private WebApplicationFactory<Program> EnPanne(string debut) =>
        Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.ConfigureDbContext<LabelsDbContext>(o => o.AddInterceptors(new Panne(debut)))));

    private static HttpClient Connecte(WebApplicationFactory<Program> hote, HttpClient admin)
    {
        var client = hote.CreateClient();
        client.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        return client;
    }

    private async Task<string> EmpreinteAsync(string requete)
    {
        await using var connexion = new NpgsqlConnection(Factory.ChaineDeConnexion);
        await connexion.OpenAsync();
        await using var commande = new NpgsqlCommand(requete, connexion);
        return (await commande.ExecuteScalarAsync())?.ToString() ?? "";
    }

    [Fact]
    public async Task Une_repartition_qui_echoue_garde_les_affectations_d_avant()
    {
        var scenario = await Scenario.PreparerAsync(this);
        const string affectations = "SELECT string_agg(id::text || candidature_id::text || jure_id::text, ',' ORDER BY id) FROM affectations";
        var avant = await EmpreinteAsync(affectations);
        Assert.NotEqual("", avant);
        await using var hote = EnPanne("INSERT INTO affectations");
        var reponse = await Connecte(hote, scenario.Admin).PostAsJsonAsync("/api/v1/editions/2022/affectations/auto", new { juresParDossier = 1 });
        Assert.True((int)reponse.StatusCode >= 500, $"{(int)reponse.StatusCode}");
        // The assignments deleted first are still there.
        Assert.Equal(avant, await EmpreinteAsync(affectations));
        Assert.Equal(HttpStatusCode.OK, (await scenario.Admin.PostAsJsonAsync("/api/v1/editions/2022/affectations/auto", new { juresParDossier = 1 })).StatusCode);
    }

    [Fact]
    public async Task Une_publication_qui_echoue_n_indexe_rien_et_ne_publie_rien()
    {
        var admin = await AdminAsync();
        await this.PreparerHistoriqueAsync(admin, 2021, new Resultat("62041", 3, Fiches: 2));
        await using var hote = EnPanne("INSERT INTO palmares_versions");
        var reponse = await Historiques.PublierAsync(Connecte(hote, admin), 2021);
        Assert.True((int)reponse.StatusCode >= 500, $"{(int)reponse.StatusCode}");
        Assert.Equal("0", await EmpreinteAsync("SELECT count(*) FROM fiches_actions WHERE recherche IS NOT NULL"));
        Assert.Equal("0", await EmpreinteAsync("SELECT count(*) FROM palmares_versions"));
        Assert.Equal("Preparation", await EmpreinteAsync("SELECT statut FROM editions WHERE annee = 2021"));
        Assert.Equal(HttpStatusCode.Created, (await Historiques.PublierAsync(admin, 2021)).StatusCode);
    }

    [Fact]
    public async Task Un_compte_dont_le_role_echoue_n_existe_pas()
    {
        var admin = await AdminAsync();
        await using var hote = EnPanne("INSERT INTO \"AspNetUserRoles\"");
        var reponse = await Connecte(hote, admin).PostAsJsonAsync("/api/v1/comptes",
            new { email = "sans-role@test.labels", motDePasse = MotDePasse, role = "jure" });
        Assert.True((int)reponse.StatusCode >= 500, $"{(int)reponse.StatusCode}");
        Assert.Equal("0", await EmpreinteAsync("SELECT count(*) FROM \"AspNetUsers\" WHERE email = 'sans-role@test.labels'"));
    }
}
