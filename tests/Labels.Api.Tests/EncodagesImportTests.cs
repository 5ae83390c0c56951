using System.Net.Http.Headers;
using Labels.Domain.Imports;

namespace Labels.Api.Tests;

/// <summary>
/// Imported files are UTF-8 unless their Content-Type declares another charset; a body that is not valid in its encoding
/// is refused (422 naming the line), never stored with replacement characters (docs/import.md, Encodings).
/// </summary>
public sealed class EncodagesImportTests(LabelsApiFactory factory) : ApiTest(factory)
{
    static EncodagesImportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private sealed record FicheLue(string Collectivite, string Reference, string Titre, string Description);

    // Letters of ISO-8859-1, so that the file can be saved in every accepted encoding.
    private static readonly FicheLue[] FichesLatin1 =
    [
        new("62041", "ARR-1", "Portail citoyen", "Demarches\nen ligne"),
        new("62041", "ARR-2", "Médiathèque « hors les murs »", "Prêt de liseuses à l'école, façade rénovée ; où ? Là ! Île, Ç, É, ° et m²"),
        new("57059", "BEL-1", "Forêt connectée", "Capteurs déployés en forêt : humidité, température (°C), « données » ouvertes"),
    ];

    // € and œ, Œ, Š, Ž, Ÿ: in windows-1252 and ISO-8859-15, at other bytes in each; not in ISO-8859-1.
    private static readonly FicheLue[] FichesEuro =
    [
        new("2A004", "AJA-1", "Œuvres numériques au cœur de ville", "Jumelage avec Šibenik et Žužemberk : 12 000 € pour l'œuvre commune, Ÿ compris"),
    ];

    private static string Csv(IEnumerable<FicheLue> fiches) =>
        "collectivite;reference;titre;description;dateDebut;enCours;enjeux\r\n"
        + string.Concat(fiches.Select(f => $"{f.Collectivite};{f.Reference};{f.Titre};\"{f.Description}\";2021-03-01;oui;culture\r\n"));

    private static string JsonDe(IEnumerable<FicheLue> fiches) =>
        "{ \"dossiers\": [\n" + string.Join(",\n", fiches.GroupBy(f => f.Collectivite).Select(d =>
            $"  {{ \"collectivite\": {{ \"codeInsee\": \"{d.Key}\" }},\n    \"fiches\": [\n"
            + string.Join(",\n", d.Select(f =>
                $"      {{ \"reference\": \"{f.Reference}\", \"titre\": \"{f.Titre}\", \"description\": \"{f.Description.Replace("\n", "\\n")}\", "
                + "\"dateDebut\": \"2021-03-01\", \"enCours\": true, \"enjeux\": [\"culture\"] }"))
            + " ] }")) + "\n] }\n";

    /// <summary>The text saved in an encoding, with its BOM where asked, and the charset to declare (null: none).</summary>
    private static (string? Charset, byte[] Octets) Enregistrer(string texte, string? charset, Encoding encodage, bool bom = false) =>
        (charset, (bom ? encodage.GetPreamble() : []).Concat(encodage.GetBytes(texte)).ToArray());

    /// <summary>An encoder that fails on a character its charset lacks, rather than write « ? » into the test's own file.</summary>
    private static Encoding Strict(int pageDeCode) => Encoding.GetEncoding(pageDeCode, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);

    private static IEnumerable<(string? Charset, byte[] Octets)> Variantes(string texte, bool latin1)
    {
        yield return Enregistrer(texte, null, new UTF8Encoding(false));
        yield return Enregistrer(texte, "utf-8", new UTF8Encoding(true), bom: true);
        yield return Enregistrer(texte, null, new UTF8Encoding(true), bom: true);
        yield return Enregistrer(texte, "utf-16", new UnicodeEncoding(bigEndian: false, byteOrderMark: true), bom: true);
        yield return Enregistrer(texte, "UTF-16", new UnicodeEncoding(bigEndian: true, byteOrderMark: true), bom: true);
        yield return Enregistrer(texte, "windows-1252", Strict(1252));
        yield return Enregistrer(texte, "\"ISO-8859-15\"", Strict(28605));
        if (latin1) yield return Enregistrer(texte, "latin1", Strict(28591));
    }

