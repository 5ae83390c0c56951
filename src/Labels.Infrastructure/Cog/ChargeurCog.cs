using System.Reflection;
using System.Security.Cryptography;
using Labels.Infrastructure.Persistance;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using nietras.SeparatedValues;

namespace Labels.Infrastructure.Cog;

/// <summary>
/// Loads the Code officiel géographique shipped with the application (data/cog) into PostgreSQL,
/// with binary COPY, only when the shipped data differs from what the database holds.
/// </summary>
internal sealed class ChargeurCog(LabelsDbContext db, TimeProvider horloge, ILogger<ChargeurCog> journal)
{
    private const string Communes = "cog/communes.csv";
    private const string Epci = "cog/epci.csv";
    private static readonly Assembly Ressources = typeof(ChargeurCog).Assembly;

    private sealed record Commune(string Code, string Nom, string Departement, string Region, int? Population, string? Siren);

    public async Task ChargerAsync(CancellationToken ct)
    {
        var empreinte = await EmpreinteAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Several instances may start together: one loads, the others wait and then find it done.
        await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(4242001)", ct);
        if (await db.VersionsCog.AnyAsync(v => v.Empreinte == empreinte, ct)) return;

        var communes = LireCommunes();
        var connexion = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.ExecuteSqlRawAsync("TRUNCATE cog_communes, cog_epci, cog_version", ct);
        await using (var copie = await connexion.BeginBinaryImportAsync(
            "COPY cog_communes (code_insee, nom, departement, region, population, siren) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var c in communes.Values)
            {
                await copie.StartRowAsync(ct);
                await copie.WriteAsync(c.Code, NpgsqlDbType.Varchar, ct);
                await copie.WriteAsync(c.Nom, NpgsqlDbType.Text, ct);
                await copie.WriteAsync(c.Departement, NpgsqlDbType.Text, ct);
                await copie.WriteAsync(c.Region, NpgsqlDbType.Text, ct);
                await EcrireAsync(copie, c.Population, NpgsqlDbType.Integer, ct);
                await EcrireAsync(copie, c.Siren, NpgsqlDbType.Text, ct);
            }
            await copie.CompleteAsync(ct);
        }
        var nombreEpci = 0;
        await using (var copie = await connexion.BeginBinaryImportAsync(
            "COPY cog_epci (siren, nom, population, departement, region, communes) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (siren, nom, population, membres) in LireEpci())
            {
                var rattachement = Majoritaire(membres, communes);
                await copie.StartRowAsync(ct);
                await copie.WriteAsync(siren, NpgsqlDbType.Varchar, ct);
                await copie.WriteAsync(nom, NpgsqlDbType.Text, ct);
                await copie.WriteAsync(population, NpgsqlDbType.Integer, ct);
                await EcrireAsync(copie, rattachement?.Departement, NpgsqlDbType.Text, ct);
                await EcrireAsync(copie, rattachement?.Region, NpgsqlDbType.Text, ct);
                await copie.WriteAsync(membres, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                nombreEpci++;
            }
            await copie.CompleteAsync(ct);
        }
        db.VersionsCog.Add(new VersionCog { Empreinte = empreinte, ChargeeLe = horloge.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        journal.LogInformation("COG chargé : {Communes} communes, {Epci} EPCI ({Empreinte}).", communes.Count, nombreEpci, empreinte[..12]);
    }

    /// <summary>An EPCI is attached to the département (and région) where most of its communes are.</summary>
    private static Commune? Majoritaire(string[] membres, Dictionary<string, Commune> communes) =>
        membres.Select(m => communes.GetValueOrDefault(m)).OfType<Commune>()
            .GroupBy(c => (c.Departement, c.Region))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Departement, StringComparer.Ordinal)
            .Select(g => g.First()).FirstOrDefault();

    private static Dictionary<string, Commune> LireCommunes()
    {
        var communes = new Dictionary<string, Commune>(40_000, StringComparer.Ordinal);
        using var lecteur = Sep.New(';').Reader(o => o with { Unescape = true }).From(Ouvrir(Communes));
        foreach (var ligne in lecteur)
        {
            var population = ligne["population"].Span;
            var siren = ligne["siren"].ToString();
            var c = new Commune(ligne["codeInsee"].ToString(), ligne["nom"].ToString(), ligne["departement"].ToString(),
                ligne["region"].ToString(), population.IsEmpty ? null : int.Parse(population),
                siren.Length == 0 ? null : siren);
            communes[c.Code] = c;
        }
        return communes;
    }

    private static List<(string Siren, string Nom, int Population, string[] Communes)> LireEpci()
    {
        var epci = new List<(string, string, int, string[])>(1_300);
        using var lecteur = Sep.New(';').Reader(o => o with { Unescape = true }).From(Ouvrir(Epci));
        foreach (var ligne in lecteur)
            epci.Add((ligne["siren"].ToString(), ligne["nom"].ToString(), ligne["population"].Parse<int>(),
                ligne["communes"].ToString().Split('|', StringSplitOptions.RemoveEmptyEntries)));
        return epci;
    }

    private static async Task EcrireAsync<T>(NpgsqlBinaryImporter copie, T? valeur, NpgsqlDbType type, CancellationToken ct)
    {
        if (valeur is null) await copie.WriteNullAsync(ct);
        else await copie.WriteAsync(valeur, type, ct);
    }

    private static Stream Ouvrir(string nom) =>
        Ressources.GetManifestResourceStream(nom) ?? throw new InvalidOperationException($"Ressource {nom} absente.");

    private static async Task<string> EmpreinteAsync(CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var nom in new[] { Communes, Epci })
        {
            await using var flux = Ouvrir(nom);
            var tampon = new byte[81920];
            int lus;
            while ((lus = await flux.ReadAsync(tampon, ct)) > 0) sha.AppendData(tampon, 0, lus);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
