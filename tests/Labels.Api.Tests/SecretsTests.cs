using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Labels.Api.Tests;

/// <summary>What the database and the logs give away: data-protection keys at rest, SQL statements in production logs.</summary>
public sealed class SecretsTests(LabelsApiFactory factory) : ApiTest(factory)
{
    private const string Avertissement = "stockées en clair";

    /// <summary>A host in production (HTTPS left to a proxy), its logs captured.</summary>
    private WebApplicationFactory<Program> EnProduction(JournalCapture journal, params (string Cle, string Valeur)[] reglages) =>
        Factory.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("Securite:HttpsObligatoire", "false");
            foreach (var (cle, valeur) in reglages) b.UseSetting(cle, valeur);
            b.ConfigureLogging(l => l.AddProvider(journal));
        });

    [Fact]
    public async Task Avec_un_certificat_les_cles_sont_chiffrees_en_base_et_les_jetons_valent_apres_une_rotation()
    {
        // A database of its own: keys encrypted here must not end in the key ring every other host of the run reads.
        await using var base_ = await BaseSeparee.CreerAsync(Factory, "_cles");
        using var premier = new CertificatDeTest("Labels clés 2026");
        using var second = new CertificatDeTest("Labels clés 2027");

        var journal = new JournalCapture();
        string jeton;
        await using (var hote = EnProduction(journal, ("ConnectionStrings:Labels", base_.Chaine),
                         ("ProtectionDesCles:Certificat:Chemin", premier.Chemin), ("ProtectionDesCles:Certificat:MotDePasse", premier.MotDePasse)))
        {
            var client = hote.CreateClient();
            jeton = await JetonAsync(client);
            Assert.Equal(HttpStatusCode.OK, (await AvecJeton(client, jeton).GetAsync("/api/v1/audit")).StatusCode);
            Assert.DoesNotContain(journal.Entrees, e => e.Message.Contains(Avertissement));
        }
        var cles = await base_.ClesAsync();
        Assert.NotEmpty(cles);
        Assert.All(cles, xml =>
        {
            Assert.Contains("<encryptedSecret", xml);
            Assert.Contains("<X509Certificate>", xml);
            Assert.DoesNotContain("masterKey", xml);
        });
        // The run's shared database, whose keys were written without a certificate, holds them in clear.
        Assert.Contains(await Factory.DansLaBaseAsync(db => Task.FromResult(db.DataProtectionKeys.Select(k => k.Xml).ToList())),
            xml => xml!.Contains("<masterKey"));

        // A new certificate, the former one kept among the earlier ones: keys written before are still read.
        await using (var hote = EnProduction(new JournalCapture(), ("ConnectionStrings:Labels", base_.Chaine),
                         ("ProtectionDesCles:Certificat:Chemin", second.Chemin), ("ProtectionDesCles:Certificat:MotDePasse", second.MotDePasse),
                         ("ProtectionDesCles:CertificatsPrecedents:0:Chemin", premier.Chemin),
                         ("ProtectionDesCles:CertificatsPrecedents:0:MotDePasse", premier.MotDePasse)))
            Assert.Equal(HttpStatusCode.OK, (await AvecJeton(hote.CreateClient(), jeton).GetAsync("/api/v1/audit")).StatusCode);
        // Without it, they cannot be decrypted: the token is worth nothing.
        await using (var hote = EnProduction(new JournalCapture(), ("ConnectionStrings:Labels", base_.Chaine),
                         ("ProtectionDesCles:Certificat:Chemin", second.Chemin), ("ProtectionDesCles:Certificat:MotDePasse", second.MotDePasse)))
            await ProblemeAsync(await AvecJeton(hote.CreateClient(), jeton).GetAsync("/api/v1/audit"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Des_cles_chiffrees_le_restent_pour_toutes_les_instances()
    {
        await using var base_ = await BaseSeparee.CreerAsync(Factory, "_cles");
        using var certificat = new CertificatDeTest("Labels clés");
        (string, string)[] avecCertificat =
            [("ConnectionStrings:Labels", base_.Chaine), ("ProtectionDesCles:Certificat:Chemin", certificat.Chemin),
             ("ProtectionDesCles:Certificat:MotDePasse", certificat.MotDePasse)];
        // First an instance without certificate (a database from before the certificate): its key is stored in clear.
        string jetonEnClair;
        await using (var hote = EnProduction(new JournalCapture(), ("ConnectionStrings:Labels", base_.Chaine)))
            jetonEnClair = await JetonAsync(hote.CreateClient());
        Assert.All(await base_.ClesAsync(), xml => Assert.Contains("<masterKey", xml));
        // With the certificate, the key in clear is no longer read: its tokens are void, a new key is written encrypted.
        string jeton;
        await using (var hote = EnProduction(new JournalCapture(), avecCertificat))
        {
            var client = hote.CreateClient();
            await ProblemeAsync(await AvecJeton(hote.CreateClient(), jetonEnClair).GetAsync("/api/v1/audit"), HttpStatusCode.Unauthorized);
            jeton = await JetonAsync(client);
        }
        Assert.Contains(await base_.ClesAsync(), xml => xml.Contains("<encryptedSecret"));
        // An instance started without the certificate now refuses to start, rather than write a key in clear again.
        var cles = await base_.ClesAsync();
        await using (var sansCertificat = EnProduction(new JournalCapture(), ("ConnectionStrings:Labels", base_.Chaine)))
        {
            var refus = Assert.ThrowsAny<Exception>(() => sansCertificat.CreateClient());
            Assert.Contains("ProtectionDesCles:Certificat", refus.ToString());
        }
        Assert.Equal(cles.Order(), (await base_.ClesAsync()).Order());
        await using (var hote = EnProduction(new JournalCapture(), avecCertificat))
            Assert.Equal(HttpStatusCode.OK, (await AvecJeton(hote.CreateClient(), jeton).GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task En_production_sans_certificat_le_demarrage_avertit()
    {
        var journal = new JournalCapture();
        await using var hote = EnProduction(journal);
        Assert.Equal(HttpStatusCode.OK, (await hote.CreateClient().GetAsync("/health/live")).StatusCode);
        var avertissement = Assert.Single(journal.Entrees, e => e.Message.Contains(Avertissement));
        Assert.Equal(LogLevel.Warning, avertissement.Niveau);
        Assert.Contains("ProtectionDesCles:Certificat", avertissement.Message);

        // Elsewhere than in production (here the tests' own environment), nothing to say.
        var test = new JournalCapture();
        await using var horsProduction = Factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(test)));
        Assert.Equal(HttpStatusCode.OK, (await horsProduction.CreateClient().GetAsync("/health/live")).StatusCode);
        Assert.DoesNotContain(test.Entrees, e => e.Message.Contains(Avertissement));
    }

    [Fact]
    public async Task Un_certificat_illisible_arrete_le_demarrage_en_le_nommant()
    {
        using var certificat = new CertificatDeTest("Labels clés");
        await using var hote = EnProduction(new JournalCapture(),
            ("ProtectionDesCles:Certificat:Chemin", certificat.Chemin), ("ProtectionDesCles:Certificat:MotDePasse", "pas-le-bon"));
        var erreur = Assert.Throws<InvalidOperationException>(() => hote.CreateClient());
        Assert.Contains("ProtectionDesCles:Certificat", erreur.Message);
    }

    [Fact]
    public async Task Les_journaux_de_production_ne_portent_pas_le_sql()
    {
        var production = new JournalCapture();
        await using (var hote = EnProduction(production))
            Assert.Equal(HttpStatusCode.OK, (await hote.CreateClient().GetAsync("/api/v1/editions")).StatusCode);
        Assert.DoesNotContain(production.Entrees, e => e.Categorie == "Microsoft.EntityFrameworkCore.Database.Command" && e.Niveau <= LogLevel.Information);
        Assert.DoesNotContain(production.Entrees, e => e.Message.StartsWith("Executed DbCommand", StringComparison.Ordinal));
        Assert.Contains(production.Entrees, e => e.Niveau == LogLevel.Information); // the capture does see what production logs
        // Development, and SQL on demand: JournauxTests.
    }

    private static async Task<string> JetonAsync(HttpClient client)
    {
        var reponse = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = LabelsApiFactory.AdminEmail, password = LabelsApiFactory.AdminMotDePasse });
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return (await reponse.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
    }

    private static HttpClient AvecJeton(HttpClient client, string jeton)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", jeton);
        return client;
    }

    /// <summary>A self-signed RSA certificate with its private key, in a PFX file protected by a password, deleted afterwards.</summary>
    private sealed class CertificatDeTest : IDisposable
    {
        public CertificatDeTest(string nom)
        {
            using var rsa = RSA.Create(2048);
            var demande = new CertificateRequest($"CN={nom}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificat = demande.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
            File.WriteAllBytes(Chemin, certificat.Export(X509ContentType.Pfx, MotDePasse));
        }

        public string Chemin { get; } = Path.Combine(Path.GetTempPath(), $"labels-cles-{Guid.NewGuid():N}.pfx");
        public string MotDePasse { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

        public void Dispose() => File.Delete(Chemin);
    }
}
