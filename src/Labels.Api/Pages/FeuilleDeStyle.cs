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

    public static readonly string Chemin = "/pages/labels.css?v=" + Contenu.ETag.Trim('"')[..12];

    private static Representation Charger()
    {
        using var flux = typeof(FeuilleDeStyle).Assembly.GetManifestResourceStream("Labels.Api.Pages.labels.css")
            ?? throw new InvalidOperationException("Feuille de style absente de l'assemblage.");
        using var copie = new MemoryStream();
        flux.CopyTo(copie);
        return Representation.De(copie.ToArray(), TypeCss);
    }
}
