using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Labels.Api.Tests.Outils;

/// <summary>
/// The test server has no TCP peer: this puts one on the connection, from the header <c>X-Test-Pair</c>, ahead of the
/// whole pipeline, so that a test speaks as several clients (as many machines would) to one host.
/// </summary>
public sealed class PairSimule : IStartupFilter
{
    public const string Entete = "X-Test-Pair";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> suite) => app =>
    {
        app.Use((http, prochain) =>
        {
            if (http.Request.Headers.TryGetValue(Entete, out var pair)) http.Connection.RemoteIpAddress = IPAddress.Parse(pair.ToString());
            return prochain(http);
        });
        suite(app);
    };
}
