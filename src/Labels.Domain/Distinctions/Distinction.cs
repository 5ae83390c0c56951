using Labels.Domain.Candidatures;
using Labels.Domain.Commun;
using Labels.Domain.Editions;

namespace Labels.Domain.Distinctions;

/// <summary>
/// What a candidature obtains: 1 to 5 arobases and the jury's mentions. Every labelled participant
/// gets at least one arobase.
/// </summary>
public sealed class Distinction
{
    public const int ArobasesMin = 1;
    public const int ArobasesMax = 5;

    private Distinction() { Mentions = []; }

    public Guid Id { get; private set; }
    public Guid CandidatureId { get; private set; }
    public int EditionAnnee { get; private set; }
    public Guid CollectiviteId { get; private set; }
    public int Arobases { get; private set; }
    public string[] Mentions { get; private set; }
    /// <summary>What the thresholds proposed when the jury decided (null: no submitted evaluation, or an archived distinction).</summary>
    public int? ArobasesProposees { get; private set; }
    /// <summary>Why the jury departed from the proposal.</summary>
    public string? Justification { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public const int LongueurMaxJustification = 5_000;

    /// <summary>
    /// The jury's decision during deliberation (rule 5): arobases and mentions; departing from the
    /// proposal of the thresholds, or deciding without one, needs a written justification.
    /// </summary>
    public static Distinction Decider(Candidature candidature, Edition edition, int arobases, IReadOnlyCollection<string> mentions,
        string? justification, int? proposees, DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(candidature);
        if (candidature.Statut != StatutCandidature.Deposee)
            throw new DomainException("Seul un dossier déposé reçoit une décision.");
        var distinction = Attribuer(candidature, edition, arobases, mentions, maintenant);
        distinction.Reviser(edition, arobases, mentions, justification, proposees, maintenant);
        return distinction;
    }

    public void Reviser(Edition edition, int arobases, IReadOnlyCollection<string> mentions, string? justification, int? proposees,
        DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(edition);
        if (edition.Statut == StatutEdition.Publiee)
        {
            // A correction after publication: always explained; it shows in the next version of the palmarès.
            if (string.IsNullOrWhiteSpace(justification))
                throw new DonneeInacceptableException("justification", "Une correction après publication se justifie.");
        }
        else edition.VerifierDeliberation();
        if (proposees != arobases && string.IsNullOrWhiteSpace(justification))
            throw new DonneeInacceptableException("justification", proposees is null
                ? "Sans évaluation soumise il n'y a pas de proposition : justifiez la décision."
                : $"La décision ({arobases} @) s'écarte de la proposition ({proposees} @) : justifiez-la.");
        if (justification is { Length: > LongueurMaxJustification })
            throw new DomainException($"La justification fait {LongueurMaxJustification} caractères au plus.");
        Changer(edition, arobases, mentions, maintenant);
        ArobasesProposees = proposees;
        Justification = string.IsNullOrWhiteSpace(justification) ? null : justification.Trim();
    }

    public static Distinction Attribuer(Candidature candidature, Edition edition, int arobases,
        IReadOnlyCollection<string> mentions, DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(candidature);
        ArgumentNullException.ThrowIfNull(edition);
        if (candidature.EditionAnnee != edition.Annee) throw new ArgumentException("Édition d'une autre année.", nameof(edition));
        var distinction = new Distinction
        {
            Id = Guid.CreateVersion7(maintenant),
            CandidatureId = candidature.Id,
            EditionAnnee = edition.Annee,
            CollectiviteId = candidature.CollectiviteId,
        };
        distinction.Changer(edition, arobases, mentions, maintenant);
        return distinction;
    }

    public void Changer(Edition edition, int arobases, IReadOnlyCollection<string> mentions, DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(edition);
        if (!ArobasesPossibles(arobases)) throw new DomainException(MessageArobases);
        if (DefautDeMentions(edition, mentions) is { } defaut) throw new DonneeInacceptableException("mentions", defaut);
        Arobases = arobases;
        Mentions = MentionsRangees(mentions);
        UpdatedAt = maintenant;
    }

    /// <summary>Whether a distinction can have this many arobases (1 to 5).</summary>
    public static bool ArobasesPossibles(int arobases) => arobases is >= ArobasesMin and <= ArobasesMax;

    /// <summary>The mentions the édition's référentiel does not know, said as the import and the jury's decision report them; null when there is none.</summary>
    public static string? DefautDeMentions(Edition edition, IEnumerable<string> mentions)
    {
        ArgumentNullException.ThrowIfNull(edition);
        var inconnues = mentions.Where(m => !edition.Referentiel.ConnaitMention(m)).ToArray();
        return inconnues.Length == 0 ? null : $"Mention(s) inconnue(s) dans l'édition {edition.Annee} : {string.Join(", ", inconnues)}.";
    }

    /// <summary>The message for arobases out of bounds, the import's as the entity's.</summary>
    public static string MessageArobases => $"Les arobases vont de {ArobasesMin} à {ArobasesMax}.";

    /// <summary>
    /// How mentions are stored: each once, in ordinal order, so that two lists of the same mentions are the same value (the
    /// import compares them to tell an unchanged distinction, and writes them with this order: ReglesImport.Distinction).
    /// </summary>
    public static string[] MentionsRangees(IEnumerable<string> mentions) => mentions.Distinct().Order(StringComparer.Ordinal).ToArray();
}
