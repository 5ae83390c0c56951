using Labels.Application.Commun;
using Labels.Domain.Audit;
using Labels.Domain.Candidatures;
using Labels.Domain.Collectivites;
using Labels.Domain.Distinctions;
using Labels.Domain.Editions;
using Labels.Infrastructure.Identite;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Labels.Infrastructure.Persistance;

public sealed class LabelsDbContext(DbContextOptions<LabelsDbContext> options)
    : IdentityDbContext<Compte, IdentityRole<Guid>, Guid>(options), ILabelsDbContext, IDataProtectionKeyContext
{
    public DbSet<CommuneCog> Communes => Set<CommuneCog>();
    public DbSet<EpciCog> Epcis => Set<EpciCog>();
    public DbSet<Collectivite> Collectivites => Set<Collectivite>();
    public DbSet<Edition> Editions => Set<Edition>();
    public DbSet<Candidature> Candidatures => Set<Candidature>();
    public DbSet<FicheAction> Fiches => Set<FicheAction>();
    public DbSet<Distinction> Distinctions => Set<Distinction>();
    public DbSet<EntreeAudit> Audit => Set<EntreeAudit>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    internal DbSet<VersionCog> VersionsCog => Set<VersionCog>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LabelsDbContext).Assembly);
        builder.Entity<Compte>().HasIndex(c => c.CollectiviteId);
    }
}

/// <summary>The fingerprint of the COG data loaded in the database, so start-up reloads it only when it changed.</summary>
internal sealed class VersionCog
{
    public required string Empreinte { get; set; }
    public DateTimeOffset ChargeeLe { get; set; }
}
