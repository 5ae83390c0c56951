using System.Text.Json;
using System.Text.Json.Serialization;

namespace Labels.Application.Commun;

/// <summary>
/// The characters no string may hold, whatever brought it (a JSON body, a query string, an imported file), and the JSON
/// converter that refuses them in bodies: NUL, which PostgreSQL cannot store in text and no field of the domain has a use
/// for; U+FFFD, which a conversion writes where it lost a character, so that the text is no longer what its author wrote
/// (docs/import.md, Encodings). The caller gets a 400 naming the property.
/// </summary>
public sealed class ChaineSansNul : JsonConverter<string>
{
    public const string Nul = "Le caractère NUL (\\u0000) n'est pas permis.";

    public const string Remplacement = "Le caractère de remplacement U+FFFD n'est pas permis : le texte a perdu des caractères lors "
        + "d'une conversion antérieure ; repartez du texte d'origine.";

    /// <summary>Why this text is refused, or null.</summary>
    public static string? Refus(ReadOnlySpan<char> texte) => texte.IndexOfAny('\0', '\uFFFD') is var i and >= 0
        ? texte[i] == '\0' ? Nul : Remplacement
        : null;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var valeur = reader.GetString();
        if (valeur is not null && Refus(valeur) is { } refus) throw new ValeurJsonRefusee(refus);
        return valeur;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>For messages that quote what a caller sent.</summary>
    public static string Visible(string texte) => texte.Replace("\0", "\\u0000", StringComparison.Ordinal);
}

/// <summary>A value our converters refuse, with a message for the caller (the serializer's own are English and vague).</summary>
public sealed class ValeurJsonRefusee(string message) : JsonException(message);
