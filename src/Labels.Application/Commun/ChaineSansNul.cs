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

    /// <summary>What a caller sent, quoted in a message: visible (<see cref="Visible"/>), and short.</summary>
    public static string Citer(string texte)
    {
        var visible = Visible(texte);
        return visible.Length <= 60 ? visible : visible[..60] + "…";
    }

    /// <summary>
    /// For messages that quote what a caller sent: NUL and the other control characters, U+FFFD and a half of a surrogate pair
    /// are written as JSON writes them escaped (<c>\u0000</c>, <c>\uFFFD</c>), so that the message shows them rather than holds
    /// them. A message holding U+FFFD would pass on the loss it is about; a lone half is written as U+FFFD by the JSON writer.
    /// </summary>
    public static string Visible(string texte)
    {
        System.Text.StringBuilder? visible = null;
        for (var i = 0; i < texte.Length; i++)
        {
            var c = texte[i];
            if (char.IsHighSurrogate(c) && i + 1 < texte.Length && char.IsLowSurrogate(texte[i + 1]))
            {
                visible?.Append(c).Append(texte[i + 1]);
                i++;
            }
            else if (char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD')
                (visible ??= new System.Text.StringBuilder(texte.Length + 16).Append(texte, 0, i)).Append($"\\u{(int)c:X4}");
            else visible?.Append(c);
        }
        return visible?.ToString() ?? texte;
    }
}

/// <summary>A value our converters refuse, with a message for the caller (the serializer's own are English and vague).</summary>
public sealed class ValeurJsonRefusee(string message) : JsonException(message);
