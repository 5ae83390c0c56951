namespace Labels.Application.Comptes;

/// <summary>An account as administrators see it (never its password or security data).</summary>
public sealed record CompteDto(Guid Id, string Email, string Role, Guid? CollectiviteId, bool Actif);
