namespace Labels.Infrastructure.Webhooks;

/// <summary>The <c>Webhooks</c> section of the configuration (docs/webhooks.md).</summary>
public sealed class OptionsWebhooks
{
    /// <summary>Whether this instance delivers events; every instance may, they share the work (FOR UPDATE SKIP LOCKED).</summary>
    public bool Livrer { get; set; } = true;

    /// <summary>How often the outbox is looked at when nothing wakes the worker: the longest an embargoed event waits past its instant.</summary>
    public TimeSpan Intervalle { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a receiver has to answer, headers and body; past it the attempt has failed.</summary>
    public TimeSpan DelaiDeReponse { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many deliveries one instance attempts at once, one per subscription at most: as many receivers may be slow at once without delaying the others.</summary>
    public int EnvoisSimultanes { get; set; } = 64;

    /// <summary>The API's public address, which the events' links start with (https://labels.example); without it, the links are paths.</summary>
    public string? UrlPublique { get; set; }

    /// <summary>
    /// Addresses a subscription may target although they are not public (loopback, private, link-local), and over HTTP: IP addresses,
    /// networks (<c>10.1.0.0/16</c>) or host names. For tests and for portals inside the association's network.
    /// </summary>
    public string[] CiblesPermises { get; set; } = [];
}
