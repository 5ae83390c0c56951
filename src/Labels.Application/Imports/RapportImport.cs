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

    /// <summary>As the run's record keeps it, and GET /imports/{id} shows it.</summary>
    public string EnJson() => System.Text.Json.JsonSerializer.Serialize(this, ImportsHandler.Json);
}

/// <summary>
/// A run as GET /imports/{id} shows it; <c>Encodage</c> is the charset the file declared, null for UTF-8 by default;
/// <c>AuteurId</c> the account (a person, or the administrator behind an API token) that sent it.
/// </summary>
public sealed record ImportDto(
    Guid Id, int Edition, FormatImport Format, string? Encodage, bool DryRun, bool Asynchrone, Guid? AuteurId, StatutImport Statut, string? Sha256, long Octets,
    int LignesLues, DateTimeOffset DemarreLe, DateTimeOffset? TermineLe, RapportImport? Rapport);

/// <summary>The file could not be read at all (not JSON, not CSV, truncated): HTTP 400.</summary>
public sealed class FichierIllisibleException(string message) : Exception(message);
