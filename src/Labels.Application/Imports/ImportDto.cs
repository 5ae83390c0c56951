using Labels.Domain.Imports;

namespace Labels.Application.Imports;

/// <summary>
/// A run as GET /imports/{id} shows it; <c>Encodage</c> is the charset the file declared, null for UTF-8 by default;
/// <c>AuteurId</c> the account (a person, or the administrator behind an API token) that sent it.
/// </summary>
public sealed record ImportDto(
    Guid Id, int Edition, FormatImport Format, string? Encodage, bool DryRun, bool Asynchrone, Guid? AuteurId, StatutImport Statut, string? Sha256, long Octets,
    int LignesLues, DateTimeOffset DemarreLe, DateTimeOffset? TermineLe, RapportImport? Rapport)
{
    public static ImportDto De(Import i) => new(i.Id, i.EditionAnnee, i.Format, i.Encodage, i.DryRun, i.Asynchrone, i.AuteurId, i.Statut,
        string.IsNullOrEmpty(i.Empreinte) ? null : i.Empreinte, i.Octets, i.LignesLues, i.DemarreLe, i.TermineLe,
        i.Rapport is null ? null : RapportImport.DeJson(i.Rapport));
}
