using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Labels.Api.Documentation;

/// <summary>
/// The Prometheus scrape endpoint (Telemetrie/Instrumentation.cs) in the document, as the health probes are: it is the exporter's
/// middleware, not a route handler, so the API explorer does not describe it; a scraper's configuration is written from here too.
/// </summary>
internal sealed class MetriquesDocumentees : IDocumentFilter
{
    public const string Etiquette = "Exploitation";

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var probleme = context.SchemaGenerator.GenerateSchema(typeof(ProblemDetails), context.SchemaRepository);
        OpenApiResponse Probleme(string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = probleme } },
        };
        var texte = new OpenApiSchema { Type = JsonSchemaType.String };
        document.Paths.Add(Telemetrie.Instrumentation.CheminDesMetriques, new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "LireMetriques",
                    Summary = "Les métriques de l'instance, au format de Prometheus",
                    Description = "Requêtes HTTP (durée par route et statut), connexions et commandes PostgreSQL, exécution .NET, et les "
                        + "compteurs propres à l'API (imports, livraisons de webhooks, cache du palmarès) : voir le README, Telemetry. "
                        + "Format texte de Prometheus (0.0.4), ou OpenMetrics quand Accept le demande.\n\n"
                        + "Accès : les adresses des réseaux de Telemetrie:ReseauxAutorises sans jeton (l'adresse du client, après celles des "
                        + "proxys configurés), admin, ou jeton d'API avec le scope metriques:read.",
                    Tags = new HashSet<OpenApiTagReference> { new(Etiquette, document) },
                    Security =
                    [
                        new OpenApiSecurityRequirement(),
                        new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] },
                    ],
                    Responses = new OpenApiResponses
                    {
                        ["200"] = new OpenApiResponse
                        {
                            Description = "Les métriques, lues au moment de la requête.",
                            Content = new Dictionary<string, IOpenApiMediaType>
                            {
                                ["text/plain"] = new OpenApiMediaType { Schema = texte },
                                ["application/openmetrics-text"] = new OpenApiMediaType { Schema = texte },
                            },
                        },
                        ["401"] = Probleme("Non authentifié, hors des réseaux autorisés : pas de jeton, ou un jeton invalide."),
                        ["403"] = Probleme("Interdit : un compte qui n'est pas administrateur, ou un jeton d'API sans le scope metriques:read."),
                    },
                },
            },
        });
    }
}
