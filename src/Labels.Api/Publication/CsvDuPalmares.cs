using System.Globalization;
using System.Text;
using System.Text.Json;
using Labels.Application.Palmares;
using nietras.SeparatedValues;

namespace Labels.Api.Publication;

/// <summary>The palmarès as a CSV file: one release (GET …/palmares.csv) or several one after the other (the open-data export).</summary>
public static class CsvDuPalmares
{
    /// <summary>
    /// CSV as French spreadsheets expect it: UTF-8 with BOM, `;`, one line per laureate, the édition,
    /// version, publication instant and licence on every line.
    /// </summary>
    public static byte[] Ecrire(PalmaresDto p) => Ecrire([p]);

    /// <summary>
    /// Several releases in one CSV, one after the other, with the palmarès' columns and conventions: each line says which
    /// édition and version it comes from, so the file can be read line by line (the open-data export).
    /// </summary>
    public static byte[] Ecrire(IReadOnlyList<PalmaresDto> releases)
    {
        using var flux = new MemoryStream();
        flux.Write(Encoding.UTF8.Preamble);
        using (var texte = new StreamWriter(flux, new UTF8Encoding(false), leaveOpen: true))
        using (var ecrivain = Sep.New(';').Writer(o => o with { Escape = true }).To(texte))
        {
            // Sep writes the header with the first row: an empty selection still gets its header.
            if (releases.All(p => p.Laureats.Count == 0)) texte.Write(string.Join(';', Colonnes) + "\n");
            foreach (var p in releases)
                EcrireLignes(ecrivain, p);
        }
        return flux.ToArray();
    }

    private static void EcrireLignes(SepWriter ecrivain, PalmaresDto p)
    {
        var publieLe = p.PublieLe.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
        foreach (var l in p.Laureats)
        {
            using var ligne = ecrivain.NewRow();
            ligne["edition"].Format(p.Edition);
            ligne["version"].Format(p.Version);
            ligne["publieLe"].Set(publieLe);
            ligne["licence"].Set(p.Licence);
            ligne["collectiviteId"].Set(l.CollectiviteId.ToString());
            ligne["codeInsee"].Set(l.CodeInsee ?? "");
            ligne["siren"].Set(l.Siren ?? "");
            ligne["nom"].Set(Neutraliser(l.Nom));
            ligne["type"].Set(JsonNamingPolicy.CamelCase.ConvertName(l.Type.ToString()));
            ligne["categorie"].Set(JsonNamingPolicy.CamelCase.ConvertName(l.Categorie.ToString()));
            ligne["departement"].Set(l.Departement ?? "");
            ligne["region"].Set(l.Region ?? "");
            ligne["population"].Format(l.Population);
            ligne["arobases"].Format(l.Arobases);
            ligne["mentions"].Set(Neutraliser(string.Join('|', l.Mentions)));
            ligne["tenAttribueEn"].Set(l.TerritoireExcellenceNumerique?.AttribueEn.ToString(CultureInfo.InvariantCulture) ?? "");
            ligne["tenValableJusquEn"].Set(l.TerritoireExcellenceNumerique?.ValableJusquEn.ToString(CultureInfo.InvariantCulture) ?? "");
        }
    }

    public static readonly string[] Colonnes =
    [
        "edition", "version", "publieLe", "licence", "collectiviteId", "codeInsee", "siren", "nom", "type", "categorie", "departement",
        "region", "population", "arobases", "mentions", "tenAttribueEn", "tenValableJusquEn",
    ];

    /// <summary>A cell a spreadsheet would take for a formula (=, +, -, @, tab, CR) is prefixed with a quote.</summary>
    public static string Neutraliser(string valeur) =>
        valeur.Length > 0 && valeur[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + valeur : valeur;
}
