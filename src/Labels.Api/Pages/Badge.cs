using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Labels.Api.Publication;

namespace Labels.Api.Pages;

/// <summary>
/// The badge a laureate shows on its site: the label's name, the édition, its arobases. A neutral design of its own (not the
/// association's logo), a fixed size stated in the SVG, and a title for screen readers. Built as XML, so every text is escaped.
/// </summary>
public static class Badge
{
    public const int Largeur = 240;
    public const int Hauteur = 72;
    public const string TypeSvg = "image/svg+xml; charset=utf-8";

    /// <summary>
    /// Marks the badge's route: what it answers is an image in a site's <c>&lt;img&gt;</c>, its errors too
    /// (Pages/EcrivainDePagesDErreur.cs), so that a site never shows a broken image.
    /// </summary>
    public static readonly object Marque = new MarqueBadge();

    public sealed record MarqueBadge;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static Representation Dessiner(string nom, int edition, int arobases) =>
        Cadre($"{nom} : label Territoires, Villes et Villages Internet {edition}, {Textes.ArobasesEnToutesLettres(arobases)}",
            Texte(10, 56, 22, "bold", "#1f3d7a", Textes.Arobases(arobases)),
            Texte(Largeur - 10, 56, 16, "normal", "#1a1a1a", edition.ToString(CultureInfo.InvariantCulture), fin: true));

    /// <summary>
    /// The same frame, at the same size, when there is no distinction to show (none published, an unknown collectivité, a request
    /// refused): one short line of ours.
    /// </summary>
    public static Representation Absence(string message) =>
        Cadre($"Label Territoires, Villes et Villages Internet : {char.ToLower(message[0], Textes.Francais)}{message[1..]}",
            Texte(10, 52, 13, "normal", "#1a1a1a", message));

    private static XElement Texte(int x, int y, int taille, string poids, string couleur, string texte, bool fin = false) =>
        new(Svg + "text", new XAttribute("x", x), new XAttribute("y", y), new XAttribute("font-family", "DejaVu Sans, Verdana, Arial, sans-serif"),
            new XAttribute("font-size", taille), new XAttribute("font-weight", poids), new XAttribute("fill", couleur),
            fin ? new XAttribute("text-anchor", "end") : null, texte);

    private static Representation Cadre(string titre, params XElement[] contenu)
    {
        var svg = new XElement(Svg + "svg",
            new XAttribute("width", Largeur), new XAttribute("height", Hauteur),
            new XAttribute("viewBox", string.Create(CultureInfo.InvariantCulture, $"0 0 {Largeur} {Hauteur}")),
            new XAttribute("role", "img"), new XAttribute("aria-labelledby", "titre"),
            new XElement(Svg + "title", new XAttribute("id", "titre"), titre),
            new XElement(Svg + "rect", new XAttribute("width", Largeur), new XAttribute("height", Hauteur), new XAttribute("rx", 8), new XAttribute("fill", "#ffffff"),
                new XAttribute("stroke", "#1f3d7a"), new XAttribute("stroke-width", 2)),
            new XElement(Svg + "rect", new XAttribute("x", 1), new XAttribute("y", 1), new XAttribute("width", Largeur - 2), new XAttribute("height", 24),
                new XAttribute("rx", 7), new XAttribute("fill", "#1f3d7a")),
            Texte(10, 17, 10, "bold", "#ffffff", "Territoires, Villes et Villages Internet"),
            contenu);
        var sortie = new MemoryStream();
        using (var ecrivain = XmlWriter.Create(sortie, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true }))
            svg.Save(ecrivain);
        return Representation.De(sortie.ToArray(), TypeSvg);
    }
}
