using Labels.Application.Commun;
using Labels.Infrastructure.Cog;
using Labels.Infrastructure.Identite;
using Labels.Infrastructure.Persistance;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Labels.Infrastructure;

/// <summary>
/// What start-up does before serving: warn of keys stored in clear (in production), migrate, load the COG, ensure roles and
/// the first administrator.
/// </summary>
public static class Initialisation
{
    public static async Task InitialiserAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        AvertirDesClesEnClair(sp);
        await MigrerAsync(sp.GetRequiredService<LabelsDbContext>(), ct);
        await Identite.ProtectionDesCles.VerifierAsync(sp.GetRequiredService<LabelsDbContext>(), sp.GetRequiredService<IConfiguration>(), ct);
        await sp.GetRequiredService<ChargeurCog>().ChargerAsync(ct);
        await AmorcerComptesAsync(sp, ct);
    }

    /// <summary>
    /// Npgsql's migrator reads the history table before creating it: on an empty database that first read fails (a failure it
    /// then ignores), which EF logged at Error and PostgreSQL logs as an ERROR in its own log. The table is created beforehand,
    /// by the migrator's own statement, so that a first start runs no statement that fails.
    /// </summary>
    private static async Task MigrerAsync(LabelsDbContext db, CancellationToken ct)
    {
        var historique = db.GetService<IHistoryRepository>();
        var existe = await db.Database
            .SqlQueryRaw<bool>("SELECT to_regclass('" + LabelsDbContext.HistoriqueDesMigrations + "') IS NOT NULL AS \"Value\"")
            .SingleAsync(ct);
        if (!existe) await historique.CreateIfNotExistsAsync(ct);
        await db.Database.MigrateAsync(ct);
    }

    /// <summary>In production, keys stored in clear are a risk the operator must hear of (see <see cref="Identite.ProtectionDesCles"/>).</summary>
    private static void AvertirDesClesEnClair(IServiceProvider sp)
    {
        if (!sp.GetRequiredService<IHostEnvironment>().IsProduction()
            || sp.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor is not null) return;
        sp.GetRequiredService<ILoggerFactory>().CreateLogger("Labels.Initialisation").LogWarning(
            "Les clés de protection des données, qui protègent les jetons, sont stockées en clair dans PostgreSQL : qui lit la base "
            + "peut fabriquer des jetons. Renseignez ProtectionDesCles:Certificat:Chemin et ProtectionDesCles:Certificat:MotDePasse (voir docs/securite.md, Keys at rest).");
    }

    /// <summary>Roles, then the first administrator from configuration when no administrator exists.</summary>
    public static async Task AmorcerComptesAsync(IServiceProvider sp, CancellationToken ct = default)
    {
        var roles = sp.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.Tous)
            if (!await roles.RoleExistsAsync(role))
                Verifier(await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() }));

        var utilisateurs = sp.GetRequiredService<UserManager<Compte>>();
        if ((await utilisateurs.GetUsersInRoleAsync(Roles.Admin)).Count > 0) return;
        var configuration = sp.GetRequiredService<IConfiguration>();
        var journal = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Labels.Initialisation");
        var email = configuration["Bootstrap:AdminEmail"];
        var motDePasse = configuration["Bootstrap:AdminPassword"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(motDePasse))
        {
            journal.LogWarning("Aucun administrateur : renseignez Bootstrap:AdminEmail et Bootstrap:AdminPassword.");
            return;
        }
        var compte = await utilisateurs.FindByEmailAsync(email);
        if (compte is null)
        {
            compte = new Compte { Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true };
            Verifier(await utilisateurs.CreateAsync(compte, motDePasse));
        }
        Verifier(await utilisateurs.AddToRoleAsync(compte, Roles.Admin));
        journal.LogInformation("Administrateur initial créé : {Email}.", email);
    }

    private static void Verifier(IdentityResult resultat)
    {
        if (!resultat.Succeeded)
            throw new InvalidOperationException("Initialisation des comptes : " + string.Join("; ", resultat.Errors.Select(e => e.Description)));
    }
}
