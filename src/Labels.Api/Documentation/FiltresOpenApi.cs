using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Labels.Api.Documentation;

/// <summary>Documents, per operation, whether a bearer token is needed and which policy applies.</summary>
internal sealed class SecuriteOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadonnees = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadonnees.OfType<IAllowAnonymous>().Any())
        {
            operation.Description = (operation.Description + "\n\nAccès : tout le monde.").Trim();
            // Said explicitly, so that a reader (or a generated client) knows no token is sent.
            operation.Security = [];
            return;
        }
        var politiques = metadonnees.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().Distinct().ToArray();
        operation.Description = (operation.Description + $"\n\nAccès : {(politiques.Length == 0 ? "authentifié" : string.Join(", ", politiques))}.").Trim();
        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference("bearer", context.Document)] = [],
        });
    }
}

/// <summary>
/// The import route reads its body itself (streamed JSON or CSV); routing-level content-type metadata
/// would turn other types into the catch-all's 404, so the body is described here for the document only.
/// </summary>
internal sealed class CorpsImportOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId != "ImporterDossiers") return;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "JSON { \"dossiers\": [ … ] } ou CSV (UTF-8, en-tête, séparateur , ou ;), selon Content-Type.",
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/json"] = new OpenApiMediaType(),
                ["text/csv"] = new OpenApiMediaType(),
            },
        };
    }
}
