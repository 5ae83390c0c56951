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

/// <summary>
/// A fiche's content as a caller proposes it, before any check: from the API (its JSON read) or from a line of an import
/// (its dates and flag read, null where the file has none or could not be read).
/// </summary>
public sealed record FicheProposee(
    string? Reference,
    string? Titre,
    string? Resume,
    string? Description,
    DateOnly? DateDebut,
    DateOnly? DateFin,
    bool? EnCours,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Enjeux,
    IReadOnlyList<string> Liens);

/// <summary>One initiative (project, place, event) of a candidature.</summary>
public sealed class FicheAction
{
    public const int LongueurMaxReference = 64;
    public const int LongueurMaxTitre = 300;
    public const int LongueurMaxResume = 2_000;
    public const int LongueurMaxDescription = 20_000;
    public const int NombreMaxLiens = 20;
    public const int LongueurMaxLien = 2_000;
    public const int NombreMaxCodes = 50;

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
    /// Every reason the proposed content cannot be a fiche, whatever the édition, field by field (the JSON names: <c>titre</c>,
    /// <c>liens[2]</c>): the rules of a fiche (docs/domaine.md), stated here only. The API's validator reports them all as a
    /// 400, the import as the errors of a line, <see cref="Verifier"/> before it classifies the codes.
    /// </summary>
    public static IEnumerable<(string Champ, string Message)> Defauts(FicheProposee fiche)
    {
        ArgumentNullException.ThrowIfNull(fiche);
        if (fiche.Reference is { Length: > LongueurMaxReference }) yield return ("reference", AuPlus(LongueurMaxReference));
        if (string.IsNullOrWhiteSpace(fiche.Titre)) yield return ("titre", "Le titre est requis.");
        else if (fiche.Titre.Trim().Length > LongueurMaxTitre) yield return ("titre", AuPlus(LongueurMaxTitre));
        if (fiche.Resume is { Length: > LongueurMaxResume }) yield return ("resume", AuPlus(LongueurMaxResume));
        if (string.IsNullOrWhiteSpace(fiche.Description)) yield return ("description", "La description est requise.");
        else if (fiche.Description.Trim().Length > LongueurMaxDescription) yield return ("description", AuPlus(LongueurMaxDescription));
        if (fiche.DateDebut is null) yield return ("dateDebut", "La date de début est requise.");
        if (fiche.EnCours is null) yield return ("enCours", "Valeur attendue : true ou false.");
        else if (fiche.DateDebut is { } debut && DefautDePeriode(debut, fiche.DateFin, fiche.EnCours.Value) is { } periode) yield return ("dateFin", periode);
        if (fiche.Services.Count + fiche.Enjeux.Count == 0)
            yield return ("services", "Indiquez les services de la fiche, ou ses enjeux quand l'édition n'a pas de services.");
        foreach (var defaut in Codes(fiche.Services, "services", "Code de service invalide.")) yield return defaut;
        foreach (var defaut in Codes(fiche.Enjeux, "enjeux", "Code d'enjeu invalide.")) yield return defaut;
        if (fiche.Liens.Count > NombreMaxLiens) yield return ("liens", $"{NombreMaxLiens} liens au plus.");
        for (var i = 0; i < fiche.Liens.Count; i++)
            if (!EstLienValide(fiche.Liens[i])) yield return ($"liens[{i}]", "Un lien est une adresse http(s) absolue.");

        static string AuPlus(int longueur) => $"{longueur.ToString(System.Globalization.CultureInfo.InvariantCulture)} caractères au plus.";

        static IEnumerable<(string, string)> Codes(IReadOnlyList<string> codes, string champ, string message)
        {
            if (codes.Count > NombreMaxCodes) yield return (champ, $"{NombreMaxCodes} codes au plus.");
            for (var i = 0; i < codes.Count; i++)
                if (!Referentiel.EstCodeValide(codes[i])) yield return ($"{champ}[{i}]", message);
        }
    }

    /// <summary>
    /// The checked, canonical form of a fiche's content (trimmed texts, codes classified by the édition's référentiel and
    /// sorted, links trimmed and distinct): what is stored, whether it comes from a form or a yearly import. Null when it cannot be,
    /// with every reason in <paramref name="defauts"/>: the codes are classified even when another field is wrong, so that
    /// one pass names every error.
    /// </summary>
    public static ContenuFiche? Verifier(Edition edition, FicheProposee fiche, ICollection<(string Champ, string Message)> defauts)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(defauts);
        var avant = defauts.Count;
        var codesMalFormes = false;
        foreach (var defaut in Defauts(fiche))
        {
            defauts.Add(defaut);
            codesMalFormes |= defaut.Champ.StartsWith("services", StringComparison.Ordinal) || defaut.Champ.StartsWith("enjeux", StringComparison.Ordinal);
        }
        (string[] Services, string[] Enjeux) classes = ([], []);
        if (!codesMalFormes)
        {
            try
            {
                classes = edition.Referentiel.Classer(fiche.Services, fiche.Enjeux);
            }
            catch (DonneeInacceptableException e)
            {
                defauts.Add((e.Champ, e.Message));
            }
        }
        if (defauts.Count > avant) return null;
        return new ContenuFiche(
            string.IsNullOrWhiteSpace(fiche.Reference) ? null : fiche.Reference.Trim(),
            fiche.Titre!.Trim(),
            string.IsNullOrWhiteSpace(fiche.Resume) ? null : fiche.Resume.Trim(),
            fiche.Description!.Trim(),
            fiche.DateDebut!.Value, fiche.DateFin, fiche.EnCours!.Value,
            // A link is trimmed as the texts are: a CSV cell's list is read trimmed (ReglesImport.Liste), and the address is the
            // same with blanks around it (Uri reads it so), which would otherwise be stored, shown, and counted as another link.
            classes.Services, classes.Enjeux, fiche.Liens.Select(l => l.Trim()).Distinct().ToArray());
    }

    /// <summary><see cref="Verifier"/>, for a content the caller has already checked: its first fault, if any, is refused.</summary>
    public static ContenuFiche Normaliser(Edition edition, ContenuFiche contenu)
    {
        ArgumentNullException.ThrowIfNull(contenu);
        var defauts = new List<(string Champ, string Message)>();
        return Verifier(edition, new FicheProposee(contenu.Reference, contenu.Titre, contenu.Resume, contenu.Description, contenu.DateDebut,
                contenu.DateFin, contenu.EnCours, [.. contenu.Services], [.. contenu.Enjeux], [.. contenu.Liens]), defauts)
            ?? throw new DonneeInacceptableException(defauts);
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
