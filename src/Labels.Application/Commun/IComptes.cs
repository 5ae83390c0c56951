namespace Labels.Application.Commun;

public sealed record NouveauCompte(string Email, string MotDePasse, string Role, Guid? CollectiviteId);

/// <summary>Account store (ASP.NET Core Identity lives in Infrastructure).</summary>
public interface IComptes
{
    /// <returns>The new account's id, or the reasons it was refused, by field.</returns>
    Task<(Guid? Id, IReadOnlyDictionary<string, string[]> Erreurs)> CreerAsync(NouveauCompte compte, CancellationToken ct);

    Task<bool> EstDuRoleAsync(Guid compteId, string role, CancellationToken ct);
}
