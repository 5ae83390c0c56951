using System.Security.Claims;
using Labels.Infrastructure.Persistance;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Labels.Infrastructure.Identite;

/// <summary>
/// A refresh token exchanged for a new pair: valid, unexpired, of an account still enabled whose security stamp it carries,
/// and spent once. Seeing it again means it was copied: every session of the account ends, access tokens included (their
/// security stamp no longer matches).
/// </summary>
public sealed class Renouvellements(SignInManager<Compte> connexions, IOptionsMonitor<BearerTokenOptions> options, TimeProvider horloge,
    LabelsDbContext db, Sessions sessions)
{
    /// <returns>The principal of the new pair, or why there is none (for a 401).</returns>
    public async Task<(ClaimsPrincipal? Principal, string? Refus)> RenouvelerAsync(string? jeton)
    {
        var protecteur = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(jeton) ? null : protecteur.Unprotect(jeton);
        if (ticket?.Properties.ExpiresUtc is not { } expiration || horloge.GetUtcNow() >= expiration
            || await connexions.ValidateSecurityStampAsync(ticket.Principal) is not { Desactive: false } compte)
            return (null, "Jeton de renouvellement invalide ou expiré.");
        var emission = ticket.Principal.FindFirst(ClaimsLabels.Emission)?.Value ?? "";
        db.RenouvellementsUtilises.Add(new RenouvellementUtilise { Emission = emission, CompteId = compte.Id, UtiliseLe = horloge.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (Application.Commun.UniciteException)
        {
            db.ChangeTracker.Clear(); // the refused row must not be saved again with the new security stamp
            if (await connexions.UserManager.FindByIdAsync(compte.Id.ToString()) is { } relu)
                await connexions.UserManager.UpdateSecurityStampAsync(relu);
            sessions.Oublier(compte.Id);
            return (null, "Jeton de renouvellement déjà utilisé : les sessions de ce compte sont révoquées.");
        }
        return (await connexions.CreateUserPrincipalAsync(compte), null);
    }
}