    private static Task<HttpResponseMessage> EnvoyerAsync(HttpClient client, byte[] octets, string type, string? charset, int annee = 2022)
    {
        var contenu = new ByteArrayContent(octets);
        // Written as is: HttpClient would otherwise normalise a charset it knows.
        contenu.Headers.TryAddWithoutValidation("Content-Type", charset is null ? type : $"{type}; charset={charset}");
        return client.PostAsync($"/api/v1/editions/{annee}/imports", contenu);
    }

    private Task<(int Collectivites, int Candidatures, int Fiches)> ComptesAsync() => Factory.DansLaBaseAsync(async db =>
        (await db.Collectivites.CountAsync(), await db.Candidatures.CountAsync(), await db.Fiches.CountAsync()));

    [Fact]
    public async Task Le_meme_dossier_dans_chaque_encodage_donne_les_memes_lignes_sans_caractere_de_remplacement()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var lots = new[]
        {
            (Fiches: FichesLatin1, Latin1: true),
            (Fiches: FichesEuro, Latin1: false),
        };
        foreach (var (fiches, latin1) in lots)
        {
            var premiere = true;
            var variantes = Variantes(Csv(fiches), latin1).Select(v => (v.Charset, v.Octets, Type: "text/csv"))
                .Concat(Variantes(JsonDe(fiches), latin1).Select(v => (v.Charset, v.Octets, Type: "application/json")));
            foreach (var (charset, octets, type) in variantes)
            {
                var reponse = await EnvoyerAsync(admin, octets, type, charset);
                var corps = await reponse.Content.ReadAsStringAsync();
                Assert.True(reponse.StatusCode == HttpStatusCode.OK, $"{type}; charset={charset} : {(int)reponse.StatusCode} {corps}");
                var rapport = JsonNode.Parse(corps)!;
                // The first variant creates the fiches; every other one finds them identical, compared by PostgreSQL field by field.
                Assert.True(rapport["fiches"]![premiere ? "created" : "unchanged"]!.GetValue<int>() == fiches.Length,
                    $"{type}; charset={charset} : {corps}");
                premiere = false;
            }
        }

