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
        var scope = metadonnees.OfType<Securite.ScopeRequis>().LastOrDefault()?.Scope;
        operation.Description = (operation.Description + $"\n\nAccès : {(politiques.Length == 0 ? "authentifié" : string.Join(", ", politiques))}"
            + (scope is null ? "" : $", ou jeton d'API avec le scope {scope}") + ".").Trim();
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

/// <summary>
/// A CSV answer is text, whatever type the route declares for its JSON: its schema says so and names its columns, in
/// their order, with an example line.
/// </summary>
internal sealed class ReponsesCsvOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var reponse in operation.Responses?.Values.AsEnumerable() ?? [])
            if (reponse.Content is { } contenu && contenu.ContainsKey("text/csv"))
                contenu["text/csv"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "CSV en UTF-8 avec BOM, séparateur « ; », guillemets RFC 4180, une ligne d'en-tête puis une ligne par lauréat ; "
                            + "colonnes : " + string.Join(", ", Publication.PalmaresPublies.ColonnesCsv) + ". Les listes (mentions) sont séparées par « | » ; "
                            + "une cellule qu'un tableur prendrait pour une formule commence par une apostrophe.",
                    },
                    Example = System.Text.Json.Nodes.JsonValue.Create(string.Join(';', Publication.PalmaresPublies.ColonnesCsv) + "\n"
                        + "2022;1;2022-02-03T14:00:00Z;Licence Ouverte 2.0;0190d7a2-5b1e-7cc3-9a43-2f1d6c7e8a10;62041;216200410;Arras;commune;ville;62;32;41019;3;"
                        + "arobase-verte;;\n"),
                };
    }
}
