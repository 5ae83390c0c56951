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

/// <summary>The named policies every route declares.</summary>
public static class Politiques
{
    public const string Admin = "admin";
    public const string Jure = "jure";
    /// <summary>Admins and the collectivité that owns the dossier (checked per object by the use case).</summary>
    public const string AdminOuCollectivite = "admin-ou-collectivite";
    /// <summary>Admins and the jurors of an édition (checked per édition by the use case).</summary>
    public const string AdminOuJure = "admin-ou-jure";
    /// <summary>Whoever may see a dossier: admins, its collectivité, its jurors (checked per object).</summary>
    public const string LecteurDeDossier = "lecteur-de-dossier";
}
