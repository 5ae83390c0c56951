using System.Text.Json;
using Labels.Domain.Audit;
using Labels.Domain.Candidatures;
using Labels.Domain.Collectivites;
using Labels.Domain.Distinctions;
using Labels.Domain.Editions;
using Labels.Domain.Imports;
using Labels.Domain.Jury;
using Labels.Domain.Palmares;
using Labels.Domain.Securite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Labels.Infrastructure.Persistance;

internal sealed class CommuneCogConfiguration : IEntityTypeConfiguration<CommuneCog>
{
    public void Configure(EntityTypeBuilder<CommuneCog> b)
    {
        b.ToTable("cog_communes");
        b.HasKey(c => c.CodeInsee);
        b.Property(c => c.CodeInsee).HasMaxLength(5);
    }
}

internal sealed class EpciCogConfiguration : IEntityTypeConfiguration<EpciCog>
{
    public void Configure(EntityTypeBuilder<EpciCog> b)
    {
        b.ToTable("cog_epci");
        b.HasKey(e => e.Siren);
        b.Property(e => e.Siren).HasMaxLength(9);
    }
}

internal sealed class VersionCogConfiguration : IEntityTypeConfiguration<VersionCog>
{
    public void Configure(EntityTypeBuilder<VersionCog> b)
    {
        b.ToTable("cog_version");
        b.HasKey(v => v.Empreinte);
    }
}

internal sealed class CollectiviteConfiguration : IEntityTypeConfiguration<Collectivite>
{
    public void Configure(EntityTypeBuilder<Collectivite> b)
    {
        b.ToTable("collectivites");
        b.HasKey(c => c.Id);
        b.Property(c => c.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Categorie).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.CodeInsee).HasMaxLength(5);
        b.Property(c => c.Siren).HasMaxLength(9);
        b.Property(c => c.Nom).HasMaxLength(200);
        b.Property(c => c.Departement).HasMaxLength(3);
        b.Property(c => c.Region).HasMaxLength(3);
        b.Ignore(c => c.Code);
        b.HasIndex(c => c.CodeInsee).IsUnique().HasDatabaseName("ux_collectivites_code_insee");
        b.HasIndex(c => c.Siren).IsUnique().HasDatabaseName("ux_collectivites_siren");
        b.HasIndex(c => c.Departement);
        b.HasIndex(c => c.Region);
    }
}

internal sealed class EditionConfiguration : IEntityTypeConfiguration<Edition>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // The référentiel is one value of the édition, read and replaced whole: a jsonb column keeps it so.
    private sealed record EnjeuJson(string Code, string Nom, ServiceJson[] Services);
    private sealed record ServiceJson(string Code, string Nom);
    private sealed record MentionJson(string Code, string Nom);
    private sealed record ReferentielJson(EnjeuJson[] Enjeux, MentionJson[] Mentions);

    private static string Ecrire(Referentiel r) => JsonSerializer.Serialize(new ReferentielJson(
        r.Enjeux.Select(e => new EnjeuJson(e.Code, e.Nom, e.Services.Select(s => new ServiceJson(s.Code, s.Nom)).ToArray())).ToArray(),
        r.Mentions.Select(m => new MentionJson(m.Code, m.Nom)).ToArray()), Json);

    private static Referentiel Lire(string json)
    {
        var r = JsonSerializer.Deserialize<ReferentielJson>(json, Json)!;
        return Referentiel.Creer(
            r.Enjeux.Select(e => new Enjeu(e.Code, e.Nom, e.Services.Select(s => new ServiceNumerique(s.Code, s.Nom)).ToArray())).ToArray(),
            r.Mentions.Select(m => new TypeMention(m.Code, m.Nom)).ToArray());
    }

    private sealed record CritereJson(string Code, string Nom, decimal Min, decimal Max, decimal Poids, bool CompteDansLeTotal);
    private sealed record GrilleJson(CritereJson[] Criteres, decimal[] SeuilsArobases);

    private static string EcrireGrille(Grille g) => JsonSerializer.Serialize(new GrilleJson(
        g.Criteres.Select(c => new CritereJson(c.Code, c.Nom, c.Min, c.Max, c.Poids, c.CompteDansLeTotal)).ToArray(),
        g.SeuilsArobases.ToArray()), Json);

    private static Grille LireGrille(string json)
    {
        var g = JsonSerializer.Deserialize<GrilleJson>(json, Json)!;
        return Grille.Creer(g.Criteres.Select(c => new Critere(c.Code, c.Nom, c.Min, c.Max, c.Poids, c.CompteDansLeTotal)).ToArray(), g.SeuilsArobases);
    }

    public void Configure(EntityTypeBuilder<Edition> b)
    {
        b.ToTable("editions");
        b.HasKey(e => e.Annee);
        b.Property(e => e.Annee).ValueGeneratedNever();
        b.HasIndex(e => e.Numero).IsUnique().HasDatabaseName("ux_editions_numero");
        b.Property(e => e.Statut).HasConversion<string>().HasMaxLength(20);
        b.ComplexProperty(e => e.Calendrier);
        b.ComplexProperty(e => e.ParametresTen);
        b.Property(e => e.Referentiel)
            .HasColumnType("jsonb")
            .HasConversion(r => Ecrire(r), s => Lire(s),
                new ValueComparer<Referentiel>((x, y) => ReferenceEquals(x, y) || (x != null && y != null && Ecrire(x) == Ecrire(y)),
                    r => Ecrire(r).GetHashCode(StringComparison.Ordinal), r => r));
        b.Property(e => e.Grille)
            .HasColumnType("jsonb")
            .HasConversion(g => EcrireGrille(g), s => LireGrille(s),
                new ValueComparer<Grille>((x, y) => ReferenceEquals(x, y) || (x != null && y != null && EcrireGrille(x) == EcrireGrille(y)),
                    g => EcrireGrille(g).GetHashCode(StringComparison.Ordinal), g => g));
    }
}

