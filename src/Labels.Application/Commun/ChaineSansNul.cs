using System.Text.Json;
using System.Text.Json.Serialization;

namespace Labels.Application.Commun;

/// <summary>
/// Refuses the NUL character in JSON strings: PostgreSQL cannot store it in text, and no field of
/// the domain has a use for it. The caller gets a 400 naming the property.
/// </summary>
public sealed class ChaineSansNul : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var valeur = reader.GetString();
        if (valeur is not null && valeur.Contains('\0', StringComparison.Ordinal))
            throw new ValeurJsonRefusee("Le caractère NUL (\\u0000) n'est pas permis.");
        return valeur;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>For messages that quote what a caller sent.</summary>
    public static string Visible(string texte) => texte.Replace("\0", "\\u0000", StringComparison.Ordinal);
}

/// <summary>A value our converters refuse, with a message for the caller (the serializer's own are English and vague).</summary>
public sealed class ValeurJsonRefusee(string message) : JsonException(message);
