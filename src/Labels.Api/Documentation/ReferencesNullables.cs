using System.Reflection;
using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Labels.Api.Documentation;

/// <summary>
/// A property whose type is another schema (a reference) and that may be null — a laureate's
/// <c>territoireExcellenceNumerique</c>, say — is written <c>oneOf: [reference, null]</c>: a reference alone says it is
/// always an object, and a client generated from it would not expect the null it receives.
/// </summary>
internal sealed class ReferencesNullables : ISchemaFilter
{
    private static readonly NullabilityInfoContext Nullabilite = new();

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema objet || objet.Properties is null) return;
        foreach (var propriete in context.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var nom = JsonNamingPolicy.CamelCase.ConvertName(propriete.Name);
            if (!objet.Properties.TryGetValue(nom, out var sous) || sous is not OpenApiSchemaReference reference) continue;
            var nullable = Nullable.GetUnderlyingType(propriete.PropertyType) is not null
                || (!propriete.PropertyType.IsValueType && Nullabilite.Create(propriete).ReadState == NullabilityState.Nullable);
            if (nullable) objet.Properties[nom] = new OpenApiSchema { OneOf = [reference, new OpenApiSchema { Type = JsonSchemaType.Null }] };
        }
    }
}
