using Labels.Domain.Jury;

namespace Labels.Application.Jury;

public sealed record EvaluationDto(
    Guid Id, Guid CandidatureId, IReadOnlyDictionary<string, decimal> Notes, string? Commentaire, bool Soumise,
    DateTimeOffset? SoumiseLe, int Version, DateTimeOffset UpdatedAt)
{
    /// <summary>The strong validator a client sends back in If-Match (sent as the ETag header, not in the body).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string ETag => EtiquetteDe(Id, Version);

    public static string EtiquetteDe(Guid id, int version) => $"\"{id:N}-{version}\"";

    public static EvaluationDto De(Evaluation e) =>
        new(e.Id, e.CandidatureId, e.Notes, e.Commentaire, e.Soumise, e.SoumiseLe, e.Version, e.UpdatedAt);
}
