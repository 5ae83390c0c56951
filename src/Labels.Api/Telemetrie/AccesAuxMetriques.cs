using System.Net;
using Labels.Api.Securite;
using Labels.Application.Commun;
using Microsoft.AspNetCore.Authorization;

namespace Labels.Api.Telemetrie;

/// <summary>
/// Who may read the metrics (<see cref="Politiques.LecteurDeMetriques"/>): a caller whose address is in one of the networks of
/// <c>Telemetrie:ReseauxAutorises</c> (the scraper, without a token), or an administrator — a person's session, or an API token,
/// which the scope check then limits to those with <c>metriques:read</c>. The address is the client's as the pipeline sees it after
/// the forwarded headers (<see cref="Proxys"/>): behind a configured proxy, the one the proxy forwards, so that the proxy's own address
/// opens nothing to the clients it relays; a proxy that is not configured is itself the client, and must not be listed.
/// </summary>
internal sealed class AccesAuxMetriques(IReadOnlyList<IPNetwork> reseaux) : AuthorizationHandler<AccesAuxMetriques>, IAuthorizationRequirement
{
    public const string Reglage = "Telemetrie:ReseauxAutorises";

    public static AccesAuxMetriques Lire(IConfiguration configuration) =>
        new(ListesDeConfiguration.Lire(configuration, Reglage,
            (string texte, out IPNetwork reseau) => IPNetwork.TryParse(texte, out reseau), "un réseau en notation CIDR (10.0.0.0/8)"));

    public bool Autorise(IPAddress? adresse)
    {
        if (adresse is null || reseaux.Count == 0) return false;
        // A dual-stack socket gives IPv4 clients as ::ffff:a.b.c.d, which no IPv4 network contains.
        if (adresse.IsIPv4MappedToIPv6) adresse = adresse.MapToIPv4();
        foreach (var reseau in reseaux)
            if (reseau.Contains(adresse)) return true;
        return false;
    }

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AccesAuxMetriques exigence)
    {
        if (context.User.IsInRole(Roles.Admin) || context.Resource is HttpContext http && Autorise(http.Connection.RemoteIpAddress))
            context.Succeed(exigence);
        return Task.CompletedTask;
    }
}
