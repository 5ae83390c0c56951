using System.Security.Claims;
using System.Text.Encodings.Web;
using Labels.Application.Commun;
using Labels.Application.Securite;
using Labels.Domain.Securite;
using Labels.Infrastructure.Persistance;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Labels.Api.Securite;

/// <summary>The scope a route asks of an API token; a token without it is refused (403).</summary>
public sealed record ScopeRequis(string Scope);

public static class ScopesExtensions
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ScopeRequis(scope));
}

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

/// <summary>
/// After authorization: a request made with an API token reaches only routes that are public or that
/// name one of the token's scopes.
/// </summary>
internal sealed class VerificationDesScopes(RequestDelegate suivant)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.User.HasClaim(c => c.Type == JetonsApiHandler.ClaimJeton) && http.GetEndpoint() is { } route
            && route.Metadata.GetMetadata<IAllowAnonymous>() is null)
        {
            var requis = route.Metadata.GetMetadata<ScopeRequis>();
            if (requis is null || !http.User.HasClaim(JetonsApiHandler.ClaimScope, requis.Scope))
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status403Forbidden,
                        Title = "Interdit",
                        Detail = requis is null
                            ? "Cette route n'est pas ouverte aux jetons d'API."
                            : $"Ce jeton n'a pas le scope {requis.Scope}.",
                    },
                });
                return;
            }
        }
        await suivant(http);
    }
}
