using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Labels.Api.Securite;

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
