namespace Labels.Application.Webhooks;

/// <summary>The signing secrets of subscriptions: made here, kept protected, read back only to sign.</summary>
public interface ISecretsWebhooks
{
    /// <summary>A new secret: as the receiver is given it (<c>whsec_</c> + base64) and as it is kept.</summary>
    (string EnClair, string Protege) Nouveau();
}
