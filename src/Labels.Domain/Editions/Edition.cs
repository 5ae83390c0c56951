using Labels.Domain.Commun;
using Labels.Domain.Palmares;

namespace Labels.Domain.Editions;

public enum StatutEdition { Preparation, Candidatures, Evaluation, Deliberation, Publiee }

public sealed record Calendrier(
    DateOnly? OuvertureCandidatures,
    DateOnly? ClotureCandidatures,
    DateOnly? ReunionJury,
    DateOnly? Ceremonie)
{
    public static readonly Calendrier Vide = new(null, null, null, null);

    /// <summary>The dates that are given must follow the order of the year.</summary>
    public string? Defaut()
    {
        DateOnly?[] dates = [OuvertureCandidatures, ClotureCandidatures, ReunionJury, Ceremonie];
        DateOnly? precedente = null;
        foreach (var d in dates)
        {
            if (d is null) continue;
            if (precedente is not null && d < precedente)
                return "Les dates du calendrier doivent se suivre : ouverture, clôture des candidatures, réunion du jury, cérémonie.";
            precedente = d;
        }
        return null;
    }
}

/// <summary>One yearly label, with its lifecycle and its référentiel.</summary>
public sealed class Edition
{
    public const int PremiereAnnee = 1999;
    public const int DerniereAnnee = 2100;

    private Edition() { Calendrier = Calendrier.Vide; Referentiel = null!; Grille = null!; ParametresTen = ParametresTen.ParDefaut; }

