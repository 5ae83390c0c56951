using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Labels.Application.Commun;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// The strings of an import: no NUL (PostgreSQL cannot store it in text, see <see cref="ChaineSansNul"/>), no U+FFFD either,
/// which is what a conversion puts where it lost a character: the file is not the original any more. A string refused is a
/// <see cref="ValeurJsonRefusee"/> with the caller's words, which the readers tell from the serializer's refusals by its type.
/// </summary>
internal sealed class ChaineImportee : JsonConverter<string>
{
    public const string Nul = "Le caractère NUL n'est pas permis.";

    public const string Remplacement =
        "Le caractère de remplacement U+FFFD n'est pas permis : le fichier a perdu des caractères lors d'une conversion antérieure ; "
        + "repartez du fichier d'origine.";

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? valeur;
        try
        {
            valeur = reader.GetString();
        }
        catch (InvalidOperationException) when (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped && Utf8Valide(ref reader))
        {
            // Making text of a string fails on bytes that are no UTF-8 or on an escape of half a surrogate pair (Utf8JsonReader.GetString):
            // its bytes are valid, so it is the latter. Bytes that are no UTF-8 go on as the serializer's refusal, whose line LecteurJson names.
            throw new ValeurJsonRefusee(MessagesJson.DemiCaractere);
        }
        if (valeur is not null && valeur.AsSpan().IndexOfAny('\0', '\uFFFD') is var i and >= 0)
            throw new ValeurJsonRefusee(valeur[i] == '\0' ? Nul : Remplacement);
        return valeur;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    private static bool Utf8Valide(ref Utf8JsonReader reader) =>
        reader.HasValueSequence ? Utf8.IsValid(reader.ValueSequence.ToArray()) : Utf8.IsValid(reader.ValueSpan);
}
