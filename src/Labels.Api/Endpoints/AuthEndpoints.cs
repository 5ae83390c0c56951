using Labels.Application.Audit;
using Labels.Infrastructure.Identite;
using Mediator;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

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
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        auth.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (Connexion connexion, Connexions connexions,
                SignInManager<Compte> ouverture, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var email = connexion.Email ?? "";
                var adresse = http.Connection.RemoteIpAddress?.ToString();
                var (compte, issue) = await connexions.VerifierAsync(email, connexion.Password ?? "", adresse ?? "inconnue", ct);
                await sender.Send(new JournaliserConnexion(email, issue == IssueConnexion.Reussie, compte?.Id,
                    issue switch
                    {
                        IssueConnexion.Reussie => null,
                        IssueConnexion.Verrouillee => "verrouille",
                        IssueConnexion.Desactive => "desactive",
                        _ => "identifiants",
                    }, adresse), ct);
                if (issue == IssueConnexion.Reussie)
                {
                    ouverture.AuthenticationScheme = IdentityConstants.BearerScheme;
                    await ouverture.SignInAsync(compte!, isPersistent: false);
                    return TypedResults.Empty; // the bearer handler has written the token pair
                }
                // Unknown address, wrong password, locked or disabled: one answer, so that it tells nothing (the audit says which).
                return TypedResults.Problem("Identifiants invalides.", statusCode: StatusCodes.Status401Unauthorized, title: "Non authentifié");
            })
            .WithName("Connexion")
            .WithSummary("Échange e-mail et mot de passe contre un jeton d'accès et un jeton de renouvellement.")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, ProblemHttpResult>> (Renouvellement demande,
                SignInManager<Compte> connexions, IOptionsMonitor<BearerTokenOptions> options, TimeProvider horloge,
                Infrastructure.Persistance.LabelsDbContext db, Sessions sessions) =>
            {
                var protecteur = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
                var ticket = string.IsNullOrEmpty(demande.RefreshToken) ? null : protecteur.Unprotect(demande.RefreshToken);
                if (ticket?.Properties.ExpiresUtc is not { } expiration || horloge.GetUtcNow() >= expiration
                    || await connexions.ValidateSecurityStampAsync(ticket.Principal) is not { Desactive: false } compte)
                    return TypedResults.Problem("Jeton de renouvellement invalide ou expiré.",
                        statusCode: StatusCodes.Status401Unauthorized, title: "Non authentifié");
                // Rotation: a refresh token is spent once. Seeing it again means it was copied: every session of the account ends,
                // access tokens included (their security stamp no longer matches).
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
                    return TypedResults.Problem("Jeton de renouvellement déjà utilisé : les sessions de ce compte sont révoquées.",
                        statusCode: StatusCodes.Status401Unauthorized, title: "Non authentifié");
                }
                var principal = await connexions.CreateUserPrincipalAsync(compte);
                return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
            })
            .WithName("Renouvellement")
            .WithSummary("Échange un jeton de renouvellement contre une nouvelle paire de jetons.")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        return app;
    }
}