internal sealed class CandidatureConfiguration : IEntityTypeConfiguration<Candidature>
{
    public void Configure(EntityTypeBuilder<Candidature> b)
    {
        b.ToTable("candidatures");
        b.HasKey(c => c.Id);
        b.Property(c => c.Statut).HasConversion<string>().HasMaxLength(20);
        b.HasOne<Edition>().WithMany().HasForeignKey(c => c.EditionAnnee).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Collectivite>().WithMany().HasForeignKey(c => c.CollectiviteId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.EditionAnnee, c.CollectiviteId }).IsUnique().HasDatabaseName("ux_candidatures_edition_collectivite");
        b.HasIndex(c => c.CollectiviteId);
    }
}

internal sealed class FicheActionConfiguration : IEntityTypeConfiguration<FicheAction>
{
    public void Configure(EntityTypeBuilder<FicheAction> b)
    {
        b.ToTable("fiches_actions");
        b.HasKey(f => f.Id);
        // The table is partitioned by édition in the database (migration FichesParEdition), so its primary key there is
        // (id, edition_annee); EF keys a fiche by its id alone, which is unique by itself.
        // The foreign key carries the édition: a fiche's is always its candidature's.
        b.HasOne<Candidature>().WithMany().HasForeignKey(f => new { f.CandidatureId, f.EditionAnnee })
            .HasPrincipalKey(c => new { c.Id, c.EditionAnnee }).OnDelete(DeleteBehavior.Cascade);
        b.Property(f => f.Reference).HasMaxLength(FicheAction.LongueurMaxReference);
        b.Property(f => f.Titre).HasMaxLength(FicheAction.LongueurMaxTitre);
        b.Property(f => f.Resume).HasMaxLength(FicheAction.LongueurMaxResume);
        b.Property(f => f.Description).HasMaxLength(FicheAction.LongueurMaxDescription);
        // In the database a UNIQUE constraint of that name, DEFERRABLE (migrations ImportDirect, FichesParEdition) so that
        // the yearly import lists duplicate references; EF, which cannot express it on a nullable column, sees its index.
        // Also how fiches are reached by édition (through its candidatures), enjeu filter included: a GIN index on
        // enjeux was never chosen by the planner, even over 25 éditions, and cost every write (migration SansIndexEnjeux).
        b.HasIndex(f => new { f.CandidatureId, f.EditionAnnee, f.Reference }).IsUnique().HasDatabaseName("ux_fiches_candidature_reference");
        // A fiche without reference is known by its title within its dossier (docs/import.md): two such fiches of one
        // dossier with one title would leave an import unable to tell which one it updates.
        b.HasIndex(f => new { f.CandidatureId, f.EditionAnnee, f.Titre }).IsUnique().HasFilter("reference IS NULL")
            .HasDatabaseName("ux_fiches_candidature_titre");
    }
}

