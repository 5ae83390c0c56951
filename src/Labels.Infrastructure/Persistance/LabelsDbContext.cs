using System.Data.Common;
using Labels.Application.Commun;
using Labels.Domain.Audit;
using Labels.Domain.Candidatures;
using Labels.Domain.Collectivites;
using Labels.Domain.Distinctions;
using Labels.Domain.Editions;
using Labels.Domain.Imports;
using Labels.Domain.Jury;
using Labels.Domain.Palmares;
using Labels.Domain.Securite;
using Labels.Domain.Webhooks;
using Labels.Infrastructure.Identite;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Labels.Infrastructure.Persistance;

public sealed class LabelsDbContext(DbContextOptions<LabelsDbContext> options)
    : IdentityDbContext<Compte, IdentityRole<Guid>, Guid>(options), ILabelsDbContext, IDataProtectionKeyContext
{
    public const string HistoriqueDesMigrations = "__ef_migrations_history";

    /// <summary>How the API and the `dotnet ef` tools alike configure the context.</summary>
    public static DbContextOptionsBuilder Configurer(DbContextOptionsBuilder options, string chaine) => options
        .UseNpgsql(chaine, npgsql => npgsql.MigrationsHistoryTable(HistoriqueDesMigrations))
        .UseSnakeCaseNamingConvention();

    public DbSet<CommuneCog> Communes => Set<CommuneCog>();
    public DbSet<EpciCog> Epcis => Set<EpciCog>();
    public DbSet<Collectivite> Collectivites => Set<Collectivite>();
    public DbSet<Edition> Editions => Set<Edition>();
    public DbSet<Candidature> Candidatures => Set<Candidature>();
    public DbSet<FicheAction> Fiches => Set<FicheAction>();
    public DbSet<Distinction> Distinctions => Set<Distinction>();
    public DbSet<EntreeAudit> Audit => Set<EntreeAudit>();
    public DbSet<MembreJury> Jures => Set<MembreJury>();
    public DbSet<Affectation> Affectations => Set<Affectation>();
    public DbSet<Evaluation> Evaluations => Set<Evaluation>();
    public DbSet<ChangementEvaluation> ChangementsEvaluation => Set<ChangementEvaluation>();
    public DbSet<VersionPalmares> VersionsPalmares => Set<VersionPalmares>();
    public DbSet<Laureat> Laureats => Set<Laureat>();
    public DbSet<Import> Imports => Set<Import>();
    public DbSet<JetonApi> JetonsApi => Set<JetonApi>();
    public DbSet<Abonnement> Abonnements => Set<Abonnement>();
    public DbSet<Evenement> Evenements => Set<Evenement>();
    public DbSet<Livraison> Livraisons => Set<Livraison>();
    public DbSet<TentativeLivraison> TentativesLivraison => Set<TentativeLivraison>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public void ChangeTrackerClear() => ChangeTracker.Clear();

    public Task VerrouillerAsync(Guid cle, CancellationToken ct) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({cle.ToString()}, 0))", ct);
    internal DbSet<VersionCog> VersionsCog => Set<VersionCog>();
    public DbSet<RenouvellementUtilise> RenouvellementsUtilises => Set<RenouvellementUtilise>();
    public DbSet<EchecConnexion> EchecsConnexion => Set<EchecConnexion>();

    /// <summary>
    /// A unique index refusing a write becomes the application's own exception, named by its constraint and saying which record
    /// already holds the key (<see cref="Unicites"/>).
    /// </summary>
    public override async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException
                                          && e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
        {
            var ecrits = e.Entries.Count > 0 ? e.Entries : ChangeTracker.Entries().Where(x => x.State is EntityState.Added or EntityState.Modified);
            string message;
            try
            {
                message = await Unicites.DecrireAsync(this, pg.ConstraintName, ecrits.Select(x => x.Entity).ToList(), cancellationToken);
            }
            catch (Exception lecture) when (lecture is DbException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
            {
                // Without a savepoint to go back to, the transaction reads no more: the duplicate is still a 409, named less precisely.
                message = Unicites.ParDefaut;
            }
            throw new UniciteException(message, e);
        }
    }

    /// <summary>
    /// PostgreSQL's timestamptz takes UTC only (Npgsql refuses another offset): every instant is written, and compared, in
    /// UTC, whatever offset a caller gave it.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configuration)
    {
        configuration.Properties<DateTimeOffset>().HaveConversion<InstantEnUtc>();
    }

    private sealed class InstantEnUtc() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(), v => v);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LabelsDbContext).Assembly);
        builder.Entity<Compte>().HasIndex(c => c.CollectiviteId);
        builder.Entity<RenouvellementUtilise>(b =>
        {
            b.ToTable("renouvellements_utilises");
            b.HasKey(r => r.Emission);
            b.Property(r => r.Emission).HasMaxLength(64);
        });
        builder.Entity<EchecConnexion>(b =>
        {
            b.ToTable("echecs_connexion");
            b.HasKey(e => new { e.Email, e.Client });
            b.Property(e => e.Email).HasMaxLength(256);
            b.Property(e => e.Client).HasMaxLength(256);
            b.HasIndex(e => e.DernierEchec);
        });
    }
}
