using System.Text.RegularExpressions;

namespace Labels.Domain.Commun;

/// <summary>Shape checks of the official codes; whether the code exists is the COG's business.</summary>
public static partial class CodesOfficiels
{
    // Corsica kept letters (2A, 2B) when it was split in 1976; overseas communes start with 97. The patterns are also the
    // OpenAPI document's (Api/Documentation/ParametresDocumentes.cs): what it says is what is checked.
    public const string MotifCodeInsee = "^(?:[0-9]{2}|2[AB])[0-9]{3}$";
    public const string MotifDepartement = "^(?:[0-9]{2}|2[AB]|9[78][0-9])$";
    public const string MotifRegion = "^[0-9]{2,3}$";
    public const string MotifSiren = "^[0-9]{9}$";

    [GeneratedRegex(MotifCodeInsee, RegexOptions.CultureInvariant)]
    private static partial Regex CodeInseeRegex();

    public static bool EstCodeInseeValide(string? code) => code is not null && CodeInseeRegex().IsMatch(code);

    // Départements: two digits, 2A and 2B, three for the overseas ones (971 to 976, and the collectivités 975 to 989 the COG lists).
    [GeneratedRegex(MotifDepartement, RegexOptions.CultureInvariant)]
    private static partial Regex DepartementRegex();

    public static bool EstDepartementValide(string? code) => code is not null && DepartementRegex().IsMatch(code);

    // Régions: two digits, three for the overseas collectivités (975, 977, 978, 984, 986 to 989).
    [GeneratedRegex(MotifRegion, RegexOptions.CultureInvariant)]
    private static partial Regex RegionRegex();

    public static bool EstRegionValide(string? code) => code is not null && RegionRegex().IsMatch(code);

    public const string MessageDepartement = "Code de département invalide : 2 chiffres, 2A, 2B, ou 3 chiffres outre-mer (971, 987).";

    public const string MessageRegion = "Code de région invalide : 2 ou 3 chiffres.";

    /// <summary>A SIREN is nine digits whose last one is a Luhn check digit.</summary>
    public static bool EstSirenValide(string? siren)
    {
        if (siren is null || siren.Length != 9) return false;
        var somme = 0;
        for (var i = 0; i < 9; i++)
        {
            var c = siren[i];
            if (c is < '0' or > '9') return false;
            var chiffre = c - '0';
            // From the right, every second digit is doubled: in a 9-digit number those are the even positions from the left (1-based).
            if (i % 2 == 1)
            {
                chiffre *= 2;
                if (chiffre > 9) chiffre -= 9;
            }
            somme += chiffre;
        }
        return somme % 10 == 0;
    }
}
