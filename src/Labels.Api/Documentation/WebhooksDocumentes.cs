using System.Text.Json.Nodes;
using Labels.Application.Webhooks;
using Labels.Domain.Webhooks;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Labels.Api.Documentation;

/// <summary>
/// The events the API sends to subscribed portals, in the document's <c>webhooks</c> section (OpenAPI 3.1): what a receiver
/// gets, so that its handler can be generated as a client is. docs/webhooks.md says the rest (schedule, safety, verification).
/// </summary>
internal sealed class WebhooksDocumentes : IDocumentFilter
{
    /// <summary>What each event's <c>data</c> always carries.</summary>
    private static readonly Dictionary<string, string[]> DonneesPresentes = new()
    {
        [TypesEvenement.PalmaresPublie] = ["id", "edition", "version", "publieLe", "etag", "liens"],
        [TypesEvenement.PalmaresCorrige] = ["id", "edition", "version", "publieLe", "etag", "changements", "liens"],
        [TypesEvenement.EditionStatut] = ["id", "edition", "statut", "statutPrecedent", "liens"],
        [TypesEvenement.Ping] = ["id", "abonnement"],
    };

    private static readonly (string Type, string Resume, string Donnees)[] Evenements =
    [
        (TypesEvenement.PalmaresPublie, "La première release d'une édition devient visible",
            "Envoyé à l'instant de publication (sous embargo, à la levée de l'embargo, pas avant). data : id, edition, version (1), publieLe, etag "
            + "(l'ETag du palmarès JSON complet de cette version), liens (palmares, palmaresCsv, dernierPalmares, versions, chiffresCles, edition)."),
        (TypesEvenement.PalmaresCorrige, "Une correction (version n+1) devient visible",
            "Comme palmares.publie, avec changements : le nombre de lauréats que liste son journal des changements (liens.versions)."),
        (TypesEvenement.EditionStatut, "Une édition change d'étape",
            "data : id, edition, statut, statutPrecedent, liens.edition. « publiee » part à l'instant où les résultats deviennent visibles, "
            + "avec pour statutPrecedent le statut que les lecteurs voyaient jusque-là."),
        (TypesEvenement.Ping, "Essai d'un abonnement (POST …/test)", "data : id, abonnement. Envoyé à cet abonnement seul."),
    ];

    private static readonly string[] LiensDeRelease = ["edition", "palmares", "palmaresCsv", "dernierPalmares", "versions", "chiffresCles"];

    private static OpenApiSchema Texte(string? format = null) => new() { Type = JsonSchemaType.String, Format = format };

    private static OpenApiSchema Objet(Dictionary<string, IOpenApiSchema> proprietes) => new()
    {
        Type = JsonSchemaType.Object, Properties = proprietes, Required = proprietes.Keys.ToHashSet(),
    };

    /// <summary>A member of an event's data, as that event always writes it (never null).</summary>
    private static IOpenApiSchema Membre(string nom, string type) => nom switch
    {
        "edition" or "version" or "changements" => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
        "publieLe" => Texte("date-time"),
        "abonnement" => Texte("uuid"),
        "statut" or "statutPrecedent" => new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Enum = [.. Enum.GetValues<Domain.Editions.StatutEdition>().Select(v => (JsonNode)JsonValue.Create(Domain.Editions.Edition.Nom(v)))],
        },
        "liens" => Objet((type == TypesEvenement.EditionStatut ? ["edition"] : LiensDeRelease)
            .ToDictionary(l => l, IOpenApiSchema (_) => Texte("uri-reference"))),
        _ => Texte(),
    };

    /// <summary>An event's body as a receiver gets it: its type, its instant, and the data that event always carries.</summary>
    private static OpenApiSchema CorpsDe(string type) => Objet(new Dictionary<string, IOpenApiSchema>
    {
        ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create(type)] },
        ["timestamp"] = Texte("date-time"),
        ["data"] = Objet(DonneesPresentes[type].ToDictionary(n => n, n => Membre(n, type))),
    });

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        OpenApiParameter Entete(string nom, string description) => new()
        {
            Name = nom, In = ParameterLocation.Header, Required = true, Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach (var (type, resume, donnees) in Evenements)
            document.Webhooks[type] = new OpenApiPathItem
            {
                Operations = new Dictionary<HttpMethod, OpenApiOperation>
                {
                    [HttpMethod.Post] = new()
                    {
                        OperationId = "Evenement_" + type.Replace('.', '_').Replace('-', '_'),
                        Summary = resume,
                        Description = donnees + " Signé selon Standard Webhooks 1.0 ; dédupliquez sur webhook-id (le même pour chaque tentative et chaque renvoi).",
                        Tags = new HashSet<OpenApiTagReference> { new("Webhooks", document) },
                        // Sent by the API to the receiver, which checks the signature, not a token of ours.
                        Security = [],
                        Parameters =
                        [
                            Entete("webhook-id", "L'identifiant de l'événement (evt_…), le même à chaque tentative."),
                            Entete("webhook-timestamp", "L'instant de la tentative, en secondes depuis 1970 (UTC)."),
                            Entete("webhook-signature", "Une ou deux signatures « v1,<base64> » séparées par une espace : HMAC-SHA256, avec le secret "
                                + "(whsec_…, base64 décodé), de « webhook-id.webhook-timestamp.corps » ; deux pendant les 24 h qui suivent une rotation."),
                        ],
                        RequestBody = new OpenApiRequestBody
                        {
                            Required = true,
                            Content = new Dictionary<string, IOpenApiMediaType> { ["application/json"] = new OpenApiMediaType
                            {
                                // A named schema per event: a client generated from the document gets a type per event.
                                Schema = context.SchemaRepository.AddDefinition("Evenement" + string.Concat(type.Split('.', '-').Select(m => char.ToUpperInvariant(m[0]) + m[1..])),
                                    CorpsDe(type)),
                            } },
                        },
                        Responses = new OpenApiResponses
                        {
                            ["200"] = new OpenApiResponse { Description = "Reçu : tout code 2xx termine la livraison." },
                            ["410"] = new OpenApiResponse { Description = "Le destinataire ne veut plus rien recevoir : l'abonnement est désactivé." },
                            ["default"] = new OpenApiResponse
                            {
                                Description = "Tout autre code, ou pas de réponse en 10 s : la livraison est retentée (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, "
                                    + "10 h, chaque attente ± 20 %).",
                            },
                        },
                    },
                },
            };
    }
}
