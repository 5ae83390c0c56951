using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Labels.Api.Securite;

/// <summary>Documents, per operation, whether a bearer token is needed and which policy applies.</summary>
internal sealed class SecuriteOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadonnees = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        if (metadonnees.OfType<IAllowAnonymous>().Any())
        {
            operation.Description = (operation.Description + "\n\nAccès : tout le monde.").Trim();
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