internal sealed class DistinctionConfiguration : IEntityTypeConfiguration<Distinction>
{
    public void Configure(EntityTypeBuilder<Distinction> b)
    {
        b.ToTable("distinctions");
        b.HasKey(d => d.Id);
        b.HasOne<Candidature>().WithOne().HasForeignKey<Distinction>(d => d.CandidatureId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Edition>().WithMany().HasForeignKey(d => d.EditionAnnee).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Collectivite>().WithMany().HasForeignKey(d => d.CollectiviteId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => d.CandidatureId).IsUnique().HasDatabaseName("ux_distinctions_candidature");
        b.HasIndex(d => new { d.CollectiviteId, d.EditionAnnee });
        b.Property(d => d.Justification).HasMaxLength(Distinction.LongueurMaxJustification);
        b.ToTable(t => t.HasCheckConstraint("ck_distinctions_arobases",
            $"arobases BETWEEN {Distinction.ArobasesMin} AND {Distinction.ArobasesMax}"));
    }
}

internal sealed class EntreeAuditConfiguration : IEntityTypeConfiguration<EntreeAudit>
{
    public void Configure(EntityTypeBuilder<EntreeAudit> b)
    {
        b.ToTable("journal_audit");
        b.HasKey(e => e.Id);
        b.Property(e => e.Action).HasMaxLength(EntreeAudit.LongueurMaxAction);
        b.Property(e => e.Cible).HasMaxLength(EntreeAudit.LongueurMaxCible);
        b.Property(e => e.Details).HasColumnType("jsonb");
        b.HasIndex(e => e.Instant);
        b.HasIndex(e => e.Cible);
    }
}

internal sealed class MembreJuryConfiguration : IEntityTypeConfiguration<MembreJury>
{
    public void Configure(EntityTypeBuilder<MembreJury> b)
    {
        b.ToTable("membres_jury");
        b.HasKey(j => j.Id);
        b.Property(j => j.Qualite).HasConversion<string>().HasMaxLength(30);
        b.HasOne<Edition>().WithMany().HasForeignKey(j => j.EditionAnnee).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(j => new { j.EditionAnnee, j.CompteId }).IsUnique().HasDatabaseName("ux_membres_jury_edition_compte");
        b.HasIndex(j => j.CompteId);
    }
}

internal sealed class AffectationConfiguration : IEntityTypeConfiguration<Affectation>
{
    public void Configure(EntityTypeBuilder<Affectation> b)
    {
        b.ToTable("affectations");
        b.HasKey(a => a.Id);
        b.HasOne<Candidature>().WithMany().HasForeignKey(a => a.CandidatureId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MembreJury>().WithMany().HasForeignKey(a => a.JureId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(a => new { a.CandidatureId, a.JureId }).IsUnique().HasDatabaseName("ux_affectations_candidature_jure");
        b.HasIndex(a => new { a.EditionAnnee, a.JureId });
    }
}

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<Evaluation> b)
    {
        b.ToTable("evaluations");
        b.HasKey(e => e.Id);
        b.HasOne<Candidature>().WithMany().HasForeignKey(e => e.CandidatureId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<MembreJury>().WithMany().HasForeignKey(e => e.JureId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.CandidatureId, e.JureId }).IsUnique().HasDatabaseName("ux_evaluations_candidature_jure");
        b.HasIndex(e => new { e.EditionAnnee, e.Soumise });
        b.Property(e => e.Commentaire).HasMaxLength(Evaluation.LongueurMaxCommentaire);
        // The version is checked by the UPDATE itself: of two writes carrying the same If-Match, one wins.
        b.Property(e => e.Version).IsConcurrencyToken();
        b.Property(e => e.Notes)
            .HasColumnType("jsonb")
            .HasConversion(
                n => JsonSerializer.Serialize(n, Json),
                s => JsonSerializer.Deserialize<Dictionary<string, decimal>>(s, Json)!,
                new ValueComparer<Dictionary<string, decimal>>(
                    (x, y) => x != null && y != null && x.Count == y.Count && !x.Except(y).Any(),
                    n => n.Count,
                    n => new Dictionary<string, decimal>(n)));
    }
}

internal sealed class ChangementEvaluationConfiguration : IEntityTypeConfiguration<ChangementEvaluation>
{
    public void Configure(EntityTypeBuilder<ChangementEvaluation> b)
    {
        b.ToTable("evaluations_historique");
        b.HasKey(c => c.Id);
        b.Property(c => c.Avant).HasColumnType("jsonb");
        b.Property(c => c.Apres).HasColumnType("jsonb");
        b.HasIndex(c => new { c.CandidatureId, c.Instant });
        b.HasOne<Evaluation>().WithMany().HasForeignKey(c => c.EvaluationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VersionPalmaresConfiguration : IEntityTypeConfiguration<VersionPalmares>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<VersionPalmares> b)
    {
        b.ToTable("palmares_versions");
        b.HasKey(v => v.Id);
        b.HasOne<Edition>().WithMany().HasForeignKey(v => v.EditionAnnee).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(v => new { v.EditionAnnee, v.Version }).IsUnique().HasDatabaseName("ux_palmares_versions_edition_version");
        b.HasMany(v => v.Laureats).WithOne().HasForeignKey(l => l.PalmaresId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(v => v.Laureats).UsePropertyAccessMode(PropertyAccessMode.Field).HasField("_laureats");
        b.Property(v => v.Changements)
            .HasColumnType("jsonb")
            .HasConversion(
                c => JsonSerializer.Serialize(c, Json),
                s => JsonSerializer.Deserialize<List<ChangementPalmares>>(s, Json)!,
                new ValueComparer<IReadOnlyList<ChangementPalmares>>((x, y) => ReferenceEquals(x, y), c => c.Count, c => c));
    }
}

internal sealed class LaureatConfiguration : IEntityTypeConfiguration<Laureat>
{
    public void Configure(EntityTypeBuilder<Laureat> b)
    {
        b.ToTable("laureats");
        b.HasKey(l => l.Id);
        b.Property(l => l.Type).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.Categorie).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.Nom).HasMaxLength(200);
        b.Ignore(l => l.Ten);
        b.Ignore(l => l.Resultat);
        b.HasIndex(l => new { l.PalmaresId, l.CollectiviteId }).IsUnique().HasDatabaseName("ux_laureats_palmares_collectivite");
        b.HasIndex(l => l.CollectiviteId);
    }
}

internal sealed class ImportConfiguration : IEntityTypeConfiguration<Import>
{
    public void Configure(EntityTypeBuilder<Import> b)
    {
        b.ToTable("imports");
        b.HasKey(i => i.Id);
        b.Property(i => i.Format).HasConversion<string>().HasMaxLength(10);
        b.Property(i => i.Encodage).HasMaxLength(20);
        b.Property(i => i.Statut).HasConversion<string>().HasMaxLength(20);
        b.Property(i => i.Empreinte).HasMaxLength(64);
        b.Property(i => i.Fichier).HasMaxLength(100);
        b.Property(i => i.Rapport).HasColumnType("jsonb");
        b.HasOne<Edition>().WithMany().HasForeignKey(i => i.EditionAnnee).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(i => new { i.EditionAnnee, i.DemarreLe });
        b.HasIndex(i => i.Statut);
    }
}

internal sealed class JetonApiConfiguration : IEntityTypeConfiguration<JetonApi>
{
    public void Configure(EntityTypeBuilder<JetonApi> b)
    {
        b.ToTable("jetons_api");
        b.HasKey(j => j.Id);
        b.Property(j => j.Nom).HasMaxLength(100);
        b.Property(j => j.Debut).HasMaxLength(20);
        b.Property(j => j.Empreinte).HasMaxLength(64);
        b.HasIndex(j => j.Empreinte).IsUnique().HasDatabaseName("ux_jetons_api_empreinte");
    }
}
