using Labels.Domain.Commun;
using Labels.Domain.Editions;

namespace Labels.Domain.Jury;

public enum QualiteJure { Universitaire, RepresentantElus, Expert }

/// <summary>
/// Where a collectivité sits, as the conflict rule needs it: its own codes, its département, and
/// for a commune the EPCI it belongs to, for an EPCI its member communes.
/// </summary>
public sealed record ProfilTerritorial(
    Guid CollectiviteId,
    string? CodeInsee,
    string? Siren,
    string? Departement,
    IReadOnlyCollection<string> CommunesMembres,
    IReadOnlyCollection<string> EpciDeLaCommune);

/// <summary>A juror of one édition: an account of role jure, its quality, its territories and declared conflicts.</summary>
public sealed class MembreJury
{
    public const int NombreMaxAttaches = 100;

    private MembreJury() { CodesInsee = Sirens = Departements = DepartementsEffectifs = []; Conflits = []; }

    public Guid Id { get; private set; }
    public int EditionAnnee { get; private set; }
    public Guid CompteId { get; private set; }
    public QualiteJure Qualite { get; private set; }
    /// <summary>Communes the juror belongs to (COG codes).</summary>
    public string[] CodesInsee { get; private set; }
    /// <summary>EPCI the juror belongs to (SIREN).</summary>
    public string[] Sirens { get; private set; }
    /// <summary>Départements declared.</summary>
    public string[] Departements { get; private set; }
    /// <summary>Declared départements and those of the juror's communes and EPCI: a dossier there is territorially tied.</summary>
    public string[] DepartementsEffectifs { get; private set; }
    /// <summary>Collectivités the juror declared a conflict with.</summary>
    public Guid[] Conflits { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <param name="departementsDesAttaches">The départements of the given communes and EPCI, from the COG.</param>
    public static MembreJury Nommer(Edition edition, Guid compteId, QualiteJure qualite, IReadOnlyCollection<string> codesInsee,
        IReadOnlyCollection<string> sirens, IReadOnlyCollection<string> departements, IReadOnlyCollection<string> departementsDesAttaches,
        IReadOnlyCollection<Guid> conflits, DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(edition);
        if (edition.Statut == StatutEdition.Publiee)
            throw new DomainException($"L'édition {edition.Annee} est publiée : son jury ne change plus.");
        if (codesInsee.FirstOrDefault(c => !CodesOfficiels.EstCodeInseeValide(c)) is { } code)
            throw new DomainException($"Code INSEE malformé : {code}.");
        if (sirens.FirstOrDefault(s => !CodesOfficiels.EstSirenValide(s)) is { } siren)
            throw new DomainException($"SIREN invalide : {siren}.");
        return new MembreJury
        {
            Id = Guid.CreateVersion7(maintenant),
            EditionAnnee = edition.Annee,
            CompteId = compteId,
            Qualite = qualite,
            CodesInsee = codesInsee.Distinct().Order(StringComparer.Ordinal).ToArray(),
            Sirens = sirens.Distinct().Order(StringComparer.Ordinal).ToArray(),
            Departements = departements.Distinct().Order(StringComparer.Ordinal).ToArray(),
            DepartementsEffectifs = departements.Concat(departementsDesAttaches).Distinct().Order(StringComparer.Ordinal).ToArray(),
            Conflits = conflits.Distinct().Order().ToArray(),
            CreatedAt = maintenant,
        };
    }

    /// <summary>
    /// Rule 3: declared conflict, or a territorial tie — the same commune, the same EPCI, an EPCI
    /// that contains the juror's commune, a commune of the juror's EPCI, or the same département.
    /// </summary>
    public string? ConflitAvec(ProfilTerritorial dossier)
    {
        ArgumentNullException.ThrowIfNull(dossier);
        if (Conflits.Contains(dossier.CollectiviteId)) return "conflit déclaré";
        if (dossier.CodeInsee is { } code && CodesInsee.Contains(code)) return "même commune";
        if (dossier.Siren is { } siren && Sirens.Contains(siren)) return "même EPCI";
        if (dossier.CommunesMembres.Any(CodesInsee.Contains)) return "EPCI de la commune du juré";
        if (dossier.EpciDeLaCommune.Any(Sirens.Contains)) return "commune de l'EPCI du juré";
        if (dossier.Departement is { } dep && DepartementsEffectifs.Contains(dep)) return "même département";
        return null;
    }
}

/// <summary>A dossier assigned to a juror of the same édition.</summary>
public sealed class Affectation
{
    private Affectation() { }

    public Guid Id { get; private set; }
    public int EditionAnnee { get; private set; }
    public Guid CandidatureId { get; private set; }
    public Guid JureId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Affectation Creer(Edition edition, Candidatures.Candidature candidature, MembreJury jure, ProfilTerritorial profil,
        DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(candidature);
        ArgumentNullException.ThrowIfNull(jure);
        edition.VerifierAffectationsOuvertes();
        if (candidature.EditionAnnee != edition.Annee || jure.EditionAnnee != edition.Annee)
            throw new DomainException("Le dossier et le juré doivent appartenir à la même édition.");
        if (candidature.Statut != Candidatures.StatutCandidature.Deposee)
            throw new DomainException($"Seul un dossier déposé s'affecte (dossier {candidature.Id}).");
        if (jure.ConflitAvec(profil) is { } raison)
            throw new DomainException($"Conflit d'intérêts ({raison}) entre le juré {jure.Id} et le dossier {candidature.Id}.");
        return new Affectation
        {
            Id = Guid.CreateVersion7(maintenant),
            EditionAnnee = edition.Annee,
            CandidatureId = candidature.Id,
            JureId = jure.Id,
            CreatedAt = maintenant,
        };
    }
}
