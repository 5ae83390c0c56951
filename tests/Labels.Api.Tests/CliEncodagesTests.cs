using Labels.Cli;
using Labels.Cli.Import;

namespace Labels.Api.Tests;

/// <summary>
/// labels-import passes --encoding to the API as the file's charset; without it, it sends a UTF-8 file as such and a file
/// that is not UTF-8 only once a person confirms windows-1252 (a script exits 2, nothing sent).
/// </summary>
public sealed class CliEncodagesTests(LabelsApiFactory factory) : ApiTest(factory), IDisposable
{
    static CliEncodagesTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    // Lines 2-3 are one fiche (a quoted line break), ASCII; the first letter outside ASCII is on line 4.
    private const string Csv = "collectivite;reference;titre;description;dateDebut;enCours;enjeux\n"
        + "62041;ARR-1;Portail citoyen;\"Demarches\nen ligne\";2021-03-01;oui;culture\n"
        + "62041;ARR-2;Médiathèque « hors les murs »;Budget : 12 000 € pour l'œuvre;2021-03-01;oui;culture\n";

    private readonly string _dossier = Directory.CreateTempSubdirectory("labels-cli-").FullName;

    public void Dispose() => Directory.Delete(_dossier, recursive: true);

    private string Ecrire(string nom, byte[] octets)
    {
        var chemin = Path.Combine(_dossier, nom);
        File.WriteAllBytes(chemin, octets);
        return chemin;
    }

    private static byte[] En1252(string texte) =>
        Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback).GetBytes(texte);

    [Fact]
    public async Task Le_sondage_reconnait_l_utf_8_et_ses_marques_et_situe_le_premier_octet_qui_n_en_est_pas()
    {
        Assert.Equal("utf-8", (await EncodageDuFichier.SonderAsync(Ecrire("a.csv", Encoding.UTF8.GetBytes(Csv)), default)).Encodage);
        Assert.Equal("utf-8", (await EncodageDuFichier.SonderAsync(Ecrire("b.csv", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(Csv)]), default)).Encodage);
        Assert.Equal("utf-16", (await EncodageDuFichier.SonderAsync(Ecrire("c.csv", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Csv)]), default)).Encodage);
        Assert.Equal("utf-16", (await EncodageDuFichier.SonderAsync(Ecrire("d.csv", [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Csv)]), default)).Encodage);

        var fichier = Ecrire("e.csv", En1252(Csv));
        var sondage = await EncodageDuFichier.SonderAsync(fichier, default);
        Assert.Null(sondage.Encodage);
        Assert.Equal((4, (byte)0xE9), (sondage.Ligne, sondage.Octet));
        Assert.Equal("62041;ARR-2;Médiathèque « hors les murs »;Budget : 12 000 € pour l'œuvre;2021-03-01;oui;culture",
            EncodageDuFichier.Extrait(fichier, sondage));

        // Past the first read of the file (1 MiB), with UTF-8 characters of every length across the reads' edges.
        var long_ = new StringBuilder("collectivite;titre\n");
        for (var i = 0; i < 80_000; i++) long_.Append($"62041;É€𝄞 {i}\n");
        var octets = Encoding.UTF8.GetBytes(long_.ToString());
        Assert.True(octets.Length > 1 << 20);
        Assert.Equal("utf-8", (await EncodageDuFichier.SonderAsync(Ecrire("f.csv", octets), default)).Encodage);
        var loin = await EncodageDuFichier.SonderAsync(Ecrire("g.csv", [.. octets, .. En1252("62041;é\n")]), default);
        Assert.Equal((80_002, (byte)0xE9), (loin.Ligne, loin.Octet));
    }

    [Fact]
    public async Task Un_fichier_windows_1252_part_avec_son_charset_donne_ou_confirme_et_pas_autrement()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        await using var serveur = ServeurKestrel.Demarrer(Factory);
        var fichier = Ecrire("dossiers.csv", En1252(Csv));
        string[] Arguments(params string[] plus) =>
            ["--edition", "2022", fichier, "--url", serveur.Adresse.ToString(), "--email", LabelsApiFactory.AdminEmail,
                "--password", LabelsApiFactory.AdminMotDePasse, .. plus];

        // Not UTF-8, nobody to confirm: nothing is sent.
        string? question = null;
        Assert.Equal(CodesDeSortie.Usage, await CommandeImport.ExecuterAsync(Arguments(), default, q => { question = q; return false; }));
        Assert.Contains("ligne 4", question);
        Assert.Contains("Médiathèque « hors les murs »", question);
        Assert.Empty(await Factory.DansLaBaseAsync(db => db.Imports.ToListAsync()));

        // Given: sent as windows-1252, read as such.
        Assert.Equal(CodesDeSortie.Succes, await CommandeImport.ExecuterAsync(Arguments("--encoding", "windows-1252"), default, _ => false));
        Assert.Equal("windows-1252", await Factory.DansLaBaseAsync(db => db.Imports.Select(i => i.Encodage).SingleAsync()));
        var titres = await Factory.DansLaBaseAsync(db => db.Fiches.OrderBy(f => f.Reference).Select(f => f.Titre + " / " + f.Description).ToListAsync());
        Assert.Equal(["Portail citoyen / Demarches\nen ligne", "Médiathèque « hors les murs » / Budget : 12 000 € pour l'œuvre"], titres);

        // Confirmed: the same, unchanged.
        Assert.Equal(CodesDeSortie.Succes, await CommandeImport.ExecuterAsync(Arguments("--dry-run"), default, _ => true));
        Assert.Equal(["windows-1252", "windows-1252"], await Factory.DansLaBaseAsync(db => db.Imports.Select(i => i.Encodage!).ToListAsync()));

        // A UTF-8 file goes as UTF-8 without a question.
        Assert.Equal(CodesDeSortie.Succes, await CommandeImport.ExecuterAsync(
            ["--edition", "2022", Ecrire("utf8.csv", Encoding.UTF8.GetBytes(Csv)), .. Arguments()[3..], "--dry-run"], default,
            _ => throw new InvalidOperationException("pas de question pour un fichier UTF-8")));
        Assert.Equal(3, await Factory.DansLaBaseAsync(db => db.Imports.CountAsync(i => i.Statut == Domain.Imports.StatutImport.Applique
            || i.Statut == Domain.Imports.StatutImport.Valide)));
    }
}
