using System.Security.Claims;
using Labels.Application.Commun;
using Labels.Infrastructure.Identite;

namespace Labels.Api.Securite;

internal sealed class UtilisateurCourant(IHttpContextAccessor accesseur) : IUtilisateurCourant
{
    private ClaimsPrincipal? Principal => accesseur.HttpContext?.User;

    public Guid? Id => Guid.TryParse(Principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public bool EstDansLeRole(string role) => Principal?.IsInRole(role) ?? false;

    public Guid? CollectiviteId => Guid.TryParse(Principal?.FindFirstValue(ClaimsLabels.CollectiviteId), out var id) ? id : null;

    public string Adresse => accesseur.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "inconnue";

    public IReadOnlyCollection<string>? Scopes => Principal?.HasClaim(c => c.Type == JetonsApiHandler.ClaimJeton) == true
        ? Principal.FindAll(JetonsApiHandler.ClaimScope).Select(c => c.Value).ToArray()
        : null;
}
