using System.Security.Claims;
using System.Text.Encodings.Web;
using Labels.Application.Commun;
using Labels.Application.Securite;
using Labels.Domain.Securite;
using Labels.Infrastructure.Persistance;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Labels.Api.Securite;

/// <summary>
/// Authenticates <c>Authorization: Bearer lbl_…</c> tokens: the SHA-256 of the secret must name a
/// token neither revoked nor expired, made by an account still enabled. The token acts as an administrator, limited to
/// its scopes.
/// </summary>
internal sealed class JetonsApiHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory journal, UrlEncoder encodeur,
    LabelsDbContext db, TimeProvider horloge, Infrastructure.Identite.Sessions sessions) : AuthenticationHandler<AuthenticationSchemeOptions>(options, journal, encodeur)
{
    public const string Schema = "JetonApi";
    public const string ClaimJeton = "labels:jeton";
    public const string ClaimScope = "scope";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (LireSecret(Request) is not { } secret) return AuthenticateResult.NoResult();
        var empreinte = SecretsDeJeton.Empreinte(secret);
        var jeton = await db.JetonsApi.AsNoTracking().FirstOrDefaultAsync(j => j.Empreinte == empreinte, Context.RequestAborted);
        // A token acts for the administrator who made it: it ends with that account's disabling.
        if (jeton is null || !jeton.EstValide(horloge.GetUtcNow()) || !await sessions.EstActifAsync(jeton.CreeParId, Context.RequestAborted))
            return AuthenticateResult.Fail("Jeton inconnu, révoqué ou expiré.");
        var identite = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, jeton.CreeParId.ToString()),
                new Claim(ClaimTypes.Name, $"jeton:{jeton.Nom}"),
                new Claim(ClaimTypes.Role, Roles.Admin),
                new Claim(ClaimJeton, jeton.Id.ToString()),
                .. jeton.Scopes.Select(s => new Claim(ClaimScope, s)),
            ], Schema);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identite), Schema));
    }

    public static string? LireSecret(HttpRequest requete)
    {
        var entete = requete.Headers.Authorization.ToString();
        return entete.StartsWith("Bearer " + JetonApi.Prefixe, StringComparison.Ordinal) ? entete["Bearer ".Length..].Trim() : null;
    }
}
