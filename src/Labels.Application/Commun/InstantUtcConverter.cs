using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Labels.Application.Commun;

/// <summary>
/// Instants go out in UTC with a `Z` (docs/contrat.md), whatever offset they were stored with; they come in as ISO 8601 with their
/// offset (`Z` or `+01:00`), which is applied: an instant without one would be read in the server's time zone, and a culture's
/// way of writing one (`01/02/2023 10:00:00Z`, month or day first?) is refused rather than guessed.
/// </summary>
public sealed class InstantUtcConverter : JsonConverter<DateTimeOffset>
{
    public const string Refus = "Un instant s'écrit en ISO 8601 avec son fuseau : 2022-02-03T14:00:00Z ou 2022-02-03T15:00:00+01:00.";

    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    /// <summary>An ISO 8601 instant with its offset, in UTC; false for anything else.</summary>
    public static bool Lire(string? texte, out DateTimeOffset instant)
    {
        instant = default;
        // RFC 3339 allows a lowercase t and z, which the format's K and 'T' do not read.
        texte = texte?.ToUpperInvariant();
        if (texte is null || texte.Length < 17
            || !(texte.EndsWith('Z') || texte.Length > 6 && texte[^6] is '+' or '-' && texte[^3] == ':')
            || !DateTimeOffset.TryParseExact(texte, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var lu))
            return false;
        instant = lu.ToUniversalTime();
        return true;
    }

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Lire(reader.GetString(), out var instant)
            ? instant
            : throw new ValeurJsonRefusee(Refus);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
