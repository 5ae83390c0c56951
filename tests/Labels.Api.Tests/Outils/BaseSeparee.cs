using Npgsql;

namespace Labels.Api.Tests.Outils;

/// <summary>A database of its own, created empty for one test beside the run's and dropped after it.</summary>
public sealed class BaseSeparee(string chaine) : IAsyncDisposable
{
    public string Chaine { get; } = chaine;

    /// <summary>The run's database name with <paramref name="suffixe"/>, on the same server, created empty.</summary>
    public static async Task<BaseSeparee> CreerAsync(LabelsApiFactory factory, string suffixe)
    {
        var chaine = new NpgsqlConnectionStringBuilder(factory.ChaineDeConnexion);
        chaine.Database += suffixe;
        var base_ = new BaseSeparee(chaine.ConnectionString);
        await base_.ExecuterAsync("DROP DATABASE IF EXISTS \"{0}\" WITH (FORCE)");
        await base_.ExecuterAsync("CREATE DATABASE \"{0}\"");
        return base_;
    }

    public async Task<List<string>> ClesAsync()
    {
        await using var connexion = new NpgsqlConnection(Chaine);
        await connexion.OpenAsync();
        await using var commande = new NpgsqlCommand("SELECT xml FROM data_protection_keys", connexion);
        await using var lecteur = await commande.ExecuteReaderAsync();
        var cles = new List<string>();
        while (await lecteur.ReadAsync()) cles.Add(lecteur.GetString(0));
        return cles;
    }

    private async Task ExecuterAsync(string modele)
    {
        var cible = new NpgsqlConnectionStringBuilder(Chaine);
        var admin = new NpgsqlConnectionStringBuilder(Chaine) { Database = "postgres", Pooling = false };
        await using var connexion = new NpgsqlConnection(admin.ConnectionString);
        await connexion.OpenAsync();
        await using var commande = new NpgsqlCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, modele, cible.Database), connexion);
        await commande.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await ExecuterAsync("DROP DATABASE IF EXISTS \"{0}\" WITH (FORCE)");
        // The hosts' pooled connections to it are dead: the next test's database of the same name must not get them.
        NpgsqlConnection.ClearPool(new NpgsqlConnection(Chaine));
    }
}
