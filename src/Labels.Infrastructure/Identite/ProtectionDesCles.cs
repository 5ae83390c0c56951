using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Labels.Infrastructure.Persistance;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Labels.Infrastructure.Identite;

/// <summary>
/// The data-protection keys (they protect every access and refresh token) are kept in PostgreSQL; without this, in clear, and
/// whoever reads the database can mint tokens. With <c>ProtectionDesCles:Certificat</c> (a PFX file and its password), each
/// new key is encrypted to that certificate before it is stored; <c>ProtectionDesCles:CertificatsPrecedents</c> are earlier
/// certificates, kept to decrypt the keys written under them after a rotation.
/// Once keys are encrypted, they stay so for every instance: an instance with the certificate reads only encrypted keys
/// (a key written in clear by an instance started without it never protects a token), and an instance without the
/// certificate refuses to start on a database that holds encrypted keys (<see cref="VerifierAsync"/>).
/// </summary>
public static class ProtectionDesCles
{
    public static bool EstConfiguree(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["ProtectionDesCles:Certificat:Chemin"]);

    /// <summary>Keys kept in PostgreSQL, encrypted to the configured certificate when there is one.</summary>
    public static IDataProtectionBuilder ProtegerLesCles(this IDataProtectionBuilder protection, IConfiguration configuration)
    {
        protection.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
        {
            var depot = new EntityFrameworkCoreXmlRepository<LabelsDbContext>(sp, sp.GetRequiredService<ILoggerFactory>());
            o.XmlRepository = EstConfiguree(configuration) ? new ClesChiffreesSeulement(depot) : depot;
        }));
        var section = configuration.GetSection("ProtectionDesCles");
        if (string.IsNullOrWhiteSpace(section["Certificat:Chemin"]) && !string.IsNullOrWhiteSpace(section["Certificat:MotDePasse"]))
            throw new InvalidOperationException("ProtectionDesCles:Certificat:MotDePasse sans ProtectionDesCles:Certificat:Chemin : quel certificat ?");
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

    /// <summary>
    /// An instance without the certificate must not start on keys it cannot read: it would write a key of its own in clear,
    /// readable by whoever reads the database, and its tokens would be refused everywhere else.
    /// </summary>
    public static async Task VerifierAsync(LabelsDbContext db, IConfiguration configuration, CancellationToken ct)
    {
        if (EstConfiguree(configuration)) return;
        if (await db.DataProtectionKeys.AnyAsync(k => k.Xml != null && k.Xml.Contains("encryptedSecret"), ct))
            throw new InvalidOperationException("Les clés de protection des jetons sont chiffrées dans la base : cette instance doit être "
                + "démarrée avec ProtectionDesCles:Certificat:Chemin et ProtectionDesCles:Certificat:MotDePasse (voir docs/securite.md, Keys at rest).");
    }

    /// <summary>The key repository as an instance with a certificate sees it: the keys stored encrypted, and no other.</summary>
    private sealed class ClesChiffreesSeulement(IXmlRepository depot) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() =>
            depot.GetAllElements().Where(e => e.Name.LocalName != "key" || e.Descendants().Any(d => d.Name.LocalName == "encryptedSecret")).ToArray();

        public void StoreElement(XElement element, string friendlyName) => depot.StoreElement(element, friendlyName);
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
