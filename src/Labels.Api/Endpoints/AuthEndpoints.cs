using Labels.Infrastructure.Identite;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Labels.Api.Endpoints;

public sealed record Connexion(string Email, string Password);

public sealed record Renouvellement(string RefreshToken);

/// <summary>Only the login and refresh parts of Identity's bearer tokens: accounts are created by admins.</summary>
public static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Authentification").AllowAnonymous()
            .RequireRateLimiting(Securite.Protections.PolitiqueAuthentification)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            // Their own 401 (wrong credentials, a refresh token spent or unknown), not the invalid token Documentation/ReponsesCommunes.cs
            // gives a public route.
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        auth.MapPost("/login", async Task<Results<SignInHttpResult, ProblemHttpResult>> (Connexion connexion, OuverturesDeSession ouvertures,
                HttpContext http, CancellationToken ct) =>
                await ouvertures.OuvrirAsync(connexion.Email, connexion.Password, http.Connection.RemoteIpAddress?.ToString(), ct) is { } principal
                    ? TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme)
                    // Unknown address, wrong password, locked or disabled: one answer, so that it tells nothing (the audit says which).
                    : TypedResults.Problem("Identifiants invalides.", statusCode: StatusCodes.Status401Unauthorized, title: "Non authentifié"))
            .WithName("Connexion")
            .WithSummary("Échange e-mail et mot de passe contre un jeton d'accès et un jeton de renouvellement.")
            .Produces<AccessTokenResponse>();

        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, ProblemHttpResult>> (Renouvellement demande, Renouvellements renouvellements) =>
            {
                var (principal, refus) = await renouvellements.RenouvelerAsync(demande.RefreshToken);
                return principal is not null
                    ? TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme)
                    : TypedResults.Problem(refus, statusCode: StatusCodes.Status401Unauthorized, title: "Non authentifié");
            })
            .WithName("Renouvellement")
            .WithSummary("Échange un jeton de renouvellement contre une nouvelle paire de jetons.")
            .Produces<AccessTokenResponse>();
        return app;
    }
}
