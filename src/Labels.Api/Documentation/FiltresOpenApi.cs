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
            operation.Description = (operation.Description + "\n\nAccès : tout le monde, sans jeton ou avec un jeton valide "
                + "(le personnel y lit aussi ce qui est sous embargo ; un jeton invalide reçoit 401).").Trim();
            // Said explicitly, so that a reader (or a generated client) knows a token is optional: none, or a bearer.
            operation.Security =
            [
                new OpenApiSecurityRequirement(),
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", context.Document)] = [] },
            ];
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
            Description = "Les dossiers d'une année, en JSON ou en CSV selon Content-Type (voir docs/import.md). Encodage : UTF-8 (BOM permis), "
                + "ou le charset déclaré dans Content-Type : utf-16 (avec BOM), utf-16le, utf-16be, windows-1252, iso-8859-1, iso-8859-15.",
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["application/json"] = new OpenApiMediaType
                {
                    Schema = context.SchemaGenerator.GenerateSchema(typeof(DossiersAImporter), context.SchemaRepository),
                    Example = System.Text.Json.Nodes.JsonNode.Parse("""
                        { "dossiers": [ { "collectivite": { "codeInsee": "62041" }, "distinction": { "arobases": 5, "mentions": ["arobase-verte"] },
                          "fiches": [ { "reference": "ARR-2021-001", "titre": "Portail citoyen", "description": "Les démarches en ligne.",
                                        "dateDebut": "2021-03-01", "enCours": true, "enjeux": ["services-publics"],
                                        "liens": ["https://www.arras.fr/portail"] } ] } ] }
                        """),
                },
                ["text/csv"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "Une ligne d'en-tête, séparateur « ; » ou « , » (celui de l'en-tête), guillemets RFC 4180 ; une ligne par fiche, "
                            + "ou par dossier sans fiche. Colonnes, dans n'importe quel ordre : collectivite (code COG ou SIREN), arobases, mentions, "
                            + "reference, titre, resume, description, dateDebut et dateFin (AAAA-MM-JJ ou JJ/MM/AAAA), enCours (true/false, vrai/faux, "
                            + "oui/non, 1/0, x), enjeux, services, liens ; les listes sont séparées par « | ».",
                    },
                    Example = System.Text.Json.Nodes.JsonValue.Create(
                        "collectivite;reference;titre;description;dateDebut;enCours;enjeux\n"
                        + "62041;ARR-2021-001;Portail citoyen;Les démarches en ligne.;2021-03-01;true;services-publics\n"),
                },
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
                            + "colonnes : " + string.Join(", ", Publication.CsvDuPalmares.Colonnes) + ". Les listes (mentions) sont séparées par « | » ; "
                            + "une cellule qu'un tableur prendrait pour une formule commence par une apostrophe.",
                    },
                    Example = System.Text.Json.Nodes.JsonValue.Create(string.Join(';', Publication.CsvDuPalmares.Colonnes) + "\n"
                        + "2022;1;2022-02-03T14:00:00Z;Licence Ouverte 2.0;0190d7a2-5b1e-7cc3-9a43-2f1d6c7e8a10;62041;216200410;Arras;commune;ville;62;32;41019;3;"
                        + "arobase-verte;;\n"),
                };
    }
}

/// <summary>Examples of the answers portals read most, as docs/contrat.md shows them.</summary>
internal sealed class ExemplesOperationFilter : IOperationFilter
{
    private const string Palmares = """
        { "edition": 2022, "numero": 23, "publieLe": "2022-02-03T14:00:00Z", "version": 1, "licence": "Licence Ouverte 2.0",
          "laureats": [ { "collectiviteId": "0190d7a2-5b1e-7cc3-9a43-2f1d6c7e8a10", "codeInsee": "62041", "siren": "216200410",
            "nom": "Arras", "type": "commune", "categorie": "ville", "departement": "62", "region": "32", "population": 41019,
            "arobases": 3, "mentions": ["arobase-verte"], "territoireExcellenceNumerique": { "attribueEn": 2022, "valableJusquEn": 2024 } } ] }
        """;

    private static readonly Dictionary<string, string> Exemples = new()
    {
        ["LirePalmares"] = Palmares,
        ["ExporterPalmares"] = $$"""{ "items": [ {{Palmares}} ], "page": 1, "pageSize": 50, "total": 1 }""",
        ["LireChiffresCles"] = """
            { "edition": 2022, "editionPrecedente": 2021,
              "candidatures": { "total": 254, "villes": 186, "villages": 57, "intercommunalites": 11, "precedent": 219, "evolutionPourcent": 16 },
              "fichesActions": { "total": 14529, "precedent": 12040 }, "arobases": { "1": 40, "2": 71, "3": 77, "4": 44, "5": 22 },
              "mentions": { "total": 23, "parType": { "democratie-locale": 5, "mediation-numerique": 3, "numerique-educatif": 6, "arobase-verte": 9 } },
              "territoiresExcellenceNumerique": { "nouveaux": 11, "total": 25 }, "enjeux": 16, "services": 139,
              "populationRepresentee": 8351012, "publieLe": "2022-02-03T14:00:00Z", "version": 1 }
            """,
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is null || !Exemples.TryGetValue(operation.OperationId, out var exemple)) return;
        if (operation.Responses?.TryGetValue("200", out var reponse) == true && reponse.Content?.TryGetValue("application/json", out var json) == true
            && json is OpenApiMediaType media)
            media.Example = System.Text.Json.Nodes.JsonNode.Parse(exemple);
    }
}
