using Labels.Application.Comptes;

namespace Labels.Application.Commun;

public sealed record NouveauCompte(string Email, string MotDePasse, string Role, Guid? CollectiviteId);

/// <summary>Account store (ASP.NET Core Identity lives in Infrastructure).</summary>
public interface IComptes
{
    /// <returns>The new account's id, or the reasons it was refused, by field.</returns>
    Task<(Guid? Id, IReadOnlyDictionary<string, string[]> Erreurs)> CreerAsync(NouveauCompte compte, CancellationToken ct);

    Task<bool> EstDuRoleAsync(Guid compteId, string role, CancellationToken ct);

    /// <summary>The accounts, by e-mail address, of one role or all.</summary>
    Task<PageDe<CompteDto>> ListerAsync(string? role, int page, int pageSize, CancellationToken ct);

    Task<CompteDto?> LireAsync(Guid compteId, CancellationToken ct);

    /// <summary>The e-mail address of each of these accounts (an account has no other name), in one query.</summary>
    Task<IReadOnlyDictionary<Guid, string>> EmailsAsync(IReadOnlyCollection<Guid> comptes, CancellationToken ct);

    /// <summary>Enables or disables an account; disabling ends every session of it. Saves the unit of work.</summary>
    Task ChangerStatutAsync(Guid compteId, bool actif, CancellationToken ct);

    /// <summary>
    /// Serialises the changes of accounts' status until the end of the current transaction, so that two administrators
    /// disabling each other at once cannot both succeed.
    /// </summary>
    Task VerrouillerLesStatutsAsync(CancellationToken ct);

    /// <summary>How many enabled administrators there are.</summary>
    Task<int> CompterAdministrateursActifsAsync(CancellationToken ct);

    /// <summary>
    /// Changes a person's password, which ends every session of the account; the reasons it was refused, by field. The
    /// current password is checked as a login is, failures counted against the same lock (per address and client).
    /// </summary>
    Task<IReadOnlyDictionary<string, string[]>> ChangerMotDePasseAsync(Guid compteId, string actuel, string nouveau, string client, CancellationToken ct);
}