        var stockees = await Factory.DansLaBaseAsync(db => db.Fiches.Select(f => new { f.Reference, f.Titre, f.Description, f.Resume }).ToListAsync());
        var attendues = FichesLatin1.Concat(FichesEuro).ToDictionary(f => f.Reference);
        Assert.Equal(attendues.Count, stockees.Count);
        foreach (var f in stockees)
        {
            Assert.Equal(attendues[f.Reference!].Titre, f.Titre, StringComparer.Ordinal);
            Assert.Equal(attendues[f.Reference!].Description, f.Description, StringComparer.Ordinal);
        }
        // Nowhere in what the imports wrote, the collectivités' names from the COG included.
        var remplacements = await Factory.DansLaBaseAsync(db => db.Database.SqlQueryRaw<int>("""
            SELECT ((SELECT count(*) FROM fiches_actions f WHERE strpos(f.titre || f.description || coalesce(f.resume, '') || coalesce(f.reference, ''), U&'\FFFD') > 0)
                  + (SELECT count(*) FROM collectivites c WHERE strpos(c.nom, U&'\FFFD') > 0))::int AS "Value"
            """).SingleAsync());
        Assert.Equal(0, remplacements);
        Assert.Equal(["Ajaccio", "Arras", "Bellange"], (await Factory.DansLaBaseAsync(db => db.Collectivites.Select(c => c.Nom).ToListAsync()))
            .Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Characters of two, three and four bytes in UTF-8, surrogate pairs in UTF-16, over more than one read of the body:
    /// wherever a read cuts one, it is whole once checked.
    /// </summary>
    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16le")]
    [InlineData("utf-16be")]
    public async Task Un_grand_fichier_garde_ses_caracteres_coupes_entre_deux_lectures(string charset)
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var fiches = Enumerable.Range(0, 3000).Select(i => new FicheLue("62041", $"R-{i}", $"Été n°{i} 🎉", $"Coût : {i} € — « 𝄞 » ; {new string('é', i % 7)}中文")).ToArray();
        var encodage = charset switch
        {
            "utf-8" => (Encoding)new UTF8Encoding(false),
            "utf-16le" => new UnicodeEncoding(false, false),
            _ => new UnicodeEncoding(true, false),
        };
        var octets = encodage.GetBytes(Csv(fiches));
        Assert.True(octets.Length > 3 << 16);
        var reponse = await EnvoyerAsync(admin, octets, "text/csv", charset);
        Assert.True(reponse.StatusCode == HttpStatusCode.OK, await reponse.Content.ReadAsStringAsync());
        var stockees = await Factory.DansLaBaseAsync(db => db.Fiches.ToDictionaryAsync(f => f.Reference!, f => (f.Titre, f.Description)));
        Assert.Equal(fiches.Length, stockees.Count);
        Assert.All(fiches, f => Assert.Equal((f.Titre, f.Description), stockees[f.Reference]));
    }

