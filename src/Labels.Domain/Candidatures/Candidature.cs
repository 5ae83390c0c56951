using Labels.Domain.Commun;
using Labels.Domain.Editions;

namespace Labels.Domain.Candidatures;

public enum StatutCandidature { Brouillon, Deposee, Retiree }

/// <summary>The dossier of one collectivité in one édition (at most one per pair).</summary>
public sealed class Candidature
{
    private Candidature() { }

    public Guid Id { get; private set; }
    public int EditionAnnee { get; private set; }
    public Guid CollectiviteId { get; private set; }
    public StatutCandidature Statut { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? DeposeeLe { get; private set; }
    public DateTimeOffset? RetireeLe { get; private set; }

    public static Candidature Creer(Edition edition, Guid collectiviteId, bool correctionAdministrateur, DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(edition);
        edition.VerifierDossiersModifiables(correctionAdministrateur);
        return new Candidature
        {
            Id = Guid.CreateVersion7(maintenant),
            EditionAnnee = edition.Annee,
            CollectiviteId = collectiviteId,
            Statut = StatutCandidature.Brouillon,
            CreatedAt = maintenant,
        };
    }

    /// <summary>Files the dossier: only a draft, only while candidatures are open.</summary>
    public void Deposer(Edition edition, DateTimeOffset maintenant)
    {
        VerifierEdition(edition);
        if (!edition.AccepteCandidatures)
            throw new DomainException($"Le dépôt n'est possible que pendant la période de candidatures de l'édition {edition.Annee}.");
        if (Statut != StatutCandidature.Brouillon)
            throw new DomainException(Statut == StatutCandidature.Deposee
                ? "Ce dossier est déjà déposé."
                : "Un dossier retiré ne peut plus être déposé.");
        Statut = StatutCandidature.Deposee;
        DeposeeLe = maintenant;
    }

    /// <summary>A collectivité may withdraw its dossier while candidatures are open.</summary>
    public void Retirer(Edition edition, bool correctionAdministrateur, DateTimeOffset maintenant)
    {
        VerifierEdition(edition);
        edition.VerifierDossiersModifiables(correctionAdministrateur);
        if (Statut == StatutCandidature.Retiree) throw new DomainException("Ce dossier est déjà retiré.");
        Statut = StatutCandidature.Retiree;
        RetireeLe = maintenant;
    }

    /// <summary>Only a draft may be deleted; a filed dossier is withdrawn instead, so its history stays.</summary>
    public void VerifierSuppression(Edition edition, bool correctionAdministrateur)
    {
        VerifierEdition(edition);
        edition.VerifierDossiersModifiables(correctionAdministrateur);
        if (Statut != StatutCandidature.Brouillon)
            throw new DomainException("Seul un dossier en brouillon peut être supprimé ; un dossier déposé se retire.");
    }

    /// <summary>Its fiches change while the édition accepts candidatures and the dossier is not withdrawn.</summary>
    public void VerifierFichesModifiables(Edition edition, bool correctionAdministrateur)
    {
        VerifierEdition(edition);
        edition.VerifierDossiersModifiables(correctionAdministrateur);
        if (Statut == StatutCandidature.Retiree)
            throw new DomainException("Ce dossier est retiré : ses fiches ne changent plus.");
    }

    private void VerifierEdition(Edition edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        if (edition.Annee != EditionAnnee) throw new ArgumentException("Édition d'une autre année.", nameof(edition));
    }
}
