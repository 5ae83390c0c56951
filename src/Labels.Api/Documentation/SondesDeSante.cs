using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Labels.Api.Documentation;

/// <summary>
/// The health probes (Program.cs) in the document beside the routes: a balancer's or an orchestrator's configuration is
/// written from it too. They are health-check endpoints, not route handlers, so the API explorer does not describe them.
/// </summary>
internal sealed class SondesDeSante : IDocumentFilter
{
    public const string Etiquette = "Santé";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var probleme = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        OpenApiResponse Texte(string description, params string[] valeurs) => new()
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["text/plain"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = valeurs.Select(v => (JsonNode)JsonValue.Create(v)).ToList() },
                },
            },
        };
        OpenApiPathItem Sonde(string id, string resume, string description, OpenApiResponses reponses) => new()
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = id,
                    Summary = resume,
                    Description = description,
                    Tags = new HashSet<OpenApiTagReference> { new(Etiquette, document) },
                    Security = [],
                    Responses = reponses,
                },
            },
        };
        document.Paths.Add("/health/live", Sonde("SondeDeVie", "Le processus répond",
            "Répond 200 tant que le processus sert des requêtes, base de données présente ou non.",
            new() { ["200"] = Texte("Le processus répond.", "Healthy") }));
        document.Paths.Add("/health/ready", Sonde("SondeDePreparation", "L'API est prête à servir",
            "Répond 200 quand la base de données répond, 503 avec Retry-After tant qu'elle ne répond pas.",
            new()
            {
                ["200"] = Texte("La base de données répond.", "Healthy", "Degraded"),
                ["503"] = new OpenApiResponse
                {
                    Description = "La base de données ne répond pas : réessayer après Retry-After.",
                    Headers = new Dictionary<string, IOpenApiHeader> { ["Retry-After"] = ReponsesCommunes.ReessayerApres },
                    Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = probleme } },
                },
            }));
    }
}
