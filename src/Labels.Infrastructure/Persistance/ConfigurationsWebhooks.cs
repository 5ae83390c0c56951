using Labels.Domain.Editions;
using Labels.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Labels.Infrastructure.Persistance;

internal sealed class AbonnementConfiguration : IEntityTypeConfiguration<Abonnement>
{
    public void Configure(EntityTypeBuilder<Abonnement> b)
    {
        b.ToTable("abonnements_webhook");
        b.HasKey(a => a.Id);
        b.Property(a => a.Url).HasMaxLength(Abonnement.LongueurUrlMax);
        b.Property(a => a.Description).HasMaxLength(Abonnement.LongueurDescriptionMax);
        b.Property(a => a.Etat).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.RaisonDesactivation).HasMaxLength(200);
        b.HasOne<Edition>().WithMany().HasForeignKey(a => a.Edition).OnDelete(DeleteBehavior.Cascade);
        // PostgreSQL's row version (xmin): of two writes from the same reading (two rotations, a change beside the worker's
        // record of an attempt), the second fails rather than silently undoing the first.
        b.Property<uint>("Version").IsRowVersion();
    }
}

internal sealed class EvenementConfiguration : IEntityTypeConfiguration<Evenement>
{
    public void Configure(EntityTypeBuilder<Evenement> b)
    {
        b.ToTable("evenements_webhook");
        b.HasKey(e => e.Id);
        b.Property(e => e.Type).HasMaxLength(40);
        b.Property(e => e.StatutAvant).HasMaxLength(20);
        b.Property(e => e.Statut).HasMaxLength(20);
        b.Ignore(e => e.IdentifiantWebhook);
        b.HasOne<Abonnement>().WithMany().HasForeignKey(e => e.AbonnementId).OnDelete(DeleteBehavior.Cascade);
        // The outbox's reading: the events not yet sent out, in the order they happened.
        b.HasIndex(e => e.SurvenuLe).HasFilter("diffuse_le IS NULL").HasDatabaseName("ix_evenements_webhook_a_diffuser");
        b.HasIndex(e => e.CreeLe);
    }
}

internal sealed class LivraisonConfiguration : IEntityTypeConfiguration<Livraison>
{
    public void Configure(EntityTypeBuilder<Livraison> b)
    {
        b.ToTable("livraisons_webhook");
        b.HasKey(l => l.Id);
        b.Property(l => l.Etat).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Evenement>().WithMany().HasForeignKey(l => l.EvenementId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Abonnement>().WithMany().HasForeignKey(l => l.AbonnementId).OnDelete(DeleteBehavior.Cascade);
        // One delivery of an event per subscription: an event sent out twice (two instances) could not make two.
        b.HasIndex(l => new { l.EvenementId, l.AbonnementId }).IsUnique();
        b.HasIndex(l => l.ProchaineTentative).HasFilter("etat = 'EnAttente'").HasDatabaseName("ix_livraisons_webhook_dues");
        b.HasIndex(l => new { l.AbonnementId, l.CreeLe });
        // Two resends at once, or a resend beside the worker's record of an attempt: the second write fails (412) rather than
        // both answering as if each had sent it.
        b.Property<uint>("Version").IsRowVersion();
    }
}

internal sealed class TentativeLivraisonConfiguration : IEntityTypeConfiguration<TentativeLivraison>
{
    public void Configure(EntityTypeBuilder<TentativeLivraison> b)
    {
        b.ToTable("tentatives_webhook");
        b.HasKey(t => t.Id);
        b.Property(t => t.Type).HasMaxLength(40);
        b.Property(t => t.Erreur).HasMaxLength(500);
        b.Property(t => t.ExtraitReponse).HasMaxLength(TentativeLivraison.ExtraitMax);
        b.HasOne<Livraison>().WithMany().HasForeignKey(t => t.LivraisonId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(t => new { t.AbonnementId, t.Le });
    }
}
