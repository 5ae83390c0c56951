using System.Text.Json.Serialization;

namespace Labels.Application.Webhooks;

/// <summary>
/// The body of every delivery, as Standard Webhooks suggests it: a type, the instant the fact became public, and thin data —
/// what happened and where to read it, never the results themselves (docs/webhooks.md). Its members only ever grow.
/// </summary>
public sealed record CorpsEvenement(string Type, DateTimeOffset Timestamp, DonneesEvenement Data);

/// <summary>The data of an event; a member that does not apply to its type is left out.</summary>
public sealed record DonneesEvenement(
    string Id,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Edition,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Version,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? PublieLe,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Etag,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Changements,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Statut,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StatutPrecedent,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? Abonnement,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LiensEvenement? Liens);

/// <summary>Where to read what the event is about: absolute when the API knows its public address, else paths.</summary>
public sealed record LiensEvenement(
    string Edition,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Palmares,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PalmaresCsv,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DernierPalmares,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Versions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ChiffresCles);
