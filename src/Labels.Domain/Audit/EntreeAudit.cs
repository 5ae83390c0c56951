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

    public static EntreeAudit Enregistrer(Guid? acteurId, string action, string cible, string detailsJson, DateTimeOffset maintenant) => new()
    {
        Id = Guid.CreateVersion7(maintenant),
        Instant = maintenant,
        ActeurId = acteurId,
        Action = action,
        Cible = cible,
        Details = detailsJson,
    };
}
