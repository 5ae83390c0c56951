using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Labels.Api;

/// <summary>
/// Instants go out in UTC with a `Z` (docs/contrat.md), whatever offset they were stored with; they come in with their
/// offset (`Z` or `+01:00`), which is applied: an instant without one would be read in the server's time zone.
/// </summary>
internal sealed class InstantUtcConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var texte = reader.GetString();
        if (texte is null || texte.Length < 20
            || !(texte.EndsWith('Z') || texte.EndsWith('z') || texte[^6] is '+' or '-' && texte[^3] == ':')
            || !DateTimeOffset.TryParse(texte, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            throw new Application.Commun.ValeurJsonRefusee("Un instant s'écrit en ISO 8601 avec son fuseau : 2022-02-03T14:00:00Z ou 2022-02-03T15:00:00+01:00.");
        return instant.ToUniversalTime();
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
