using System.Net;
using System.Net.Sockets;
using Labels.Application.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Labels.Infrastructure.Webhooks;

/// <summary>
/// Where events may go: outside Development, HTTPS to public addresses only — never loopback, private, link-local (the clouds'
/// metadata services among them), shared or reserved ones, nor IPv6 forms that carry an IPv4 address — unless
/// <see cref="OptionsWebhooks.CiblesPermises"/> allows them.
/// Checked when a subscription is written and again at every connection (<see cref="ConnecterAsync"/>), so that a name that
/// later resolves elsewhere cannot lead a delivery inside.
/// </summary>
internal sealed class CiblesWebhooks(IOptions<OptionsWebhooks> options, IHostEnvironment environnement) : ICiblesWebhooks
{
    private readonly bool _libre = environnement.IsDevelopment();
    private readonly IPNetwork[] _reseauxPermis = options.Value.CiblesPermises.Select(Reseau).OfType<IPNetwork>().ToArray();
    private readonly HashSet<string> _hotesPermis = options.Value.CiblesPermises.Where(c => Reseau(c) is null).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Networks no public receiver is on.</summary>
    private static readonly IPNetwork[] NonPublics =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3",
            "192.88.99.0/24",
            // Of IPv6, only global unicast (2000::/3) is public (below); within it, the IETF's protocol assignments (Teredo,
            // benchmarking…), documentation and 6to4, which carries an IPv4 address a translating gateway could lead inside.
            "2001::/23", "2001:db8::/32", "2002::/16", "3fff::/20",
        }.Select(IPNetwork.Parse),
    ];

    private static IPNetwork? Reseau(string cible) =>
        IPNetwork.TryParse(cible, out var reseau) ? reseau
        : IPAddress.TryParse(cible, out var adresse) ? new IPNetwork(adresse, adresse.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
        : null;

    private static readonly IPNetwork UnicastGlobal = IPNetwork.Parse("2000::/3");

    public static bool EstPublique(IPAddress adresse)
    {
        if (adresse.IsIPv4MappedToIPv6) adresse = adresse.MapToIPv4();
        if (adresse.AddressFamily == AddressFamily.InterNetworkV6 && !UnicastGlobal.Contains(adresse)) return false;
        return !NonPublics.Any(n => n.Contains(adresse));
    }

    private bool Permise(IPAddress adresse)
    {
        if (adresse.IsIPv4MappedToIPv6) adresse = adresse.MapToIPv4();
        return _libre || EstPublique(adresse) || _reseauxPermis.Any(n => n.Contains(adresse));
    }

    private bool HotePermis(string hote) => _libre || _hotesPermis.Contains(hote);

    public async Task<string?> DefautAsync(Uri url, CancellationToken ct)
    {
        if (HotePermis(url.IdnHost)) return null;
        IPAddress[] adresses;
        try
        {
            adresses = IPAddress.TryParse(url.IdnHost, out var ip) ? [ip] : await Dns.GetHostAddressesAsync(url.IdnHost, ct);
        }
        catch (SocketException)
        {
            return $"L'hôte {url.IdnHost} ne se résout pas.";
        }
        if (adresses.Length == 0) return $"L'hôte {url.IdnHost} ne se résout pas.";
        if (adresses.FirstOrDefault(a => !Permise(a)) is { } refusee)
            return $"L'hôte {url.IdnHost} mène à une adresse non publique ({refusee}) : boucle locale, réseau privé, lien local ou service "
                + "de métadonnées ne reçoivent pas d'événements.";
        if (url.Scheme != Uri.UriSchemeHttps && !adresses.All(a => _reseauxPermis.Any(n => n.Contains(a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a))))
            return "url est en HTTPS : les événements signés ne voyagent pas en clair.";
        return null;
    }

    /// <summary>
    /// The delivery client's connection: to the first address of the host this policy allows, resolved now, never to another —
    /// the check and the connection see the same address.
    /// </summary>
    public async ValueTask<Stream> ConnecterAsync(SocketsHttpConnectionContext contexte, CancellationToken ct)
    {
        var hote = contexte.DnsEndPoint.Host;
        var adresses = IPAddress.TryParse(hote, out var ip) ? [ip] : await Dns.GetHostAddressesAsync(hote, ct);
        var permises = HotePermis(hote) ? adresses : adresses.Where(Permise).ToArray();
        if (permises.Length == 0)
            throw new AdresseRefuseeException($"Adresse refusée : {hote} ne mène à aucune adresse publique.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permises, contexte.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>A connection the address policy refused (<see cref="CiblesWebhooks.ConnecterAsync"/>), told apart from the network's failures.</summary>
internal sealed class AdresseRefuseeException(string message) : Exception(message);
