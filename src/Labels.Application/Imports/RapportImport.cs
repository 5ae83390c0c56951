using System.Text.Json;
using System.Text.Json.Serialization;
using Labels.Domain.Imports;

namespace Labels.Application.Imports;

/// <summary>One problem of the file: its physical line (CSV, header = 1) or JSON path, the field, why.</summary>
public sealed record ErreurImport(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Line,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Path,
    string Field,
    string Message);

public sealed record CompteursImport(int Created, int Updated, int Unchanged)
{
    public static readonly CompteursImport Zero = new(0, 0, 0);
}

/// <summary>The report of docs/import.md: status, counts by kind, every error.</summary>
public sealed record RapportImport(
    StatutImport Status,
    CompteursImport Dossiers,
    CompteursImport Fiches,
    IReadOnlyList<ErreurImport> Errors,
    int ErrorsTotal,
    int LignesLues,
    string Sha256)
{
    /// <summary>The size of the file as read (kept on the run's record, not in the report).</summary>
    [JsonIgnore] public long Octets { get; init; }

    /// <summary>The report of a run stopped before its end: nothing written, and why.</summary>
    public static RapportImport Interruption(string raison) =>
        new(StatutImport.Interrompu, CompteursImport.Zero, CompteursImport.Zero, [new ErreurImport(null, null, "", raison)], 1, 0, "");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>As the run's record keeps it, and GET /imports/{id} shows it.</summary>
    public string EnJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The report a run's record keeps (<see cref="EnJson"/>).</summary>
    public static RapportImport? DeJson(string json) => JsonSerializer.Deserialize<RapportImport>(json, Json);
}

/// <summary>The file could not be read at all (not JSON, not CSV, truncated): HTTP 400.</summary>
public sealed class FichierIllisibleException(string message) : Exception(message);
