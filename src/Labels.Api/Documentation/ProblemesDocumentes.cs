using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Labels.Api.Documentation;

/// <summary>
/// A problem as the API writes every one (Erreurs/TitresFrancais, EcrivainDeProblemes): <c>type</c>, <c>title</c>,
/// <c>status</c>, <c>detail</c> and <c>traceId</c> always, never null; <c>errors</c>, field → messages, on a 400 (always on a
/// validation problem); nothing else. A generated client reads each member as what it is, and tells the field of a 400
/// without a cast.
/// </summary>
internal sealed class ProblemesDocumentes : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema objet || !typeof(ProblemDetails).IsAssignableFrom(context.Type)
            && !typeof(HttpValidationProblemDetails).IsAssignableFrom(context.Type)) return;
        var validation = typeof(HttpValidationProblemDetails).IsAssignableFrom(context.Type);
        static OpenApiSchema Texte(string description, string? format = null) =>
            new() { Type = JsonSchemaType.String, Format = format, Description = description };
        objet.Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Texte("La section de la RFC qui définit le statut.", "uri"),
            ["title"] = Texte("Le statut, en français."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "Le statut HTTP." },
            ["detail"] = Texte("Ce qui ne va pas, en français."),
            ["traceId"] = Texte("L'identifiant de la requête dans les journaux du serveur."),
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Champ ou paramètre → messages (un 400 nomme toujours le sien ; requete pour la requête entière).",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = Texte("Un message.") },
            },
        };
        objet.Required = new HashSet<string>(validation ? ["type", "title", "status", "detail", "traceId", "errors"] : ["type", "title", "status", "detail", "traceId"]);
        if (!validation) ReponsesCompletes.Omettre(DependencyInjection.NomDeSchema(context.Type), "errors");
        objet.AdditionalPropertiesAllowed = false;
        objet.AdditionalProperties = null;
    }
}
