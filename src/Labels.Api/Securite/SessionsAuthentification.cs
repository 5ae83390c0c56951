using System.Text.Encodings.Web;
using Labels.Infrastructure.Identite;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Labels.Api.Securite;

/// <summary>
/// A person's access token (Identity's bearer token) holds only while its session does: the token is read by Identity's
/// own scheme, then its security stamp and its account's state are checked (<see cref="Sessions"/>), so that a replayed
/// refresh token, a password change or a disabled account ends the sessions before their tokens expire.
/// </summary>
internal sealed class SessionsHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory journal, UrlEncoder encodeur,
    Sessions sessions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, journal, encodeur)
{
    public const string Schema = "Session";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var jeton = await Context.AuthenticateAsync(IdentityConstants.BearerScheme);
        if (!jeton.Succeeded) return jeton;
        if (!await sessions.EstOuverteAsync(jeton.Principal, Context.RequestAborted))
            return AuthenticateResult.Fail("Session terminée (compte désactivé, mot de passe changé ou jeton de renouvellement rejoué).");
        return AuthenticateResult.Success(new AuthenticationTicket(jeton.Principal, jeton.Properties, Schema));
    }
}
