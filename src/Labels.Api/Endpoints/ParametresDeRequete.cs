using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;

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

    public static bool EssayerEnum<T>(string valeur, out T resultat) where T : struct, System.Enum
    {
        foreach (var candidat in System.Enum.GetValues<T>())
            if (string.Equals(JsonNamingPolicy.CamelCase.ConvertName(candidat.ToString()), valeur, StringComparison.OrdinalIgnoreCase))
            {
                resultat = candidat;
                return true;
            }
        resultat = default;
        return false;
    }
}
