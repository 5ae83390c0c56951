namespace Labels.Application.Webhooks;

/// <summary>Where a subscription may send: HTTPS to a public address, unless the configuration allows it (docs/webhooks.md).</summary>
public interface ICiblesWebhooks
{
    /// <summary>Why events may not be sent to this URL; null when they may.</summary>
    Task<string?> DefautAsync(Uri url, CancellationToken ct);
}
