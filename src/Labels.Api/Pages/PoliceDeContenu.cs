namespace Labels.Api.Pages;

/// <summary>
/// The Content-Security-Policy of a route that serves HTML or SVG (endpoint metadata read by
/// <see cref="Securite.Protections.UseEntetesDeSecurite"/>): no script at all, styles from the served style sheet only.
/// The widget's route alone may be framed by another site.
/// </summary>
public sealed record PoliceDeContenu(string Valeur, bool CadrageOuvert)
{
    private const string Base = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'";

    public static readonly PoliceDeContenu Page = new(Base + "; frame-ancestors 'none'", CadrageOuvert: false);

    /// <summary>The widget is made to be put in an iframe of any site.</summary>
    public static readonly PoliceDeContenu Widget = new(Base + "; frame-ancestors *", CadrageOuvert: true);
}
