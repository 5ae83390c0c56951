using System.Globalization;
using Labels.Api.Http;
using Labels.Domain.Palmares;
using Microsoft.Net.Http.Headers;

namespace Labels.Api.Publication;

/// <summary>
/// How a palmarès is answered, by its endpoint and by the anonymous fast path alike (Publication/VoieRapidePalmares.cs): its
/// format (JSON or CSV), its coding (brotli, gzip), how long it may be kept, its headers and bytes. The open-data export
/// takes its coding and Vary from here too.
/// </summary>
internal static class ReponsePalmares
{
    private static readonly string[] JsonOuCsv = ["application/json", "text/csv"];
    private static readonly string[] CsvSeul = ["text/csv"];

    /// <summary>
    /// What the client's Accept takes of what a palmarès route serves: JSON or CSV for /palmares, CSV for /palmares.csv;
    /// null when neither (406). Most requests carry no Accept, or <c>*/*</c>: JSON.
    /// </summary>
    internal static string? FormatAccepte(HttpContext http, bool csvParChemin) =>
        http.Request.Headers.Accept.Count == 0 ? JsonOuCsv[csvParChemin ? 1 : 0] : Negociation.Choisir(http.Request, csvParChemin ? CsvSeul : JsonOuCsv);

    /// <summary>The bytes of a palmarès, and of the export, depend on the client's Accept and Accept-Encoding: caches keep one per pair.</summary>
    internal static readonly string VarieSelon = $"{HeaderNames.Accept}, {HeaderNames.AcceptEncoding}";

    /// <summary>
    /// The coding the client prefers among those it accepts (RFC 9110, 12.5.3): the highest quality wins, brotli then
    /// gzip on a tie; identity, unless named, ranks below both. A client that accepts nothing we have gets identity.
    /// </summary>
    internal static Compression CompressionAcceptee(HttpRequest requete)
    {
        var valeurs = requete.Headers.AcceptEncoding;
        if (valeurs.Count == 0 || !StringWithQualityHeaderValue.TryParseList(valeurs, out var codages)) return Compression.Aucune;
        double? Qualite(string nom)
        {
            double? qualite = null;
            foreach (var codage in codages)
                if (codage.Value.Equals(nom, StringComparison.OrdinalIgnoreCase)) qualite = Math.Max(qualite ?? 0, codage.Quality ?? 1);
            return qualite;
        }
        var tout = Qualite("*");
        var brotli = Qualite("br") ?? tout ?? 0;
        var gzip = Qualite("gzip") ?? tout ?? 0;
        var identite = Qualite("identity") ?? tout ?? double.Epsilon;
        if (brotli > 0 && brotli >= gzip && brotli >= identite) return Compression.Brotli;
        if (gzip > 0 && gzip >= identite) return Compression.Gzip;
        return Compression.Aucune;
    }

    /// <summary>
    /// The answer for a visible release: its headers, then 304 when the client's copy is current, else the bytes.
    /// Shared by the endpoint and the anonymous fast path, so both answer alike.
    /// </summary>
    internal static IResult Repondre(HttpContext http, PalmaresPublies.Release release, FiltresPalmares filtres, bool versionDemandee, bool csv,
        PalmaresPublies publies, DateTimeOffset maintenant)
    {
        var representation = publies.Representer(release, filtres, csv, CompressionAcceptee(http.Request));
        var entetes = http.Response.Headers;
        entetes.Vary = VarieSelon;
        entetes.LastModified = release.DerniereModification;
        if (LecturesConditionnelles.CopieAJour(http, representation.ETag, Fraicheur.DePublication(release.Palmares.PublieLe, immuable: versionDemandee, maintenant),
                release.Palmares.PublieLe))
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        if (representation.Codage is { } codage) entetes.ContentEncoding = codage;
        if (csv)
            entetes.ContentDisposition = string.Create(CultureInfo.InvariantCulture,
                $"inline; filename=\"palmares-{release.Palmares.Edition}-v{release.Palmares.Version}.csv\"");
        if (HttpMethods.IsHead(http.Request.Method))
        {
            http.Response.ContentType = representation.TypeDeContenu;
            http.Response.ContentLength = representation.Octets.Length;
            return TypedResults.Ok();
        }
        return TypedResults.Bytes(representation.Octets, representation.TypeDeContenu);
    }
}
