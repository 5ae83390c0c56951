using Labels.Api.Publication;

namespace Labels.Api.Pages;

/// <summary>
/// The pages' one style sheet, shipped inside the assembly and served by the API itself: the pages' CSP allows styles from
/// their own origin only (no inline style). Its address carries a digest of its bytes, so it may be kept a year.
/// </summary>
public static class FeuilleDeStyle
{
    public const string TypeCss = "text/css; charset=utf-8";

    public static readonly Representation Contenu = Charger();

    private static readonly string Empreinte = Contenu.ETag.Trim('"')[..12];

    public static readonly string Chemin = "/pages/labels.css?v=" + Empreinte;

    /// <summary>
    /// A year at the address of these bytes only. At another (an instance still running the previous sheet, asked by a page of a
    /// newer one during a rolling update), the sheet is served but kept by no cache: it would otherwise stay a year under an address
    /// that names other bytes. Without a digest, as long as the other pages.
    /// </summary>
    public static string CacheControl(string? empreinte) => empreinte == Empreinte ? "public, max-age=31536000, immutable"
        : empreinte is null ? Publication.Fraicheur.Dernier : "no-store";

    private static Representation Charger()
    {
        using var flux = typeof(FeuilleDeStyle).Assembly.GetManifestResourceStream("Labels.Api.Pages.labels.css")
            ?? throw new InvalidOperationException("Feuille de style absente de l'assemblage.");
        using var copie = new MemoryStream();
        flux.CopyTo(copie);
        return Representation.De(copie.ToArray(), TypeCss);
    }
}
