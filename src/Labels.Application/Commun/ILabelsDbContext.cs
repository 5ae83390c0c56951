using Labels.Domain.Audit;
using Labels.Domain.Candidatures;
using Labels.Domain.Collectivites;
using Labels.Domain.Distinctions;
using Labels.Domain.Editions;
using Labels.Domain.Jury;
using Labels.Domain.Imports;
using Labels.Domain.Palmares;
using Labels.Domain.Securite;
using Labels.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Commun;

/// <summary>The store as use cases see it: the aggregates and the reference data, no repository in between.</summary>
public interface ILabelsDbContext
{
    DbSet<CommuneCog> Communes { get; }
    DbSet<EpciCog> Epcis { get; }
    DbSet<Collectivite> Collectivites { get; }
    DbSet<Edition> Editions { get; }
    DbSet<Candidature> Candidatures { get; }
    DbSet<FicheAction> Fiches { get; }
    DbSet<Distinction> Distinctions { get; }
    DbSet<EntreeAudit> Audit { get; }
    DbSet<MembreJury> Jures { get; }
    DbSet<Affectation> Affectations { get; }
    DbSet<Evaluation> Evaluations { get; }
    DbSet<ChangementEvaluation> ChangementsEvaluation { get; }
    DbSet<VersionPalmares> VersionsPalmares { get; }
    DbSet<Laureat> Laureats { get; }
    DbSet<Import> Imports { get; }
    DbSet<JetonApi> JetonsApi { get; }
    DbSet<Abonnement> Abonnements { get; }
    DbSet<Evenement> Evenements { get; }
    DbSet<Livraison> Livraisons { get; }
    DbSet<TentativeLivraison> TentativesLivraison { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>Transactions and raw statements (the pipeline's one transaction per command).</summary>
    Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade Database { get; }

    /// <summary>Forgets every tracked entity (after a bulk operation that bypassed the change tracker).</summary>
    void ChangeTrackerClear();

    /// <summary>
    /// Waits until no other transaction holds the lock named by <paramref name="cle"/>, then holds it until this one ends (a
    /// PostgreSQL transaction-level advisory lock): writes of one record made one after the other, each reading the last.
    /// </summary>
    Task VerrouillerAsync(Guid cle, CancellationToken ct);
}
