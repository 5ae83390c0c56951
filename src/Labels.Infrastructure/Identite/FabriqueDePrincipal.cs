using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Labels.Infrastructure.Identite;

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
