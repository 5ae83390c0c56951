using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Labels.Api.Documentation;

/// <summary>
/// In an answer every property is present, null or not (the serializer writes them all), so every property of a schema
/// an answer uses is <c>required</c> — but those the serializer leaves out when null (<c>JsonIgnore WhenWritingNull</c>).
/// A generated client then types them as always there, and only the nullable ones as possibly null.
/// </summary>
internal sealed class ReponsesCompletes : ISchemaFilter, IDocumentFilter
{
    /// <summary>Per schema, the JSON names of the properties an answer may leave out.</summary>
    private static readonly ConcurrentDictionary<string, HashSet<string>> Omissibles = new();

    /// <summary>A property an answer of that schema may leave out, said by another filter than its attributes.</summary>
    public static void Omettre(string schema, string propriete) => Omissibles.GetOrAdd(schema, _ => []).Add(propriete);

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        // The framework's problem ignores its members when null; the API always writes them (ProblemesDocumentes).
        if (typeof(Microsoft.AspNetCore.Mvc.ProblemDetails).IsAssignableFrom(context.Type)) return;
        var omises = context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is { Condition: JsonIgnoreCondition.WhenWritingNull or JsonIgnoreCondition.WhenWritingDefault })
            .Select(p => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(p.Name)).ToHashSet();
        if (omises.Count == 0) return;
        Omissibles.GetOrAdd(DependencyInjection.NomDeSchema(context.Type), _ => []).UnionWith(omises);
        // Left out when null, so never written null: absent or a value.
        foreach (var nom in omises)
            if (schema.Properties is { } proprietes && proprietes.TryGetValue(nom, out var sous) && sous is OpenApiSchema propriete
                && propriete.Type is { } type)
                propriete.Type = type & ~JsonSchemaType.Null;
    }

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return;
        var vus = new HashSet<string>();
        var aVoir = new Stack<IOpenApiSchema>();
        foreach (var reponse in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []).SelectMany(o => o.Responses?.Values.AsEnumerable() ?? []))
            foreach (var contenu in reponse.Content?.Values ?? [])
                if (contenu.Schema is { } s) aVoir.Push(s);
        while (aVoir.TryPop(out var schema))
        {
            if (schema is OpenApiSchemaReference reference)
            {
                if (reference.Reference.Id is not { } id || !vus.Add(id) || !schemas.TryGetValue(id, out var cible)) continue;
                if (cible is OpenApiSchema objet && objet.Properties is { Count: > 0 } proprietes)
                {
                    var omises = Omissibles.GetValueOrDefault(id) ?? [];
                    objet.Required = proprietes.Keys.Where(k => !omises.Contains(k)).ToHashSet();
                }
                aVoir.Push(cible);
                continue;
            }
            foreach (var sous in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []))
                aVoir.Push(sous);
            if (schema.Items is { } items) aVoir.Push(items);
            if (schema.AdditionalProperties is { } valeurs) aVoir.Push(valeurs);
        }
    }
}
