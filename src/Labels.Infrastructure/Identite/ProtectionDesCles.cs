using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;

namespace Labels.Infrastructure.Identite;

/// <summary>
/// The data-protection keys (they protect every access and refresh token) are kept in PostgreSQL; without this, in clear, and
/// whoever reads the database can mint tokens. With <c>ProtectionDesCles:Certificat</c> (a PFX file and its password), each
/// new key is encrypted to that certificate before it is stored; <c>ProtectionDesCles:CertificatsPrecedents</c> are earlier
/// certificates, kept to decrypt the keys written under them after a rotation.
/// </summary>
public static class ProtectionDesCles
{
    public static IDataProtectionBuilder ProtegerLesCles(this IDataProtectionBuilder protection, IConfiguration configuration)
    {
        var section = configuration.GetSection("ProtectionDesCles");
        var actuel = Charger(section.GetSection("Certificat"));
        var precedents = section.GetSection("CertificatsPrecedents").GetChildren().Select(Charger).OfType<X509Certificate2>().ToArray();
        if (actuel is null)
        {
            if (precedents.Length > 0)
                throw new InvalidOperationException("ProtectionDesCles:CertificatsPrecedents sans ProtectionDesCles:Certificat : "
                    + "les nouvelles clés seraient écrites en clair.");
            return protection;
        }
        protection.ProtectKeysWithCertificate(actuel);
        if (precedents.Length > 0) protection.UnprotectKeysWithAnyCertificate(precedents);
        return protection;
    }

    /// <summary>A certificate able to decrypt what it encrypted (RSA, private key present), or a start-up error saying why not.</summary>
    private static X509Certificate2? Charger(IConfigurationSection section)
    {
        var chemin = section["Chemin"];
        if (string.IsNullOrWhiteSpace(chemin)) return null;
        X509Certificate2 certificat;
        try
        {
            certificat = X509CertificateLoader.LoadPkcs12FromFile(chemin, section["MotDePasse"], X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{section.Path} : impossible de lire le certificat {chemin} ({e.Message}).", e);
        }
        using var cle = certificat.GetRSAPrivateKey();
        if (cle is null)
            throw new InvalidOperationException($"{section.Path} : le certificat {chemin} doit porter une clé privée RSA.");
        return certificat;
    }
}
