namespace Labels.Domain.Audit;

/// <summary>One recorded act that must be traceable later (who, when, what, on what).</summary>
public sealed class EntreeAudit
{
    private EntreeAudit() { Action = Cible = Details = null!; }

    public const int LongueurMaxAction = 100;
    /// <summary>Room for « compte: » and the longest e-mail address an account may have (256).</summary>
    public const int LongueurMaxCible = 300;

    public Guid Id { get; private set; }
    public DateTimeOffset Instant { get; private set; }
    public Guid? ActeurId { get; private set; }
    public string Action { get; private set; }
    public string Cible { get; private set; }
    /// <summary>A JSON document describing the act (before/after values, reasons).</summary>
    public string Details { get; private set; }

    /// <summary>
    /// The édition whose results the details carry (a jury's decision, a publication), if any, and the version of its
    /// palmarès that makes them public: they are confidential until that release is visible (rule 7). A decision taken
    /// before the first publication waits for version 1, a correction for the next version.
    /// </summary>
    public int? ResultatsDe { get; private set; }

    /// <inheritdoc cref="ResultatsDe"/>
    public int? ResultatsVersion { get; private set; }

    public static EntreeAudit Enregistrer(Guid? acteurId, string action, string cible, string detailsJson, DateTimeOffset maintenant,
        (int Edition, int Version)? resultats = null) => new()
    {
        ResultatsDe = resultats?.Edition,
        ResultatsVersion = resultats?.Version,
        Id = Guid.CreateVersion7(maintenant),
        Instant = maintenant,
        ActeurId = acteurId,
        Action = action.Length > LongueurMaxAction ? action[..LongueurMaxAction] : action,
        // What a caller typed (an e-mail at login) may be longer than anything the journal keeps: the start is enough.
        Cible = cible.Length > LongueurMaxCible ? cible[..LongueurMaxCible] : cible,
        Details = detailsJson,
    };
}
