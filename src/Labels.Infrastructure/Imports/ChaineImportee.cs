using System.Text.Json;
using System.Text.Json.Serialization;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// The strings of an import: no NUL (PostgreSQL cannot store it in text, see <see cref="Application.Commun.ChaineSansNul"/>),
/// no U+FFFD either, which is what a conversion puts where it lost a character: the file is not the original any more.
/// </summary>
internal sealed class ChaineImportee : JsonConverter<string>
{
    public const string Remplacement =
        "Le caractère de remplacement U+FFFD n'est pas permis : le fichier a perdu des caractères lors d'une conversion antérieure ; "
        + "repartez du fichier d'origine.";

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var valeur = reader.GetString();
        if (valeur is not null && valeur.AsSpan().IndexOfAny('\0', '\uFFFD') is var i and >= 0)
            throw new JsonException(valeur[i] == '\0' ? "Le caractère NUL (\\u0000) n'est pas permis." : "Caractère U+FFFD.");
        return valeur;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
