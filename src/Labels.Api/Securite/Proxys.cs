using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Labels.Api.Securite;

/// <summary>
/// Behind a reverse proxy the TCP peer is the proxy: every client would share its address (rate limits, login audit)
/// and its scheme (HTTPS redirection). <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed from the
/// proxies of the section <c>Proxys</c> only — <c>Connus</c> (addresses) and <c>Reseaux</c> (CIDR ranges) — and from
/// nobody when it is empty.
/// </summary>
public static class Proxys
{
    public static IServiceCollection AddProxys(this IServiceCollection services, IConfiguration configuration)
    {
        var connus = ListesDeConfiguration.Lire(configuration, "Proxys:Connus",
            (string texte, out IPAddress adresse) => IPAddress.TryParse(texte, out adresse!), "une adresse IP");
        var reseaux = ListesDeConfiguration.Lire(configuration, "Proxys:Reseaux",
            (string texte, out System.Net.IPNetwork reseau) => System.Net.IPNetwork.TryParse(texte, out reseau), "un réseau en notation CIDR (10.0.0.0/8)");
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            // ASP.NET Core trusts loopback by default, and every peer when both lists are empty: only what is configured counts,
            // and with nothing configured no header is read at all (even by a middleware the host would add on its own).
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var adresse in connus) o.KnownProxies.Add(adresse);
            foreach (var reseau in reseaux) o.KnownIPNetworks.Add(reseau);
            o.ForwardedHeaders = connus.Count + reseaux.Count == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // A chain of configured proxies is walked back hop by hop; the walk stops at the first address that is not one of
            // them, so what a client wrote in X-Forwarded-For before the proxy's entry is never reached.
            o.ForwardLimit = null;
        });
        return services;
    }

    /// <summary>First in the pipeline, so that everything after it sees the client: rate limits, HTTPS redirection, audit.</summary>
    public static IApplicationBuilder UseProxys(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.ForwardedHeaders == ForwardedHeaders.None
            ? app
            : app.UseForwardedHeaders();
}
