using System.Net.Http.Headers;
using System.Xml.Linq;

namespace Labels.Api.Tests;

/// <summary>
/// The HTML pages (Endpoints/PagesEndpoints.cs) over HTTP: what they show, how they are cached (as the JSON is), their CSP and
/// framing, the embargo — the same 404 page for an édition under embargo and an unknown one, to every caller, signed in too.
/// </summary>
public sealed class PagesTests(LabelsApiFactory factory) : ApiTest(factory)
{
    /// <summary>2021 and 2022 published (Arras 3 then 4 @ with a mention, two fiches in 2022), 2023 under embargo for an hour.</summary>
    internal static async Task<(HttpClient Admin, Guid Arras)> PreparerAsync(ApiTestOutils outils, int laureats2022 = 4, DateTimeOffset? embargo = null)
    {
        var admin = await outils.AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await outils.PublierHistoriqueAsync(admin, 2021, null,
            new Resultat("62041", 3), new Resultat("62498", 4), new Resultat("57059", 2))).StatusCode);
        var autres = await outils.Factory.DansLaBaseAsync(db => db.Communes.Select(c => c.CodeInsee)
            .Where(c => c != "62041" && c != "62498").OrderBy(c => c).Take(laureats2022 - 2).ToListAsync());
        Assert.Equal(HttpStatusCode.Created, (await outils.PublierHistoriqueAsync(admin, 2022, null,
            [new Resultat("62041", 4, ["arobase-verte"], Fiches: 2), new Resultat("62498", 3),
                .. autres.Select((c, i) => new Resultat(c, 1 + i % 5, i % 7 == 0 ? ["arobase-verte"] : null))])).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await outils.PublierHistoriqueAsync(admin, 2023, embargo ?? DateTimeOffset.UtcNow.AddHours(1),
            new Resultat("62498", 5), new Resultat("62041", 5))).StatusCode);
        var arras = await outils.Factory.DansLaBaseAsync(db => db.Collectivites.Where(c => c.CodeInsee == "62041").Select(c => c.Id).SingleAsync());
        return (admin, arras);
    }

    [Fact]
    public async Task Le_palmares_en_page_groupe_les_laureats_et_se_met_en_cache_comme_le_json()
    {
        await PreparerAsync(this);
        var client = Anonyme();
        var reponse = await client.GetAsync("/palmares/2022");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Equal("text/html", reponse.Content.Headers.ContentType?.MediaType);
        var html = WebUtility.HtmlDecode(await reponse.Content.ReadAsStringAsync());
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<html lang=\"fr\">", html);
        Assert.Contains("Arras (62)</a>", html);
        Assert.Contains(">@@@@</span>", html);
        Assert.Contains("Hauts-de-France", html);
        Assert.Contains("Pas-de-Calais", html);
        Assert.Contains("4 lauréats", html);
        Assert.Contains("href=\"/api/v1/editions/2022/palmares.csv\"", html);
        // The mentions by their names in the référentiel, accents included (the release holds only their codes).
        Assert.Contains("Démocratie locale", html);
        Assert.DoesNotContain("Democratie", html);
        Assert.True(reponse.Headers.CacheControl is { Public: true, NoStore: false, MaxAge.TotalSeconds: 10 }, reponse.Headers.CacheControl?.ToString());
        // HEAD, as for every GET: the same headers, no body.
        var tete = await Anonyme().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/palmares/2022"));
        Assert.Equal(HttpStatusCode.OK, tete.StatusCode);
        Assert.Equal(reponse.Headers.ETag, tete.Headers.ETag);
        Assert.Empty(await tete.Content.ReadAsByteArrayAsync());
        var csp = reponse.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.Equal("DENY", reponse.Headers.GetValues("X-Frame-Options").Single());

        var etag = reponse.Headers.ETag!;
        Assert.False(etag.IsWeak);
        using var revalidation = new HttpRequestMessage(HttpMethod.Get, "/palmares/2022");
        revalidation.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidation)).StatusCode);

        // Compressed as the JSON is, each coding with its own strong ETag.
        using var brotli = new HttpRequestMessage(HttpMethod.Get, "/palmares/2022");
        brotli.Headers.AcceptEncoding.ParseAdd("br");
        var comprimee = await client.SendAsync(brotli);
        Assert.Equal("br", comprimee.Content.Headers.ContentEncoding.Single());
        Assert.NotEqual(etag, comprimee.Headers.ETag);
        Assert.Contains("Accept-Encoding", comprimee.Headers.Vary);
        Assert.True((await comprimee.Content.ReadAsByteArrayAsync()).Length < html.Length / 2);

        var version = await client.GetAsync("/palmares/2022?version=1");
        Assert.True(version.Headers.CacheControl is { Public: true, MaxAge.TotalDays: 365 } immuable
            && immuable.Extensions.Any(e => e.Name == "immutable"), version.Headers.CacheControl?.ToString());

        // A filter as a link: fewer laureates; the search is HTML-encoded as any value.
        var filtre = WebUtility.HtmlDecode(await client.GetStringAsync("/palmares/2022?departement=62&arobases=4"));
        Assert.Contains("1 lauréat sur 4", filtre);
        var recherche = await client.GetStringAsync("/palmares/2022?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E");
        Assert.DoesNotContain("<script>", recherche);
        Assert.Contains("&lt;script&gt;", recherche);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/palmares/2022?departement=999")).StatusCode);

        var feuille = await client.GetAsync(html.Split("<link rel=\"stylesheet\" href=\"")[1].Split('"')[0]);
        Assert.Equal(HttpStatusCode.OK, feuille.StatusCode);
        Assert.Equal("text/css", feuille.Content.Headers.ContentType?.MediaType);
        Assert.True(feuille.Headers.CacheControl is { MaxAge.TotalDays: 365 }, feuille.Headers.CacheControl?.ToString());
        // At another digest (an older instance during a rolling update) no cache keeps it under an address naming other bytes.
        Assert.True((await client.GetAsync("/pages/labels.css?v=autre")).Headers.CacheControl is { NoStore: true });
        // If-Modified-Since, as the JSON answers it.
        using var depuis = new HttpRequestMessage(HttpMethod.Get, "/palmares/2022");
        depuis.Headers.IfModifiedSince = reponse.Content.Headers.LastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(depuis)).StatusCode);
    }

    [Fact]
    public async Task Une_edition_sous_embargo_est_la_meme_page_404_qu_une_edition_inconnue_pour_tout_appelant()
    {
        var (admin, _) = await PreparerAsync(this);
        // The staff read the release under embargo in JSON; the page shows what the public sees.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/editions/2023/palmares")).StatusCode);
        // The widget's 404 is the widget's frame (no header for the host's iframe): compared with the widget's for an unknown year.
        var corps = new Dictionary<bool, string>();
        foreach (var widget in new[] { false, true })
        {
            var inconnue = await Anonyme().GetAsync(widget ? "/widget/palmares/2030?departement=62" : "/palmares/2030");
            Assert.Equal(HttpStatusCode.NotFound, inconnue.StatusCode);
            corps[widget] = await inconnue.Content.ReadAsStringAsync();
        }
        Assert.NotEqual(corps[false], corps[true]);
        foreach (var (client, chemin) in new[] { (Anonyme(), "/palmares/2023"), (admin, "/palmares/2023"), (Anonyme(), "/palmares/2023/chiffres"),
                     (admin, "/palmares/2023/chiffres"), (Anonyme(), "/widget/palmares/2023?departement=62") })
        {
            var reponse = await client.GetAsync(chemin);
            Assert.Equal(HttpStatusCode.NotFound, reponse.StatusCode);
            Assert.Equal("text/html", reponse.Content.Headers.ContentType?.MediaType);
            Assert.Equal(corps[chemin.StartsWith("/widget/", StringComparison.Ordinal)], await reponse.Content.ReadAsStringAsync());
            // Kept as the JSON's 404 is: a second at most by a shared cache (the instant is an hour away), never for the staff.
            if (client == admin) Assert.True(reponse.Headers.CacheControl is { Private: true, NoStore: true }, chemin);
            else Assert.True(reponse.Content.Headers.Expires is { } fin && fin > DateTimeOffset.UtcNow.AddSeconds(-1)
                && fin <= DateTimeOffset.UtcNow.AddSeconds(2) && reponse.Headers.CacheControl is null, $"{chemin} : {reponse.Content.Headers.Expires}");
        }
        // A collectivité's page and badge show the public's history too.
        var page = await admin.GetStringAsync("/collectivites/62041");
        Assert.Contains(">2022</a>", page);
        Assert.DoesNotContain(">2023</a>", page);
        Assert.Contains(">@@@@<", await admin.GetStringAsync("/collectivites/62041/badge.svg"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/collectivites/62041/badge.svg?edition=2023")).StatusCode);
        // Arras' two fiches of 2022 fit on page 1: a page past it is a 404, not « no fiche »; a page before the first a 400, as in JSON.
        Assert.Equal(HttpStatusCode.OK, (await Anonyme().GetAsync("/collectivites/62041?edition=2022&page=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonyme().GetAsync("/collectivites/62041?edition=2022&page=2")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Anonyme().GetAsync("/collectivites/62041?edition=2022&page=0")).StatusCode);
    }

    [Fact]
    public async Task Le_badge_est_un_svg_accessible_de_taille_fixe_mis_en_cache_et_le_widget_seul_peut_etre_encadre()
    {
        var (_, arras) = await PreparerAsync(this);
        var client = Anonyme();
        var badge = await client.GetAsync($"/collectivites/{arras}/badge.svg?edition=2021");
        Assert.Equal(HttpStatusCode.OK, badge.StatusCode);
        Assert.Equal("image/svg+xml", badge.Content.Headers.ContentType?.MediaType);
        var svg = System.Xml.Linq.XElement.Parse(await badge.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(("240", "72", "img"), ((string?)svg.Attribute("width"), (string?)svg.Attribute("height"), (string?)svg.Attribute("role")));
        Assert.Contains("2021", svg.Element(ns + "title")!.Value);
        Assert.Contains("@@@", svg.Elements(ns + "text").Select(t => t.Value));
        Assert.True(badge.Headers.CacheControl is { Public: true, NoStore: false, MaxAge.TotalSeconds: 10 }, badge.Headers.CacheControl?.ToString());
        using var revalidation = new HttpRequestMessage(HttpMethod.Get, "/collectivites/62041/badge.svg?edition=2021");
        revalidation.Headers.IfNoneMatch.Add(badge.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidation)).StatusCode);

        var widget = await client.GetAsync("/widget/palmares/2022?departement=62");
        Assert.Equal(HttpStatusCode.OK, widget.StatusCode);
        Assert.Contains("frame-ancestors *", widget.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(widget.Headers.Contains("X-Frame-Options"));
        var html = WebUtility.HtmlDecode(await widget.Content.ReadAsStringAsync());
        Assert.Contains("Arras (62)", html);
        Assert.DoesNotContain("Sarreguemines", html);
        var json = await client.GetAsync("/api/v1/editions/2022/palmares");
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", json.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", json.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task La_page_d_une_collectivite_montre_sa_frise_et_ses_fiches_et_l_index_les_editions_publiees()
    {
        var (_, arras) = await PreparerAsync(this);
        foreach (var id in new[] { "62041", arras.ToString() })
        {
            var page = WebUtility.HtmlDecode(await Anonyme().GetStringAsync($"/collectivites/{id}"));
            Assert.Contains("<h1>Arras", page);
            // One address for search engines, whichever identifier the link used.
            Assert.Contains($"<link rel=\"canonical\" href=\"/collectivites/{arras}\" />", page);
            Assert.Contains("<ol class=\"frise\">", page);
            Assert.Contains("Ses fiches actions 2022", page);
            Assert.Contains("Action 0", page);
            Assert.Contains("Action 1", page);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Anonyme().GetAsync("/collectivites/62193")).StatusCode);
        var index = await Anonyme().GetStringAsync("/palmares");
        Assert.Contains("href=\"/palmares/2022\"", index);
        Assert.Contains("href=\"/palmares/2021\"", index);
        Assert.DoesNotContain("/palmares/2023", index);
        var chiffres = WebUtility.HtmlDecode(await Anonyme().GetStringAsync("/palmares/2022/chiffres"));
        Assert.Equal(4, chiffres.Split("<div class=\"graphique\"").Length - 1);
        Assert.Contains("+33 %", chiffres);
    }

    [Fact]
    public async Task Une_erreur_a_l_adresse_d_une_page_est_une_page_en_francais_quel_que_soit_son_auteur()
    {
        await PreparerAsync(this);
        var perime = Anonyme();
        perime.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "lbl_jeton-revoque");
        // Routing (no route, a refused method), binding (a parameter of the wrong type), the query's checks (repeated, NUL), the
        // filters, a missing page of fiches, the widget's own: each answers with its status, as an HTML page in French.
        var cas = new (HttpMethod Methode, string Chemin, HttpStatusCode Statut, string Texte)[]
        {
            (HttpMethod.Get, "/palmares/abc", HttpStatusCode.NotFound, "Cette page n'existe pas"),
            (HttpMethod.Get, "/palmares/2022/chiffres/plus", HttpStatusCode.NotFound, "Cette page n'existe pas"),
            (HttpMethod.Get, "/pages/autre.css", HttpStatusCode.NotFound, "Cette page n'existe pas"),
            (HttpMethod.Get, "/palmares/2022?version=abc", HttpStatusCode.BadRequest, "version"),
            (HttpMethod.Get, "/palmares/2022?region=32&region=84", HttpStatusCode.BadRequest, "Le paramètre region est donné 2 fois"),
            (HttpMethod.Get, "/palmares/2022?q=a%00b", HttpStatusCode.BadRequest, "Le paramètre q est refusé"),
            (HttpMethod.Get, "/palmares/2022?departement=9999", HttpStatusCode.BadRequest, "Code de département invalide"),
            (HttpMethod.Get, "/palmares/2022?mention=inconnue", HttpStatusCode.BadRequest, "inconnue"),
            (HttpMethod.Get, "/collectivites/62041?page=x", HttpStatusCode.BadRequest, "page"),
            (HttpMethod.Get, "/collectivites/pas-un-code", HttpStatusCode.BadRequest, "Une collectivité se désigne par son identifiant"),
            (HttpMethod.Get, "/collectivites/62041?edition=2022&page=9", HttpStatusCode.NotFound, "Pas de page 9"),
            (HttpMethod.Post, "/palmares/2022", HttpStatusCode.MethodNotAllowed, "GET, HEAD"),
            (HttpMethod.Get, "/widget/palmares/abc", HttpStatusCode.NotFound, "Cette page n'existe pas"),
            (HttpMethod.Get, "/widget/palmares/2022?region=84&departement=62", HttpStatusCode.BadRequest, "Le département « 62 » n'est pas dans la région « 84 »"),
        };
        foreach (var client in new[] { Anonyme(), perime })
            foreach (var (methode, chemin, statut, texte) in cas)
            {
                var reponse = await client.SendAsync(new HttpRequestMessage(methode, chemin));
                var corps = WebUtility.HtmlDecode(await reponse.Content.ReadAsStringAsync());
                var contexte = $"{methode} {chemin} : {(int)reponse.StatusCode} {reponse.Content.Headers.ContentType}\n{corps}";
                Assert.True(statut == reponse.StatusCode, contexte);
                Assert.True(reponse.Content.Headers.ContentType?.MediaType == "text/html", contexte);
                Assert.StartsWith("<!DOCTYPE html>", corps);
                Assert.Contains("<html lang=\"fr\">", corps);
                Assert.True(corps.Contains(texte, StringComparison.Ordinal), contexte);
                var widget = chemin.StartsWith("/widget/", StringComparison.Ordinal);
                // The pages' policy, so that the page's style sheet applies; the widget's errors show in the host's frame too.
                Assert.Contains(widget ? "frame-ancestors *" : "frame-ancestors 'none'", reponse.Headers.GetValues("Content-Security-Policy").Single());
                Assert.Contains("style-src 'self'", reponse.Headers.GetValues("Content-Security-Policy").Single());
                Assert.Equal(widget, !corps.Contains("class=\"bandeau\"", StringComparison.Ordinal));
            }
        // The API keeps its problems: JSON at its addresses, and a dead token is told so there.
        var api = await Anonyme().GetAsync("/api/v1/editions/abc/palmares");
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await perime.GetAsync("/api/v1/editions/2022/palmares")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await perime.GetAsync("/palmares/2022")).StatusCode);
        // A région and a département that cannot go together are refused by every list that takes both, as an unknown code is.
        foreach (var liste in new[] { "/api/v1/editions/2022/palmares", "/api/v1/editions/2022/palmares.csv", "/api/v1/collectivites", "/api/v1/editions/2022/fiches" })
        {
            var refus = await Anonyme().GetAsync($"{liste}?region=84&departement=62");
            Assert.True(HttpStatusCode.BadRequest == refus.StatusCode, $"{liste} : {refus.StatusCode}");
            var probleme = (await refus.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Contains("n'est pas dans la région « 84 » mais dans la région « 32 »", (string)probleme["errors"]!["departement"]![0]!);
            Assert.Equal(HttpStatusCode.OK, (await Anonyme().GetAsync($"{liste}?region=32&departement=62")).StatusCode);
        }

        // The badge is an image in another site's page: its errors are images of the same size, with the status.
        foreach (var (chemin, statut, texte) in new[]
                 {
                     ("/collectivites/00000000-0000-0000-0000-000000000000/badge.svg", HttpStatusCode.NotFound, "Collectivité inconnue"),
                     ("/collectivites/62041/badge.svg?edition=2030", HttpStatusCode.NotFound, "Pas de distinction en 2030"),
                     ("/collectivites/62041/badge.svg?edition=2022&edition=2021", HttpStatusCode.BadRequest, "Requête invalide"),
                     ("/collectivites/62041/badge.svg?edition=%00", HttpStatusCode.BadRequest, "Requête invalide"),
                     ("/collectivites/62041/badge.svg?edition=deux", HttpStatusCode.BadRequest, "Requête invalide"),
                 })
        {
            var badge = await Anonyme().GetAsync(chemin);
            Assert.Equal(statut, badge.StatusCode);
            Assert.Equal("image/svg+xml", badge.Content.Headers.ContentType?.MediaType);
            var svg = XElement.Parse(await badge.Content.ReadAsStringAsync());
            XNamespace ns = "http://www.w3.org/2000/svg";
            Assert.Equal(("240", "72", "img"), ((string?)svg.Attribute("width"), (string?)svg.Attribute("height"), (string?)svg.Attribute("role")));
            Assert.Contains(texte, svg.Elements(ns + "text").Select(t => t.Value));
        }
    }

    [Fact]
    public async Task Chaque_page_a_une_seule_adresse_et_les_autres_ecritures_y_menent()
    {
        await PreparerAsync(this);
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var (demande, canonique) in new[]
                 {
                     ("/palmares/02022", "/palmares/2022"), ("/palmares/2022/", "/palmares/2022"), ("/PALMARES/2022", "/palmares/2022"),
                     ("/palmares/+2022?departement=62", "/palmares/2022?departement=62"), ("/Palmares/2022/Chiffres/", "/palmares/2022/chiffres"),
                     ("/palmares/", "/palmares"), ("/widget/palmares/002022?departement=62", "/widget/palmares/2022?departement=62"),
                     ("/collectivites/62041/", "/collectivites/62041"), ("/collectivites/62041/BADGE.SVG", "/collectivites/62041/badge.svg"),
                     // The query as the page's links write it.
                     ("/palmares/2022?version=01", "/palmares/2022?version=1"), ("/palmares/2022?REGION=32", "/palmares/2022?region=32"),
                     ("/palmares/2022?arobases=%2B4&departement=62", "/palmares/2022?departement=62&arobases=4"), ("/palmares/2022?q=", "/palmares/2022"),
                     ("/palmares/2022?utm_source=x", "/palmares/2022"), ("/widget/palmares/2022?DEPARTEMENT=62", "/widget/palmares/2022?departement=62"),
                     // Path and query in one redirect.
                     ("/PALMARES/02022/?REGION=32", "/palmares/2022?region=32"), ("/widget/palmares/02022/?DEPARTEMENT=62&utm_source=x", "/widget/palmares/2022?departement=62"),
                 })
        {
            var reponse = await client.GetAsync(demande);
            Assert.True(reponse.StatusCode == HttpStatusCode.PermanentRedirect, $"{demande} : {reponse.StatusCode}");
            Assert.Equal(canonique, reponse.Headers.Location?.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(canonique)).StatusCode);
        }
        // A form's own escaping (« + » for a space, a raw apostrophe) is the same address: no redirect.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/palmares/2022?q=l'abergement+cl%C3%A9menciat")).StatusCode);
    }

    [Fact]
    public async Task Les_pages_nomment_les_mentions_du_referentiel_de_l_edition_et_la_recherche_ignore_accents_tirets_et_apostrophes()
    {
        // 2020 (made first: éditions follow each other) adds a mention of its own to its référentiel.
        var admin = await AdminAsync();
        await EditionAsync(admin, 2020, historique: true);
        var referentiel = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/editions/2020/referentiel"))!;
        referentiel["mentions"]!.AsArray().Add(new JsonObject { ["code"] = "prix-du-jury", ["nom"] = "Prix du jury : coup de cœur pour la médiation numérique" });
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync("/api/v1/editions/2020/referentiel", referentiel)).StatusCode);
        // With a Saint-… and a St… (Stains, Strasbourg…) for the search below.
        var (saint, st) = await Factory.DansLaBaseAsync(async db => (
            await db.Communes.Where(c => c.Nom.StartsWith("Saint-")).OrderBy(c => c.CodeInsee).Select(c => new { c.CodeInsee, c.Nom }).FirstAsync(),
            await db.Communes.Where(c => c.Nom.StartsWith("Str")).OrderBy(c => c.CodeInsee).Select(c => new { c.CodeInsee, c.Nom }).FirstAsync()));
        await this.PreparerHistoriqueAsync(admin, 2020, new Resultat("62041", 2, ["prix-du-jury"]), new Resultat("62498", 3),
            new Resultat(saint.CodeInsee, 1), new Resultat(st.CodeInsee, 1));
        Assert.Equal(HttpStatusCode.Created, (await Historiques.PublierAsync(admin, 2020)).StatusCode);
        await PreparerAsync(this);
        foreach (var chemin in new[] { "/palmares/2020", "/palmares/2020/chiffres", "/collectivites/62041", "/widget/palmares/2020?departement=62" })
        {
            var page = WebUtility.HtmlDecode(await Anonyme().GetStringAsync(chemin));
            Assert.True(page.Contains("Prix du jury : coup de cœur pour la médiation numérique", StringComparison.Ordinal), $"{chemin}\n{page}");
            Assert.DoesNotContain("Prix du jury</", page);
        }

        // « St » reads both ways: « Saint » and the first letters of a name.
        var stPage = WebUtility.HtmlDecode(await Anonyme().GetStringAsync("/palmares/2020?q=St"));
        Assert.True(stPage.Contains(">" + saint.Nom + " (", StringComparison.Ordinal) && stPage.Contains(">" + st.Nom + " (", StringComparison.Ordinal)
            && stPage.Contains("2 lauréats sur 4", StringComparison.Ordinal), stPage);

        // A long name is drawn on two lines in the chart (the table has it whole).
        Assert.Contains(">médiation numérique</tspan>", WebUtility.HtmlDecode(await Anonyme().GetStringAsync("/palmares/2020/chiffres")));

        // A laureate named with accents, hyphens or an apostrophe is found however a reader types them.
        var palmares = (await Anonyme().GetFromJsonAsync<JsonObject>("/api/v1/editions/2022/palmares"))!;
        var laureat = palmares["laureats"]!.AsArray().Select(l => l!.AsObject())
            .First(l => ((string)l["nom"]!).Contains('-') && ((string)l["nom"]!).Normalize(NormalizationForm.FormD).Length > ((string)l["nom"]!).Length);
        var nom = (string)laureat["nom"]!;
        var sansAccents = string.Concat(nom.Normalize(NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark));
        foreach (var saisie in new[] { nom, sansAccents.Replace('-', ' ').Replace("'", " ").ToUpperInvariant(), nom.Replace("'", "’").Replace("-", " - "),
                     sansAccents.ToLowerInvariant().Replace('-', '\''), sansAccents.Replace("'", ""),
                     // As the page writes it, copied; its INSEE code; typed in full width.
                     $"{nom} ({laureat["departement"]})", (string)laureat["codeInsee"]!,
                     string.Concat(sansAccents.Select(c => c is >= '!' and <= '~' ? (char)(c + 0xFEE0) : c)) })
        {
            var page = WebUtility.HtmlDecode(await Anonyme().GetStringAsync($"/palmares/2022?q={Uri.EscapeDataString(saisie)}"));
            Assert.True(page.Contains("1 lauréat sur 4", StringComparison.Ordinal) && page.Contains($">{nom} (", StringComparison.Ordinal), $"« {saisie} » pour « {nom} »");
        }
    }
}
