using System.Text.Json;
using System.Text.Json.Serialization;
using Labels.Application.Commun;

namespace Labels.Api;

/// <summary>
/// Closed sets (categorie, statut, qualite…) read as the document writes them, and only so: the camelCase name, exactly.
/// The framework's converter would also take <c>"EXPERT"</c> or <c>"Evaluation"</c>, which the document's enums do not list, so
/// that a client's typo worked by chance against this API and fails against its own types. A value outside the set is a
/// 400 naming the field and the values it takes.
/// </summary>
internal sealed class EnumerationsStrictes : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Stricte<>).MakeGenericType(typeToConvert))!;

    private sealed class Stricte<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ParNom =
            Enum.GetValues<T>().ToDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.Ordinal);

        private static readonly Dictionary<T, string> Noms = ParNom.ToDictionary(p => p.Value, p => p.Key);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var texte = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            return texte is not null && ParNom.TryGetValue(texte, out var valeur)
                ? valeur
                : throw new ValeurJsonRefusee($"valeurs permises : {string.Join(", ", ParNom.Keys)}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Nom(value));

        // As the key of a map, the same names.
        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Read(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(Nom(value));

        private static string Nom(T value) => Noms.TryGetValue(value, out var nom) ? nom : JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
    }
}
