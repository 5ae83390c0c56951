using Labels.Domain.Commun;
using Labels.Domain.Editions;

namespace Labels.Domain.Jury;

/// <summary>
/// One juror's scores for one assigned dossier. Editable while the édition is in evaluation; each
/// write bumps <see cref="Version"/>, the optimistic-concurrency token (the ETag of the API).
/// </summary>
public sealed class Evaluation
{
    public const int LongueurMaxCommentaire = 10_000;

    private Evaluation() { Notes = new Dictionary<string, decimal>(); }

    public Guid Id { get; private set; }
    public int EditionAnnee { get; private set; }
    public Guid CandidatureId { get; private set; }
    public Guid JureId { get; private set; }
    public Dictionary<string, decimal> Notes { get; private set; }
    public string? Commentaire { get; private set; }
    public bool Soumise { get; private set; }
    public DateTimeOffset? SoumiseLe { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Evaluation Commencer(Edition edition, Affectation affectation, DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(affectation);
        edition.VerifierEvaluationOuverte();
        return new Evaluation
        {
            Id = Guid.CreateVersion7(maintenant),
            EditionAnnee = edition.Annee,
            CandidatureId = affectation.CandidatureId,
            JureId = affectation.JureId,
            UpdatedAt = maintenant,
        };
    }

    /// <summary>Records the notes (a draft, or submitted: then every counting criterion is noted).</summary>
    public void Ecrire(Edition edition, IReadOnlyDictionary<string, decimal> notes, string? commentaire, bool soumise, DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(edition);
        ArgumentNullException.ThrowIfNull(notes);
        edition.VerifierEvaluationOuverte();
        var defauts = edition.Grille.DefautsDesNotes(notes, soumise).Select(d => ($"notes.{d.Critere}", d.Message)).ToList();
        if (commentaire is { Length: > LongueurMaxCommentaire }) defauts.Add(("commentaire", $"Le commentaire fait {LongueurMaxCommentaire} caractères au plus."));
        if (defauts.Count > 0) throw new DonneeInacceptableException(defauts);
        Notes = new Dictionary<string, decimal>(notes);
        Commentaire = string.IsNullOrWhiteSpace(commentaire) ? null : commentaire.Trim();
        if (soumise && !Soumise) SoumiseLe = maintenant;
        if (!soumise) SoumiseLe = null;
        Soumise = soumise;
        Version++;
        UpdatedAt = maintenant;
    }

    /// <summary>What the audit trail keeps of the evaluation at one moment.</summary>
    public object Etat() => new { notes = new SortedDictionary<string, decimal>(Notes, StringComparer.Ordinal), commentaire = Commentaire, soumise = Soumise, version = Version };
}

/// <summary>One change of an evaluation: who, when, before and after (rule 4).</summary>
public sealed class ChangementEvaluation
{
    private ChangementEvaluation() { Avant = Apres = null!; }

    public Guid Id { get; private set; }
    public Guid EvaluationId { get; private set; }
    public Guid CandidatureId { get; private set; }
    public Guid JureId { get; private set; }
    public Guid AuteurId { get; private set; }
    public DateTimeOffset Instant { get; private set; }
    /// <summary>JSON of the evaluation before the change; null for its first write.</summary>
    public string? Avant { get; private set; }
    public string Apres { get; private set; }

    public static ChangementEvaluation Enregistrer(Evaluation evaluation, Guid auteurId, string? avantJson, string apresJson, DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return new ChangementEvaluation
        {
            Id = Guid.CreateVersion7(maintenant),
            EvaluationId = evaluation.Id,
            CandidatureId = evaluation.CandidatureId,
            JureId = evaluation.JureId,
            AuteurId = auteurId,
            Instant = maintenant,
            Avant = avantJson,
            Apres = apresJson,
        };
    }
}
