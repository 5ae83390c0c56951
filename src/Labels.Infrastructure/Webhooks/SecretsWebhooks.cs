using System.Security.Cryptography;
using Labels.Application.Webhooks;
using Microsoft.AspNetCore.DataProtection;

namespace Labels.Infrastructure.Webhooks;

/// <summary>
/// Secrets in Standard Webhooks' form (<c>whsec_</c> + base64 of 32 random bytes), kept encrypted with the API's data protection
/// keys (in PostgreSQL, shared by every instance): a copy of the database alone does not sign.
/// </summary>
internal sealed class SecretsWebhooks(IDataProtectionProvider protection) : ISecretsWebhooks
{
    public const string Prefixe = "whsec_";

    private readonly IDataProtector _protecteur = protection.CreateProtector("Labels.Webhooks.Secrets");

    public (string EnClair, string Protege) Nouveau()
    {
        var secret = Prefixe + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        return (secret, _protecteur.Protect(secret));
    }

    public string Devoiler(string protege) => _protecteur.Unprotect(protege);
}
