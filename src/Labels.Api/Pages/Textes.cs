using System.Globalization;
using System.Text.Json;
using Labels.Application.Palmares;
using Labels.Domain.Collectivites;

namespace Labels.Api.Pages;

/// <summary>How the pages write the domain's values in French, as the press does: « Arras (62) @@@ ».</summary>
public static class Textes
{
    public static readonly CultureInfo Francais = CultureInfo.GetCultureInfo("fr-FR");

    public static string Categorie(Categorie c) => c switch
    {
        Domain.Collectivites.Categorie.Village => "Villages",
        Domain.Collectivites.Categorie.Ville => "Villes",
        _ => "Intercommunalités",
    };

    public static string CategorieAuSingulier(Categorie c) => c switch
    {
        Domain.Collectivites.Categorie.Village => "Village",
        Domain.Collectivites.Categorie.Ville => "Ville",
        _ => "Intercommunalité",
    };

    /// <summary>The value the query takes (camelCase, as the JSON route's).</summary>
    public static string CodeCategorie(Categorie c) => JsonNamingPolicy.CamelCase.ConvertName(c.ToString());

    public static string Arobases(int n) => new('@', n);

    public static string ArobasesEnToutesLettres(int n) => n == 1 ? "1 arobase" : $"{n} arobases";

    /// <summary>
    /// A mention as a reader reads it: its name in the référentiel of the release's édition (PalmaresPublies.Release.Mentions:
    /// « democratie-locale » → « Démocratie locale », and the names of the mentions an édition added); a code the référentiel no
    /// longer has, from the code itself (« prix-special » → « Prix special »).
    /// </summary>
    public static string Mention(string code, IReadOnlyDictionary<string, string>? noms) => noms?.GetValueOrDefault(code) is { } nom ? nom
        : code.Length == 0 ? code : char.ToUpper(code[0], Francais) + code[1..].Replace('-', ' ');

    public static string Instant(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Paris).ToString("d MMMM yyyy 'à' HH:mm", Francais)
        + (Paris == TimeZoneInfo.Utc ? " (UTC)" : " (heure de Paris)");

    public static string Nombre(long n) => n.ToString("N0", Francais);

    public static string Laureats(int n) => n > 1 ? $"{Nombre(n)} lauréats" : $"{n} lauréat";

    public static string Numero(int numero) => numero == 1 ? "1re" : $"{numero}e";

    /// <summary>« Arras (62) » — the name and the département, as the press writes a laureate.</summary>
    public static string NomEtDepartement(LaureatDto l) => l.Departement is { } d ? $"{l.Nom} ({d})" : l.Nom;

    private static readonly TimeZoneInfo Paris = TrouverParis();

    private static TimeZoneInfo TrouverParis()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