    public int Annee { get; private set; }
    public int Numero { get; private set; }
    public StatutEdition Statut { get; private set; }
    public bool Historique { get; private set; }
    public Calendrier Calendrier { get; private set; }
    public Referentiel Referentiel { get; private set; }
    public Grille Grille { get; private set; }
    public ParametresTen ParametresTen { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <param name="precedente">The latest édition before this year, whose référentiel is cloned; null for the first.</param>
    /// <param name="posterieurePubliee">A later édition already published, if any: this one could never be published (rule 7).</param>
    public static Edition Ouvrir(int annee, int numero, bool historique, Calendrier calendrier, Edition? precedente,
        DateTimeOffset maintenant, ParametresTen? parametresTen = null, int? posterieurePubliee = null)
    {
        if (posterieurePubliee is { } posterieure)
            throw new DomainException($"L'édition {posterieure} est déjà publiée : une édition antérieure ({annee}) ne pourrait plus être publiée.");
        if ((parametresTen ?? precedente?.ParametresTen)?.Defaut() is { } defautTen) throw new DomainException(defautTen);
        if (annee is < PremiereAnnee or > DerniereAnnee)
            throw new DomainException($"L'année doit être comprise entre {PremiereAnnee} et {DerniereAnnee}.");
        if (numero < 1) throw new DomainException("Le numéro d'édition commence à 1.");
        if (calendrier.Defaut() is { } defaut) throw new DomainException(defaut);
        if (precedente is not null && precedente.Annee >= annee)
            throw new DomainException("Le référentiel se clone d'une édition antérieure.");
        return new Edition
        {
            Annee = annee,
            Numero = numero,
            Historique = historique,
            Statut = StatutEdition.Preparation,
            Calendrier = calendrier,
            Referentiel = precedente?.Referentiel ?? Referentiel.ParDefaut(),
            Grille = precedente?.Grille ?? Grille.ParDefaut(),
            ParametresTen = parametresTen ?? precedente?.ParametresTen ?? ParametresTen.ParDefaut,
            CreatedAt = maintenant,
        };
    }

    public bool AccepteCandidatures => Statut == StatutEdition.Candidatures;

    /// <summary>
    /// Rule 2: outside the candidatures window a change to a dossier or its fiches can only be the staff's correction
    /// (<see cref="VerifierDossiersModifiables"/>), and a correction is audited.
    /// </summary>
    public bool ChangementEstUneCorrection => !AccepteCandidatures;

    /// <summary>
    /// The status as a reader is told it: « publiee » only once its results are visible to that reader (rule 7), the
    /// step before until then, so that an embargo does not announce that results exist.
    /// </summary>
    public StatutEdition StatutVu(bool resultatsVisibles) =>
        Statut == StatutEdition.Publiee && !resultatsVisibles ? (Historique ? StatutEdition.Preparation : StatutEdition.Deliberation) : Statut;

    /// <summary>
    /// Moves one step along preparation → candidatures → evaluation → deliberation. Publication is
    /// its own act; an archived édition has no lifecycle, it is loaded then published.
    /// </summary>
    public void AvancerVers(StatutEdition cible)
    {
        if (Historique)
            throw new DomainException("Une édition historique n'a pas de cycle de vie : elle est importée puis publiée.");
        if (cible == StatutEdition.Publiee)
            throw new DomainException("La publication se fait par la publication du palmarès, pas par un changement de statut.");
        if (Statut == StatutEdition.Publiee)
            throw new DomainException($"L'édition {Annee} est publiée : son cycle de vie est terminé.");
        if (cible != Statut + 1)
            throw new DomainException($"Le statut passe de « {Nom(Statut)} » à « {Nom(Statut + 1)} », pas à « {Nom(cible)} ».");
        Statut = cible;
    }

    /// <summary>
    /// Dossiers (candidatures and fiches) change only while candidatures are open; the
    /// association's staff may correct them at other times, until the palmarès is published.
    /// </summary>
    public void VerifierDossiersModifiables(bool correctionAdministrateur)
    {
        // A collectivité is not told the status: under embargo, « publiée » would say that results exist (rule 7).
        if (!correctionAdministrateur && !AccepteCandidatures)
            throw new DomainException($"L'édition {Annee} n'accepte pas, ou plus, de candidatures : ses dossiers ne changent pas.");
        if (Statut == StatutEdition.Publiee)
            throw new DomainException($"L'édition {Annee} est publiée : ses dossiers ne changent plus.");
    }

    public void RemplacerReferentiel(Referentiel nouveau, IReadOnlySet<string> codesUtilises)
    {
        if (Statut == StatutEdition.Publiee)
            throw new DomainException($"L'édition {Annee} est publiée : son référentiel ne change plus.");
        var perdus = Referentiel.CodesPerdus(nouveau, codesUtilises);
        if (perdus.Count > 0)
            throw new DomainException($"Codes encore utilisés par des fiches ou des distinctions : {string.Join(", ", perdus)}.");
        Referentiel = nouveau;
    }

    /// <summary>
    /// Criteria are fixed once evaluation begins (scores already given refer to them); thresholds
    /// may still move until publication, since they only shape the proposals.
    /// </summary>
    public void DefinirGrille(Grille nouvelle)
    {
        if (Statut == StatutEdition.Publiee)
            throw new DomainException($"L'édition {Annee} est publiée : sa grille ne change plus.");
        if (Statut >= StatutEdition.Evaluation && !Grille.MemesCriteres(nouvelle))
            throw new DomainException("Les critères ne changent plus une fois l'évaluation commencée ; seuls les seuils peuvent bouger.");
        Grille = nouvelle;
    }

    /// <summary>Scores are written only while the édition is in evaluation.</summary>
    public void VerifierEvaluationOuverte()
    {
        // Jurors write here: the same words whether the jury deliberates or the results are published under embargo (rule 7).
        if (Statut != StatutEdition.Evaluation)
            throw new DomainException($"Les évaluations ne s'écrivent que pendant l'évaluation : l'édition {Annee} n'y est pas, ou plus.");
    }

    /// <summary>Dossiers are assigned to jurors from the candidatures period until the end of evaluation.</summary>
    public void VerifierAffectationsOuvertes()
    {
        if (Statut is not (StatutEdition.Candidatures or StatutEdition.Evaluation))
            throw new DomainException($"Les affectations se font pendant les candidatures ou l'évaluation (statut « {Nom(Statut)} »).");
    }

    public void VerifierDeliberation()
    {
        if (Statut != StatutEdition.Deliberation)
            throw new DomainException($"L'édition {Annee} n'est pas en délibération (statut « {Nom(Statut)} »).");
    }

    /// <summary>
    /// Publishes the édition (rule 7): from deliberation once every deposited dossier has a
    /// decision, or an archived édition at any time; always after every earlier édition, never after a later one
    /// (TEN, key figures and historiques of the later ones were derived without it).
    /// </summary>
    public void Publier(int dossiersSansDecision, IReadOnlyCollection<int> anterieuresNonPubliees, int? posterieurePubliee = null)
    {
        ArgumentNullException.ThrowIfNull(anterieuresNonPubliees);
        if (Statut != StatutEdition.Publiee && posterieurePubliee is { } posterieure)
            throw new DomainException($"L'édition {posterieure} est déjà publiée : l'édition {Annee}, antérieure, ne se publie plus "
                + "(les TEN, les chiffres clés et les historiques publiés ont été établis sans elle).");
        if (Statut == StatutEdition.Publiee) throw new DomainException($"L'édition {Annee} est déjà publiée.");
        if (!Historique && Statut != StatutEdition.Deliberation)
            throw new DomainException($"L'édition {Annee} se publie après la délibération (statut « {Nom(Statut)} »).");
        if (dossiersSansDecision > 0)
            throw new DomainException($"{dossiersSansDecision} dossier(s) déposé(s) sans décision du jury.");
        if (anterieuresNonPubliees.Count > 0)
            throw new DomainException($"Les éditions se publient dans l'ordre : publiez d'abord {string.Join(", ", anterieuresNonPubliees.Order())}.");
        Statut = StatutEdition.Publiee;
    }

    /// <summary>
    /// A yearly import loads dossiers until publication: while candidatures are open, or as the
    /// staff's correction, or at any time for an archived édition (then with distinctions).
    /// </summary>
    public void VerifierImportPossible()
    {
        if (Statut == StatutEdition.Publiee)
            throw new DomainException($"L'édition {Annee} est publiée : elle n'importe plus de dossiers.");
    }

    /// <summary>Only an archived édition receives distinctions by import; a live one gets them from its jury.</summary>
    public bool AccepteDistinctionsImportees => Historique;

    public static string Nom(StatutEdition statut) => statut switch
    {
        StatutEdition.Preparation => "preparation",
        StatutEdition.Candidatures => "candidatures",
        StatutEdition.Evaluation => "evaluation",
        StatutEdition.Deliberation => "deliberation",
        StatutEdition.Publiee => "publiee",
        _ => statut.ToString(),
    };
}