    /// <summary>A body that arrives a few bytes at a time, as a slow connection may send it.</summary>
    private sealed class FluxParMorceaux(byte[] octets, int morceau) : Labels.Application.Commun.FluxEnLecture
    {
        private int _position;
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(morceau, buffer.Length), octets.Length - _position);
            octets.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));
    }

    /// <summary>
    /// The body reader itself, fed one to seven bytes at a time: every character is cut by some read, in every encoding, and
    /// comes out whole; the line of an invalid byte is the same whatever the reads.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public async Task Le_lecteur_du_corps_recolle_les_caracteres_coupes_et_situe_l_octet_invalide_quelles_que_soient_les_lectures(int morceau)
    {
        var texte = Csv(FichesEuro.Concat([new FicheLue("62041", "X", "Été 🎉 中文 𝄞", "Œ € — « »\nsur deux lignes")]));
        var encodages = new (string Charset, Encoding Encodage, bool Bom)[]
        {
            ("utf-8", new UTF8Encoding(false), false), ("utf-8", new UTF8Encoding(true), true), ("utf-16", new UnicodeEncoding(false, true), true),
            ("utf-16", new UnicodeEncoding(true, true), true), ("utf-16le", new UnicodeEncoding(false, false), false),
        };
        foreach (var (charset, encodage, bom) in encodages)
        {
            var (_, octets) = Enregistrer(texte, charset, encodage, bom);
            using var csv = await Infrastructure.Imports.CorpsImport.TexteAsync(new FluxParMorceaux(octets, morceau), charset, default);
            Assert.Equal(texte, await csv.ReadToEndAsync());
            var json = await Infrastructure.Imports.CorpsImport.Utf8Async(new FluxParMorceaux(octets, morceau), charset, default);
            using var copie = new MemoryStream();
            await json.CopyToAsync(copie);
            Assert.Equal(texte, Encoding.UTF8.GetString(copie.ToArray()));
        }
        var sansEuro = Csv(FichesLatin1);
        foreach (var page in new[] { 1252, 28591, 28605 })
        {
            using var csv = await Infrastructure.Imports.CorpsImport.TexteAsync(new FluxParMorceaux(Strict(page).GetBytes(sansEuro), morceau),
                page switch { 1252 => "windows-1252", 28591 => "iso-8859-1", _ => "iso-8859-15" }, default);
            Assert.Equal(sansEuro, await csv.ReadToEndAsync());
        }

        // Not UTF-8: the é of line 4 (the lines before it, ASCII, include a quoted line break).
        var e = await Assert.ThrowsAsync<Infrastructure.Imports.EncodageInvalideException>(async () =>
        {
            using var csv = await Infrastructure.Imports.CorpsImport.TexteAsync(new FluxParMorceaux(Strict(1252).GetBytes(sansEuro), morceau), null, default);
            await csv.ReadToEndAsync();
        });
        Assert.Equal(4, e.Ligne);
        Assert.Contains("0xE9", e.Message);
    }

    /// <summary>A spreadsheet's « CSV (séparateur : point-virgule) » is windows-1252: sent without charset, it used to be stored with U+FFFD.</summary>
    [Fact]
    public async Task Un_csv_windows_1252_sans_charset_est_refuse_a_sa_premiere_ligne_fautive_et_rien_n_est_ecrit()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        // Lines 2-3 are one fiche (a quoted line break), ASCII; the first accent is on line 4.
        var octets = Strict(1252).GetBytes(Csv(FichesLatin1));
        var reponse = await EnvoyerAsync(admin, octets, "text/csv", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reponse.StatusCode);
        var rapport = await LireAsync(reponse);
        Assert.Equal("refuse", rapport["status"]!.GetValue<string>());
        var erreur = Assert.Single(rapport["errors"]!.AsArray())!;
        Assert.Equal(4, erreur["line"]!.GetValue<int>());
        var message = erreur["message"]!.GetValue<string>();
        Assert.Contains("0xE9", message);
        Assert.Contains("charset=windows-1252", message);
        Assert.Equal((0, 0, 0), await ComptesAsync());
        Assert.Equal(StatutImport.Refuse, await Factory.DansLaBaseAsync(db => db.Imports.Select(i => i.Statut).SingleAsync()));

        // Far into the file (past the first reads of the body), the line is still the physical one.
        var long_ = "collectivite;reference;titre;description;dateDebut;enCours;enjeux\n"
            + string.Concat(Enumerable.Range(0, 3000).Select(i => $"62041;R-{i};Action {i};Description {i};2021-03-01;oui;culture\n"))
            + "62041;R-X;Médiathèque;D;2021-03-01;oui;culture\n";
        var loin = await LireAsync(await EnvoyerAsync(admin, Strict(1252).GetBytes(long_), "text/csv", null));
        Assert.Equal(3002, Assert.Single(loin["errors"]!.AsArray())!["line"]!.GetValue<int>());

        // The same in JSON: its line, no path (the byte is not in any value yet).
        var json = await EnvoyerAsync(admin, Strict(1252).GetBytes(JsonDe(FichesLatin1)), "application/json", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, json.StatusCode);
        var erreurJson = Assert.Single((await LireAsync(json))["errors"]!.AsArray())!;
        Assert.Equal(5, erreurJson["line"]!.GetValue<int>());
        Assert.Contains("charset=windows-1252", erreurJson["message"]!.GetValue<string>());
        Assert.Equal((0, 0, 0), await ComptesAsync());
    }

    [Fact]
    public async Task Un_octet_invalide_dans_l_encodage_declare_est_refuse_avec_sa_ligne()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var entete = "collectivite;reference;titre;description;dateDebut;enCours;enjeux\n"u8.ToArray();
        var bonne = "62041;R-1;Été;D;2021-03-01;oui;culture\n"u8.ToArray();

        async Task<JsonNode> RefuseAsync(byte[] octets, string? charset, int ligne, string extrait)
        {
            var reponse = await EnvoyerAsync(admin, octets, "text/csv", charset);
            var corps = await reponse.Content.ReadAsStringAsync();
            Assert.True(reponse.StatusCode == HttpStatusCode.UnprocessableEntity, $"charset={charset} : {(int)reponse.StatusCode} {corps}");
            var erreur = Assert.Single(JsonNode.Parse(corps)!["errors"]!.AsArray())!;
            Assert.Equal(ligne, erreur["line"]!.GetValue<int>());
            Assert.Contains(extrait, erreur["message"]!.GetValue<string>());
            return erreur;
        }

        // Declared UTF-8, a Latin-1 é on line 3.
        await RefuseAsync([.. entete, .. bonne, .. "62041;R-2;"u8, 0xE9, .. "t;D;2021-03-01;oui;culture\n"u8], "utf-8", 3, "0xE9");
        // A character cut off by the end of the file.
        await RefuseAsync([.. entete, .. bonne, .. "62041;R-2;T;D;2021-03-01;oui;culture "u8, 0xE2, 0x82], "utf-8", 3, "milieu");
        // A replacement character already in the file: characters were lost before it reached the API.
        await RefuseAsync([.. entete, .. "62041;R-2;Pr"u8, 0xEF, 0xBF, 0xBD, .. "t;D;2021-03-01;oui;culture\n"u8], null, 2, "U+FFFD");
        // Declared ISO-8859-1, a windows-1252 € (0x80): a C1 control in Latin-1, which no text has.
        await RefuseAsync([.. entete, .. "62041;R-2;12 "u8, 0x80, .. ";D;2021-03-01;oui;culture\n"u8], "iso-8859-1", 2, "windows-1252");
        // Declared utf-16 without its BOM: its byte order is unknown.
        await RefuseAsync(new UnicodeEncoding(false, false).GetBytes("collectivite\n62041\n"), "utf-16", 1, "utf-16le");
        // A lone surrogate in UTF-16.
        await RefuseAsync([.. new UnicodeEncoding(false, true).GetPreamble(), .. new UnicodeEncoding(false, false).GetBytes("collectivite\n"), 0x00, 0xD8,
            .. new UnicodeEncoding(false, false).GetBytes("62041\n")], "utf-16", 2, "0xD800");
        // A UTF-8 file (its BOM says so) declared windows-1252.
        await RefuseAsync([0xEF, 0xBB, 0xBF, .. entete, .. bonne], "windows-1252", 1, "UTF-8");
        // A UTF-16 file cut short: an odd number of bytes, or a surrogate pair's first half at its end. It has its BOM, and is
        // told where it ends, not that it lacks one.
        var utf16 = new UnicodeEncoding(false, true);
        byte[] texte16 = [.. utf16.GetPreamble(), .. utf16.GetBytes("collectivite;reference\n62041;R-1\n57059;R-2\n")];
        foreach (var (octets, ligne) in new[] { (texte16[..^1], 3), (texte16[..^3], 3), ([.. texte16[..^2], .. utf16.GetBytes("\U0001F389")[..2]], 3) })
        {
            var coupe = await RefuseAsync(octets, "utf-16", ligne, "Le fichier finit au milieu d'un caractère UTF-16.");
            Assert.DoesNotContain("BOM", coupe["message"]!.GetValue<string>());
        }
        await RefuseAsync(new UnicodeEncoding(true, false).GetBytes("collectivite\n62041\n")[..^1], "utf-16be", 2, "Le fichier finit au milieu d'un caractère UTF-16.");
        // In JSON, a U+FFFD in a value, as is or escaped, is refused on its path.
        foreach (var remplacement in new[] { "\uFFFD", "\\uFFFD" })
        {
            var json = $$"""
                { "dossiers": [ { "collectivite": { "codeInsee": "62041" }, "fiches": [
                  { "titre": "Pr{{remplacement}}t", "description": "D", "dateDebut": "2021-03-01", "enCours": true, "enjeux": ["culture"] } ] } ] }
                """;
            var reponse = await EnvoyerAsync(admin, Encoding.UTF8.GetBytes(json), "application/json", null);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reponse.StatusCode);
            var erreur = Assert.Single((await LireAsync(reponse))["errors"]!.AsArray())!;
            Assert.Equal("$.dossiers[0].fiches[0].titre", erreur["path"]!.GetValue<string>());
            Assert.Contains("U+FFFD", erreur["message"]!.GetValue<string>());
        }
        Assert.Equal((0, 0, 0), await ComptesAsync());
        Assert.All(await Factory.DansLaBaseAsync(db => db.Imports.Select(i => i.Statut).ToListAsync()), s => Assert.Equal(StatutImport.Refuse, s));
    }

    /// <summary>
    /// Invalid UTF-8 in a property's name is the file's encoding as much as in a value: one error naming its line, never the
    /// name with U+FFFD in it. A U+FFFD really in a name (the file's own, or escaped) is quoted escaped.
    /// </summary>
    [Fact]
    public async Task Un_octet_invalide_dans_un_nom_de_propriete_json_est_refuse_avec_sa_ligne_sans_caractere_de_remplacement()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var debut = """
            { "dossiers": [ { "collectivite": { "codeInsee": "62041" },
              "fiches": [ { "reference": "A", "titre": "ok", "description": "D", "dateDebut": "2022-01-01",
                "enCours": true, "enjeux": ["emploi"], "

            """u8.ToArray()[..^1];
        var cas = new (byte[] Octets, int Ligne)[]
        {
            ([.. debut, 0xE9, .. "x\": 1 } ] } ] }"u8], 3),
            ([.. "{ \"dossiers\": [ { \"collectivite\": {\n\"codeInsee\": \"62041\", \""u8, 0xE9, .. "\": 1 } } ] }"u8], 2),
            ([.. "{ \"dossiers\": [ { \"collectivite\": { \"codeInsee\": \"62041\" },\n \"distinction\": { \"arobases\": 1, \"a"u8, 0xE9, .. "\": 1 } } ] }"u8], 2),
            ([.. "{\n\""u8, 0xE9, .. "\": 1, \"dossiers\": [] }"u8], 2),
        };
        foreach (var (octets, ligne) in cas)
        {
            var reponse = await EnvoyerAsync(admin, octets, "application/json", null);
            var corps = await reponse.Content.ReadAsStringAsync();
            Assert.True(reponse.StatusCode == HttpStatusCode.UnprocessableEntity, $"{(int)reponse.StatusCode} {corps}");
            Assert.DoesNotContain("\uFFFD", corps);
            Assert.DoesNotContain("\\uFFFD", corps, StringComparison.OrdinalIgnoreCase);
            var erreur = Assert.Single(JsonNode.Parse(corps)!["errors"]!.AsArray())!;
            Assert.Equal(ligne, erreur["line"]!.GetValue<int>());
            Assert.Contains("0xE9", erreur["message"]!.GetValue<string>());
            Assert.Contains("charset=windows-1252", erreur["message"]!.GetValue<string>());
        }

        foreach (var nom in new[] { "\uFFFDx", "\\uFFFDx" })
        {
            var json = $$"""{ "dossiers": [ { "collectivite": { "codeInsee": "62041" }, "fiches": [ { "titre": "ok", "{{nom}}": 1 } ] } ] }""";
            var reponse = await EnvoyerAsync(admin, Encoding.UTF8.GetBytes(json), "application/json", null);
            var corps = await reponse.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.UnprocessableEntity, reponse.StatusCode);
            Assert.DoesNotContain("\uFFFD", corps);
            // The fiche's other errors (no description…) are reported beside it.
            var erreur = Assert.Single(JsonNode.Parse(corps)!["errors"]!.AsArray(), e => e!["message"]!.GetValue<string>() == "Propriété inconnue.")!;
            Assert.Equal("$.dossiers[0].fiches[0].\\uFFFDx", erreur["path"]!.GetValue<string>());
            Assert.Equal("Propriété inconnue.", erreur["message"]!.GetValue<string>());
            var racine = await ProblemeAsync(await EnvoyerAsync(admin, Encoding.UTF8.GetBytes($$"""{ "{{nom}}": 1 }"""), "application/json", null),
                HttpStatusCode.BadRequest);
            Assert.Equal("Propriété inconnue à la racine : \\uFFFDx.", racine["detail"]!.GetValue<string>());
        }
        // Half of a surrogate pair, escaped: the JSON writer would make U+FFFD of it.
        foreach (var json in new[] { """{ "dossiers": [ { "collectivite": { "codeInsee": "62041" }, "fiches": [ { "\uD800x": 1 } ] } ] }""",
                     """{ "\uDC00x": 1 }""" })
        {
            var reponse = await EnvoyerAsync(admin, Encoding.UTF8.GetBytes(json), "application/json", null);
            var corps = await reponse.Content.ReadAsStringAsync();
            // In a dossier, an error of the dossier (422); at the root, a file that is no file of dossiers (400).
            Assert.True(reponse.StatusCode == (json.Contains("dossiers") ? HttpStatusCode.UnprocessableEntity : HttpStatusCode.BadRequest),
                $"{(int)reponse.StatusCode} {corps}");
            Assert.DoesNotContain("\uFFFD", corps);
            Assert.DoesNotContain("\\uFFFD", corps, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("la moitié d'une paire de substitution UTF-16", corps);
        }
        Assert.Equal((0, 0, 0), await ComptesAsync());
    }

    /// <summary>
    /// Every run records the SHA-256 and size of the whole body it received, whatever refused it and however early: its encoding
    /// on line 2 of a long file, a file it cannot read, an error of its content; run at once or from the queue.
    /// </summary>
    [Fact]
    public async Task Un_import_refuse_enregistre_l_empreinte_et_la_taille_de_tout_le_fichier_recu()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var long_ = "collectivite;reference;titre;description;dateDebut;enCours;enjeux\n62041;R-X;Médiathèque;D;2021-03-01;oui;culture\n"
            + string.Concat(Enumerable.Range(0, 5000).Select(i => $"62041;R-{i};Action {i};Description {i};2021-03-01;oui;culture\n"));
        var fichiers = new (byte[] Octets, string Type, string? Charset, HttpStatusCode Statut)[]
        {
            (Strict(1252).GetBytes(long_), "text/csv", null, HttpStatusCode.UnprocessableEntity),
            ([.. Encoding.UTF8.GetBytes(long_.Replace("Médiathèque", "Mediatheque")), 0xE9], "text/csv", null, HttpStatusCode.UnprocessableEntity),
            (new UnicodeEncoding(false, true).GetBytes("collectivite\n62041\n")[..^1], "text/csv", "utf-16", HttpStatusCode.UnprocessableEntity),
            (Encoding.UTF8.GetBytes(JsonDe(FichesLatin1)), "text/csv", null, HttpStatusCode.BadRequest),
            (Encoding.UTF8.GetBytes("[1, 2]" + new string(' ', 100_000)), "application/json", null, HttpStatusCode.BadRequest),
            (Encoding.UTF8.GetBytes(long_.Replace("62041;R-7;", "99999;R-7;")), "text/csv", null, HttpStatusCode.UnprocessableEntity),
        };
        Assert.True(fichiers[0].Octets.Length > 3 << 16);
        var attendues = new List<(string Empreinte, long Octets)>();
        foreach (var (octets, type, charset, statut) in fichiers)
        {
            var reponse = await EnvoyerAsync(admin, octets, type, charset);
            Assert.True(reponse.StatusCode == statut, $"{type}; charset={charset} : {(int)reponse.StatusCode} {await reponse.Content.ReadAsStringAsync()}");
            var accepte = await admin.PostAsync("/api/v1/editions/2022/imports?async=true", new ByteArrayContent(octets)
            {
                Headers = { { "Content-Type", charset is null ? type : $"{type}; charset={charset}" } },
            });
            Assert.Equal(HttpStatusCode.Accepted, accepte.StatusCode);
            var empreinte = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(octets));
            attendues.AddRange([(empreinte, octets.Length), (empreinte, octets.Length)]);
        }
        await using var executante = Factory.WithWebHostBuilder(b => b.UseSetting("Imports:Executer", "true"));
        _ = executante.Server;
        var debut = DateTime.UtcNow;
        while (await Factory.DansLaBaseAsync(db => db.Imports.AnyAsync(i => i.Statut == StatutImport.EnAttente || i.Statut == StatutImport.EnCours)))
        {
            Assert.True(DateTime.UtcNow - debut < TimeSpan.FromSeconds(60), "imports toujours en attente ou en cours");
            await Task.Delay(100);
        }
        var runs = await Factory.DansLaBaseAsync(db => db.Imports.ToListAsync());
        Assert.All(runs, r => Assert.Equal(StatutImport.Refuse, r.Statut));
        Assert.Equal(attendues.Order(), runs.Select(r => (r.Empreinte, r.Octets)).Order());
        Assert.All(runs, r => Assert.Equal(r.Empreinte, JsonNode.Parse(r.Rapport!)!["sha256"]!.GetValue<string>()));
        foreach (var r in runs)
        {
            var lu = await admin.GetFromJsonAsync<JsonObject>($"/api/v1/imports/{r.Id}");
            Assert.Equal((r.Empreinte, r.Octets), (lu!["sha256"]!.GetValue<string>(), lu["octets"]!.GetValue<long>()));
        }
        Assert.Equal((0, 0, 0), await ComptesAsync());
    }

    [Fact]
    public async Task Un_charset_inconnu_est_refuse_avec_la_liste_des_encodages_acceptes()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        foreach (var charset in new[] { "klingon", "ebcdic-fr", "" })
        {
            var probleme = await ProblemeAsync(await EnvoyerAsync(admin, Encoding.UTF8.GetBytes(Csv(FichesLatin1)), "text/csv", charset),
                HttpStatusCode.UnsupportedMediaType);
            var detail = probleme["detail"]!.GetValue<string>();
            foreach (var accepte in new[] { "utf-8", "utf-16", "windows-1252", "iso-8859-1", "iso-8859-15" }) Assert.Contains(accepte, detail);
        }
        Assert.Equal((0, 0, 0), await ComptesAsync());
        Assert.Empty(await Factory.DansLaBaseAsync(db => db.Imports.ToListAsync()));
    }

    /// <summary>The charset an asynchronous import declared is the one its run reads the saved file with.</summary>
    [Fact]
    public async Task Un_import_asynchrone_lit_son_fichier_dans_l_encodage_declare()
    {
        var admin = await AdminAsync();
        await EditionAsync(admin, 2022, "candidatures");
        var contenu = new ByteArrayContent(Strict(1252).GetBytes(Csv(FichesEuro)));
        contenu.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "windows-1252" };
        var reponse = await admin.PostAsync("/api/v1/editions/2022/imports?async=true", contenu);
        Assert.Equal(HttpStatusCode.Accepted, reponse.StatusCode);
        await using var executante = Factory.WithWebHostBuilder(b => b.UseSetting("Imports:Executer", "true"));
        _ = executante.Server;
        Assert.Equal("windows-1252", (await LireAsync(reponse))["encodage"]!.GetValue<string>());
        JsonObject etat;
        var debut = DateTime.UtcNow;
        do
        {
            await Task.Delay(100);
            etat = await LireAsync(await admin.GetAsync(reponse.Headers.Location));
        } while (etat["rapport"] is null && DateTime.UtcNow - debut < TimeSpan.FromSeconds(60));
        Assert.Equal("applique", etat["statut"]!.GetValue<string>());
        Assert.Equal(FichesEuro[0].Description, await Factory.DansLaBaseAsync(db => db.Fiches.Select(f => f.Description).SingleAsync()), StringComparer.Ordinal);
    }
}
