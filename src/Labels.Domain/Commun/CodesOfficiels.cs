using System.Text.RegularExpressions;

namespace Labels.Domain.Commun;

/// <summary>Shape checks of the official codes; whether the code exists is the COG's business.</summary>
public static partial class CodesOfficiels
{
    // Corsica kept letters (2A, 2B) when it was split in 1976; overseas communes start with 97.
    [GeneratedRegex("^(?:[0-9]{2}|2[AB])[0-9]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeInseeRegex();

    public static bool EstCodeInseeValide(string? code) => code is not null && CodeInseeRegex().IsMatch(code);

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
