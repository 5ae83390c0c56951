namespace Labels.Api.Tests.Outils;

/// <summary>Request bodies and parameters built from the served OpenAPI document, as a generated client would send them.</summary>
public static class CorpsDuDocument
{
    /// <summary>A value that the schema accepts (required members, first enum value, bounds, patterns we know).</summary>
    public static JsonNode? Valeur(JsonNode schema, JsonObject document, Random hasard, int profondeur)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
            return Valeur(document["components"]!["schemas"]![reference.Split('/')[^1]]!, document, hasard, profondeur);
        if (schema["oneOf"] is JsonArray oneOf && schema["properties"] is null) return Valeur(oneOf.First(s => s!["type"]?.ToString() != "null")!, document, hasard, profondeur);
        if (schema["enum"] is JsonArray valeurs) return valeurs[hasard.Next(valeurs.Count)]!.DeepClone();
        var type = schema["type"] switch
        {
            JsonArray types => types.Select(t => t!.GetValue<string>()).First(t => t != "null"),
            JsonValue t => t.GetValue<string>(),
            _ => schema["properties"] is not null ? "object" : "string",
        };
        switch (type)
        {
            case "object":
                var objet = new JsonObject();
                if (profondeur > 4) return objet;
                var requis = schema["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
                var exclus = new HashSet<string>();
                // Members of which exactly one is given: one alternative, its member required and the other left out.
                if (schema["oneOf"] is JsonArray alternatives && alternatives[hasard.Next(alternatives.Count)] is JsonObject alternative)
                {
                    requis.UnionWith(alternative["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []);
                    exclus.UnionWith(alternative["properties"]?.AsObject().Where(p => p.Value?["type"]?.ToString() == "null").Select(p => p.Key) ?? []);
                }
                foreach (var (nom, sous) in schema["properties"]?.AsObject() ?? [])
                    if (!exclus.Contains(nom) && (requis.Contains(nom) || hasard.Next(3) > 0)) objet[nom] = Valeur(sous!, document, hasard, profondeur + 1);
                if (schema["additionalProperties"] is JsonObject valeursLibres && schema["properties"] is null)
                    objet["global"] = Valeur(valeursLibres, document, hasard, profondeur + 1);
                return objet;
            case "array":
                if (profondeur > 4) return new JsonArray();
                var nombre = schema["minItems"] is JsonNode n ? n.GetValue<int>() : 1;
                var elements = new JsonArray();
                for (var i = 0; i < nombre; i++)
                    elements.Add(schema["items"]?["type"]?.ToString() == "number" ? JsonValue.Create(20 * (i + 1)) : Valeur(schema["items"]!, document, hasard, profondeur + 1));
                return elements;
            case "integer":
            case "number":
                var minimum = schema["minimum"] is JsonNode min ? long.Parse(min.ToString()) : 1;
                return JsonValue.Create(minimum);
            case "boolean":
                return JsonValue.Create(hasard.Next(2) == 0);
            default:
                return JsonValue.Create((schema["format"]?.GetValue<string>(), schema["pattern"]?.GetValue<string>()) switch
                {
                    ("uuid", _) => Guid.NewGuid().ToString(),
                    ("date", _) => "2021-03-01",
                    (_, { } motif) when motif.Contains("[0-9]{4}-[0-9]{2}-[0-9]{2}", StringComparison.Ordinal) => "2021-03-01",
                    ("date-time", _) => DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
                    ("email", _) => $"contrat-{hasard.Next(1_000_000)}@test.labels",
                    ("uri", _) => "https://exemple.fr/action",
                    (_, "^[a-z0-9]+(?:-[a-z0-9]+)*$") => "services-publics",
                    (_, { } motif) when motif.StartsWith("^(?=", StringComparison.Ordinal) => "Mot-de-passe-valide-1",
                    (_, Domain.Commun.CodesOfficiels.MotifCodeInsee) => "62041",
                    (_, Domain.Commun.CodesOfficiels.MotifSiren) => "200033579",
                    (_, "^[0-9]{2}$" or Domain.Commun.CodesOfficiels.MotifRegion) => "32",
                    (_, Domain.Commun.CodesOfficiels.MotifDepartement) => "62",
                    _ => "Texte " + hasard.Next(1000),
                });
        }
    }
}
