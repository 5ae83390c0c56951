using System.Security.Claims;
using Labels.Application.Commun;
using Labels.Domain.Commun;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Labels.Infrastructure.Identite;

public static class ClaimsLabels
{
    /// <summary>The collectivité an account of role <c>collectivite</c> acts for, carried in its token.</summary>
    public const string CollectiviteId = "labels:collectivite";

    /// <summary>A fresh id in every token pair: a refresh token is spent once (rotation), by this id.</summary>
    public const string Emission = "labels:emission";
}

internal sealed class Comptes(UserManager<Compte> utilisateurs) : IComptes
{
    public async Task<(Guid? Id, IReadOnlyDictionary<string, string[]> Erreurs)> CreerAsync(NouveauCompte nouveau, CancellationToken ct)
    {
        var compte = new Compte { Id = Guid.CreateVersion7(), UserName = nouveau.Email, Email = nouveau.Email, CollectiviteId = nouveau.CollectiviteId };
        var resultat = await utilisateurs.CreateAsync(compte, nouveau.MotDePasse);
        if (!resultat.Succeeded)
        {
            if (resultat.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
                throw new DomainException($"Un compte existe déjà pour {nouveau.Email}.");
            return (null, resultat.Errors
                .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "motDePasse" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }
        var role = await utilisateurs.AddToRoleAsync(compte, nouveau.Role);
        if (!role.Succeeded) throw new InvalidOperationException(string.Join("; ", role.Errors.Select(e => e.Description)));
        return (compte.Id, new Dictionary<string, string[]>());
    }

    public async Task<bool> EstDuRoleAsync(Guid compteId, string role, CancellationToken ct) =>
        await utilisateurs.FindByIdAsync(compteId.ToString()) is { } compte && await utilisateurs.IsInRoleAsync(compte, role);
}

/// <summary>Puts the account's collectivité into its token, so access checks need no query.</summary>
internal sealed class FabriqueDePrincipal(
    UserManager<Compte> utilisateurs, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Compte, IdentityRole<Guid>>(utilisateurs, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Compte compte)
    {
        var identite = await base.GenerateClaimsAsync(compte);
        if (compte.CollectiviteId is { } id) identite.AddClaim(new Claim(ClaimsLabels.CollectiviteId, id.ToString()));
        identite.AddClaim(new Claim(ClaimsLabels.Emission, Guid.NewGuid().ToString("N")));
        return identite;
    }
}

/// <summary>A refresh token already exchanged: presenting it again is refused (and taken as a theft).</summary>
public sealed class RenouvellementUtilise
{
    public required string Emission { get; set; }
    public Guid CompteId { get; set; }
    public DateTimeOffset UtiliseLe { get; set; }
}
