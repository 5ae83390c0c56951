using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Labels.Domain.Collectivites;

namespace Labels.Api.Endpoints;

/// <summary>
/// Query-string enums read with the same camelCase names as the JSON bodies (`categorie=village`);
/// minimal APIs would only accept the C# names.
/// </summary>
internal static class ParametresDeRequete
{
    public static T? Enum<T>(string? valeur, string nom) where T : struct, System.Enum
    {
        if (string.IsNullOrEmpty(valeur)) return null;
        if (EssayerEnum<T>(valeur, out var connu)) return connu;
        var permises = string.Join(", ", System.Enum.GetValues<T>().Select(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString())));
        throw new ValidationException([new ValidationFailure(nom, $"Valeur inconnue « {valeur} » ; valeurs possibles : {permises}.")]);
    }

    /// <summary>
    /// A collectivité named in a route (<c>/collectivites/{id}</c>): its UUID, COG code or SIREN; anything else is a 400 naming
    /// the parameter. Whether it exists is the use case's business (404).
    /// </summary>
    public static IdentifiantCollectivite Collectivite(string valeur, string nom)
    {
        if (IdentifiantCollectivite.EssayerLire(valeur, out var identifiant)) return identifiant;
        throw new ValidationException([new ValidationFailure(nom, "Une collectivité se désigne par son identifiant (UUID), son code INSEE "
            + "(commune : 5 caractères, 2 chiffres ou 2A, 2B, puis 3 chiffres) ou son SIREN (9 chiffres dont une clé de Luhn).")]);
    }

    /// <summary>A value of a closed set, written exactly as the document lists it (camelCase), as JSON bodies take it (EnumerationsStrictes).</summary>
    public static bool EssayerEnum<T>(string valeur, out T resultat) where T : struct, System.Enum
    {
        foreach (var candidat in System.Enum.GetValues<T>())
            if (string.Equals(JsonNamingPolicy.CamelCase.ConvertName(candidat.ToString()), valeur, StringComparison.Ordinal))
            {
                resultat = candidat;
                return true;
            }
        resultat = default;
        return false;
    }
}
