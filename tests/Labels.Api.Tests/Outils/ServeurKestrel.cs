using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Labels.Api.Tests.Outils;

/// <summary>
/// The API on real Kestrel sockets, with settings of its own, and HTTP clients whose TCP connections leave from a chosen
/// loopback address (Linux routes all of 127.0.0.0/8 to lo): to the API, a proxy at one address, a client at another.
/// </summary>
public sealed class ServeurKestrel : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _hote;

    private ServeurKestrel(WebApplicationFactory<Program> hote, Uri adresse)
    {
        _hote = hote;
        Adresse = adresse;
    }

    public Uri Adresse { get; }

    public static ServeurKestrel Demarrer(LabelsApiFactory factory, params (string Cle, string Valeur)[] reglages)
    {
        var hote = factory.WithWebHostBuilder(b =>
        {
            foreach (var (cle, valeur) in reglages) b.UseSetting(cle, valeur);
        });
        // A port of the system's choosing (UseKestrel(0) falls back to Kestrel's default, 5000, which another run may hold).
        hote.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        hote.StartServer();
        var adresse = Assert.Single(hote.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses);
        return new ServeurKestrel(hote, new Uri(adresse));
    }

    /// <summary>A client whose connections come from <paramref name="source"/>; redirections are left to the test to see.</summary>
    public HttpClient ClientDepuis(string source)
    {
        var locale = IPAddress.Parse(source);
        var gestionnaire = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = async (contexte, ct) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(locale, 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, contexte.DnsEndPoint.Port), ct);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(gestionnaire) { BaseAddress = Adresse };
    }

    public ValueTask DisposeAsync() => _hote.DisposeAsync();
}
