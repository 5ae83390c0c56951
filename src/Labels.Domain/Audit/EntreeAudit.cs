namespace Labels.Domain.Audit;

/// <summary>One recorded act that must be traceable later (who, when, what, on what).</summary>
public sealed class EntreeAudit
{
    private EntreeAudit() { Action = Cible = Details = null!; }

    public Guid Id { get; private set; }
    public DateTimeOffset Instant { get; private set; }
    public Guid? ActeurId { get; private set; }
    public string Action { get; private set; }
    public string Cible { get; private set; }
    /// <summary>A JSON document describing the act (before/after values, reasons).</summary>
    public string Details { get; private set; }

    /// <summary>
    /// The édition whose results the details carry (a jury's decision, a publication), if any: they are confidential until
    /// those results are visible (rule 7).
    /// </summary>
    public int? ResultatsDe { get; private set; }

    public static EntreeAudit Enregistrer(Guid? acteurId, string action, string cible, string detailsJson, DateTimeOffset maintenant,
        int? resultatsDe = null) => new()
    {
        ResultatsDe = resultatsDe,
        Id = Guid.CreateVersion7(maintenant),
        Instant = maintenant,
        ActeurId = acteurId,
        Action = action,
        Cible = cible,
        Details = detailsJson,
    };
}
