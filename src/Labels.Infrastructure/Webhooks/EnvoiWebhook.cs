using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Labels.Domain.Webhooks;
using Microsoft.Extensions.Options;
using StandardWebhooks;

namespace Labels.Infrastructure.Webhooks;

/// <summary>What one attempt gave: the receiver's status code, or why there was none; how long it took; the start of its answer.</summary>
internal sealed record ResultatEnvoi(int? StatutHttp, string? Erreur, TimeSpan Latence, string? Extrait)
{
    public bool Reussi => StatutHttp is >= 200 and < 300;
    public bool Desinscrit => StatutHttp == 410;
}

/// <summary>
/// One POST of an event, signed as Standard Webhooks 1.0 says (<c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c>
/// with one <c>v1,</c> signature per secret in force). Redirects are not followed; the whole attempt, body included, ends at
/// <see cref="OptionsWebhooks.DelaiDeReponse"/>; of the answer, at most <see cref="TentativeLivraison.ExtraitMax"/> bytes are read.
/// </summary>
internal sealed class EnvoiWebhook(IHttpClientFactory clients, IOptions<OptionsWebhooks> options)
{
    public const string Client = "Labels.Webhooks";

    public static string Signer(IEnumerable<string> secrets, string id, DateTimeOffset instant, string corps) =>
        string.Join(' ', secrets.Select(s => new StandardWebhook(s).Sign(id, instant, corps)));

    public async Task<ResultatEnvoi> EnvoyerAsync(string url, string id, DateTimeOffset instant, string corps, IEnumerable<string> secrets,
        CancellationToken arret)
    {
        using var requete = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(corps, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        requete.Headers.Add("webhook-id", id);
        requete.Headers.Add("webhook-timestamp", instant.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        requete.Headers.Add("webhook-signature", Signer(secrets, id, instant, corps));
        using var delai = CancellationTokenSource.CreateLinkedTokenSource(arret);
        delai.CancelAfter(options.Value.DelaiDeReponse);
        var chrono = Stopwatch.StartNew();
        try
        {
            using var reponse = await clients.CreateClient(Client).SendAsync(requete, HttpCompletionOption.ResponseHeadersRead, delai.Token);
            var extrait = await ExtraitAsync(reponse, delai.Token);
            return new ResultatEnvoi((int)reponse.StatusCode, null, chrono.Elapsed, extrait);
        }
        catch (OperationCanceledException) when (!arret.IsCancellationRequested)
        {
            return new ResultatEnvoi(null, $"Pas de réponse complète en {options.Value.DelaiDeReponse.TotalSeconds:0} s.", chrono.Elapsed, null);
        }
        catch (HttpRequestException e)
        {
            return new ResultatEnvoi(null, Tronquer(Raison(e), 500), chrono.Elapsed, null);
        }
    }

    /// <summary>Why no answer came, in the words of the subscription's admin rather than the network stack's.</summary>
    private static string Raison(HttpRequestException e)
    {
        for (Exception? cause = e; cause is not null; cause = cause.InnerException)
            if (cause is AdresseRefuseeException refus) return refus.Message;
        return e.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "Le nom de l'hôte ne se résout pas.",
            HttpRequestError.ConnectionError => "Connexion impossible : le destinataire n'écoute pas ou ne peut être joint.",
            HttpRequestError.SecureConnectionError => "Connexion TLS impossible : certificat refusé ou négociation en échec.",
            HttpRequestError.ResponseEnded => "Le destinataire a coupé la connexion avant la fin de sa réponse.",
            HttpRequestError.ConfigurationLimitExceeded => "Réponse hors limites (en-têtes trop longs, par exemple).",
            HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError => "Réponse HTTP invalide.",
            _ => "Échec de l'envoi, sans réponse du destinataire.",
        };
    }

    private static async Task<string?> ExtraitAsync(HttpResponseMessage reponse, CancellationToken ct)
    {
        var tampon = new byte[TentativeLivraison.ExtraitMax];
        await using var flux = await reponse.Content.ReadAsStreamAsync(ct);
        var lus = 0;
        while (lus < tampon.Length && await flux.ReadAsync(tampon.AsMemory(lus), ct) is var n and > 0) lus += n;
        if (lus == 0) return null;
        // Cut at a character's edge, and without NUL, which a text column refuses.
        return Encoding.UTF8.GetString(tampon, 0, lus).TrimEnd('\uFFFD').Replace("\0", "", StringComparison.Ordinal);
    }

    private static string Tronquer(string texte, int longueur) => texte.Length <= longueur ? texte : texte[..(longueur - 1)] + "…";
}
