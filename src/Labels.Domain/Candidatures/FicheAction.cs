using Labels.Domain.Commun;
using Labels.Domain.Editions;

namespace Labels.Domain.Candidatures;

/// <summary>What a collectivité writes about one initiative; the édition's référentiel classifies it.</summary>
public sealed record ContenuFiche(
    string? Reference,
    string Titre,
    string? Resume,
    string Description,
    DateOnly DateDebut,
    DateOnly? DateFin,
    bool EnCours,
    IReadOnlyCollection<string> Services,
    IReadOnlyCollection<string> Enjeux,
    IReadOnlyCollection<string> Liens);

/// <summary>One initiative (project, place, event) of a candidature.</summary>
public sealed class FicheAction
{
    public const int LongueurMaxReference = 64;
    public const int LongueurMaxTitre = 300;
    public const int LongueurMaxResume = 2_000;
    public const int LongueurMaxDescription = 20_000;
    public const int NombreMaxLiens = 20;
    public const int LongueurMaxLien = 2_000;

    /// <summary>An action counts when it is under this many years old at the close of candidatures.</summary>
    public const int AncienneteMaxAnnees = 2;

    private FicheAction() { Titre = Description = null!; Services = Enjeux = Liens = []; }

    public Guid Id { get; private set; }
    public Guid CandidatureId { get; private set; }

    /// <summary>The édition of its candidature, kept on the fiche too: the fiches are stored by édition.</summary>
    public int EditionAnnee { get; private set; }

    public string? Reference { get; private set; }
    public string Titre { get; private set; }
    public string? Resume { get; private set; }
    public string Description { get; private set; }
    public DateOnly DateDebut { get; private set; }
    public DateOnly? DateFin { get; private set; }
    public bool EnCours { get; private set; }
    public string[] Services { get; private set; }
    public string[] Enjeux { get; private set; }
    public string[] Liens { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Why the period is inconsistent, or null: either it is running, or it has ended after it began.</summary>
    public static string? DefautDePeriode(DateOnly dateDebut, DateOnly? dateFin, bool enCours) => (enCours, dateFin) switch
    {
        (true, not null) => "Une action en cours n'a pas de date de fin.",
        (false, null) => "Indiquez la date de fin, ou que l'action est en cours.",
        (false, { } fin) when fin < dateDebut => "La date de fin précède la date de début.",
        _ => null,
    };

    /// <summary>Links are shown to the public: only absolute http(s) addresses.</summary>
    public static bool EstLienValide(string? lien) =>
        lien is { Length: > 0 and <= LongueurMaxLien }
        && Uri.TryCreate(lien, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    public static FicheAction Creer(Candidature candidature, Edition edition, ContenuFiche contenu,
        bool correctionAdministrateur, DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(candidature);
        candidature.VerifierFichesModifiables(edition, correctionAdministrateur);
        var fiche = new FicheAction
        {
            Id = Guid.CreateVersion7(maintenant),
            CandidatureId = candidature.Id,
            EditionAnnee = candidature.EditionAnnee,
            CreatedAt = maintenant,
        };
        fiche.Appliquer(edition, contenu, maintenant);
        return fiche;
    }

    public void Modifier(Candidature candidature, Edition edition, ContenuFiche contenu, bool correctionAdministrateur,
        DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(candidature);
        if (candidature.Id != CandidatureId) throw new ArgumentException("Fiche d'un autre dossier.", nameof(candidature));
        candidature.VerifierFichesModifiables(edition, correctionAdministrateur);
        Appliquer(edition, contenu, maintenant);
    }

    private void Appliquer(Edition edition, ContenuFiche contenu, DateTimeOffset maintenant)
    {
        var c = Normaliser(edition, contenu);
        Reference = c.Reference;
        Titre = c.Titre;
        Resume = c.Resume;
        Description = c.Description;
        DateDebut = c.DateDebut;
        DateFin = c.DateFin;
        EnCours = c.EnCours;
        Services = c.Services.ToArray();
        Enjeux = c.Enjeux.ToArray();
        Liens = c.Liens.ToArray();
        UpdatedAt = maintenant;
    }

    /// <summary>
    /// The checked, canonical form of a fiche's content (trimmed texts, classified and sorted codes,
    /// distinct links): what is stored, whether it comes from a form or a yearly import.
    /// </summary>
    public static ContenuFiche Normaliser(Edition edition, ContenuFiche contenu)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(contenu);
        if (string.IsNullOrWhiteSpace(contenu.Titre)) throw new DomainException("Le titre est requis.");
        if (string.IsNullOrWhiteSpace(contenu.Description)) throw new DomainException("La description est requise.");
        if (DefautDePeriode(contenu.DateDebut, contenu.DateFin, contenu.EnCours) is { } defaut) throw new DomainException(defaut);
        if (contenu.Liens.FirstOrDefault(l => !EstLienValide(l)) is { } lien) throw new DomainException($"Lien invalide : {lien}.");
        var (services, enjeux) = edition.Referentiel.Classer(contenu.Services, contenu.Enjeux);
        return new ContenuFiche(
            string.IsNullOrWhiteSpace(contenu.Reference) ? null : contenu.Reference.Trim(),
            contenu.Titre.Trim(),
            string.IsNullOrWhiteSpace(contenu.Resume) ? null : contenu.Resume.Trim(),
            contenu.Description.Trim(),
            contenu.DateDebut, contenu.DateFin, contenu.EnCours,
            services, enjeux, contenu.Liens.Distinct().ToArray());
    }

    /// <summary>
    /// Whether the action counts for the édition: still running, or under two years old, at the
    /// close of candidatures. Without a closing date, every action counts.
    /// </summary>
    public bool EstRetenue(DateOnly? clotureCandidatures)
    {
        if (clotureCandidatures is not { } cloture) return true;
        return EnCours
            || DateFin >= cloture
            || DateDebut > cloture.AddYears(-AncienneteMaxAnnees);
    }
}
