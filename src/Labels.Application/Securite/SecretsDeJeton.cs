using System.Security.Cryptography;
using System.Text;
using Labels.Domain.Securite;

namespace Labels.Application.Securite;

/// <summary>
/// A new API token's secret (<see cref="CreerJeton"/>), and its fingerprint: what is stored in its place, and what a presented
/// token is looked up by.
/// </summary>
public static class SecretsDeJeton
{
    public static string Empreinte(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string Nouveau() => JetonApi.Prefixe + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
