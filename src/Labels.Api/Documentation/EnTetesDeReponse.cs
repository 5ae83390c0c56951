using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Labels.Api.Documentation;

/// <summary>
/// The answer headers a client sends back, declared on the answers that carry them: an evaluation's ETag, which its next
/// write must carry in If-Match (428 without, 412 when stale), and the validators of the conditional public reads, which
/// give a 304 in If-None-Match (or If-Modified-Since, the palmarès). Said only in the summaries, a generated client
/// would not know they exist.
/// </summary>
internal sealed class EnTetesDeReponse : IOperationFilter
{
    private static OpenApiHeader ETag(string description) => new()
    {
        Description = description,
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^\"[^\"]*\"$" },
    };

    private static readonly OpenApiHeader ETagDEvaluation =
        ETag("L'ETag fort de cette version de l'évaluation, à renvoyer dans If-Match pour l'écrire de nouveau.");

    private static readonly OpenApiHeader ETagDeLecture =
        ETag("L'ETag fort de cette représentation : renvoyé dans If-None-Match, il donne 304 tant qu'elle n'a pas changé.");

    private static readonly OpenApiHeader DerniereModification = new()
    {
        Description = "L'instant de la dernière modification de cette version du palmarès (date HTTP) : renvoyé dans If-Modified-Since, "
            + "sans If-None-Match, il donne 304 tant qu'elle n'a pas changé.",
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static readonly OpenApiHeader DerniereModificationDeLExport = new()
    {
        Description = "L'instant de la dernière parution que l'export contient (date HTTP) : renvoyé dans If-Modified-Since, sans "
            + "If-None-Match, il donne 304 tant qu'aucune n'a paru depuis ; absent tant que rien n'a paru.",
        Required = false,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiHeader Location(string description) => new()
    {
        Description = description,
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
    };

    private static readonly OpenApiHeader Cree = Location("L'adresse de ce qui vient d'être créé.");

    private static readonly OpenApiHeader CacheDeLecture = new()
    {
        Description = "Combien de temps une copie reste fraîche : « max-age=10 » pour la dernière version (une correction, ou une "
            + "parution, atteint un cache en 10 s au plus), « max-age=31536000, immutable » pour une version numérotée (?version=n), avec "
            + "« public » et « stale-while-revalidate=5, stale-if-error=86400 » (la copie peut servir le temps de la revalider, ou tant que "
            + "l'API ne répond pas) ; « private » pour un appelant authentifié (« private, no-store » avant la parution).",
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static readonly OpenApiHeader FinDeLAbsence = new()
    {
        Description = "Jusqu'à quand un cache peut garder ce 404 (date HTTP) : une seconde au plus, et toujours avant l'instant où des résultats "
            + "paraissent ; absent (Cache-Control: no-store) quand il ne reste pas une seconde entière avant cet instant, ou pour un appelant authentifié.",
        Required = false,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static readonly Dictionary<string, (string[] Statuts, (string Nom, OpenApiHeader EnTete)[] EnTetes)> ParOperation = new()
    {
        ["CreerCandidature"] = (["201"], [("Location", Cree)]),
        ["CreerCollectivite"] = (["201"], [("Location", Cree)]),
        ["OuvrirEdition"] = (["201"], [("Location", Cree)]),
        ["AjouterFiche"] = (["201"], [("Location", Cree)]),
        ["CreerJeton"] = (["201"], [("Location", Cree)]),
        ["CreerAbonnement"] = (["201"], [("Location", Cree)]),
        ["EnvoyerPing"] = (["202"], [("Location", Location("Les livraisons de l'abonnement, où suivre celle-ci."))]),
        ["RenvoyerLivraison"] = (["202"], [("Location", Location("Les livraisons de l'abonnement, où suivre celle-ci."))]),
        ["NommerJure"] = (["201"], [("Location", Location("La liste des jurés de l'édition, où figure le nouveau."))]),
        ["PublierPalmares"] = (["201"], [("Location", Location("Le palmarès de cette version (?version=n)."))]),
        ["ImporterDossiers"] = (["200", "202", "422"], [("Location", Location("Le suivi de cet import (GET /api/v1/imports/{id}) : appliqué, "
            + "refusé ou en file, chaque import est enregistré."))]),
        ["LireMonEvaluation"] = (["200"], [("ETag", ETagDEvaluation)]),
        ["EcrireMonEvaluation"] = (["200"], [("ETag", ETagDEvaluation)]),
        ["LirePalmares"] = (["200", "304"], [("ETag", ETagDeLecture), ("Last-Modified", DerniereModification), ("Cache-Control", CacheDeLecture)]),
        ["LirePalmaresCsv"] = (["200", "304"], [("ETag", ETagDeLecture), ("Last-Modified", DerniereModification), ("Cache-Control", CacheDeLecture)]),
        ["LireChiffresCles"] = (["200", "304"], [("ETag", ETagDeLecture), ("Cache-Control", CacheDeLecture)]),
        ["LireHistorique"] = (["200", "304"], [("ETag", ETagDeLecture)]),
        ["ExporterPalmares"] = (["200", "304"], [("ETag", ETagDeLecture), ("Last-Modified", DerniereModificationDeLExport)]),
        ["ExporterPalmaresCsv"] = (["200", "304"], [("ETag", ETagDeLecture), ("Last-Modified", DerniereModificationDeLExport)]),
        ["ListerRegions"] = (["200", "304"], [("ETag", ETagDeLecture)]),
        ["ListerDepartements"] = (["200", "304"], [("ETag", ETagDeLecture)]),
    };

    /// <summary>The reads whose 404 becomes a 200 when results appear (Publication/Fraicheur.cs).</summary>
    private static readonly HashSet<string> AbsencesDatees = ["LirePalmares", "LirePalmaresCsv", "LireChiffresCles"];

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.OperationId is null) return;
        if (AbsencesDatees.Contains(operation.OperationId)) Declarer(operation, "404", [("Expires", FinDeLAbsence)]);
        if (!ParOperation.TryGetValue(operation.OperationId, out var declares)) return;
        foreach (var statut in declares.Statuts) Declarer(operation, statut, declares.EnTetes);
    }

    private static void Declarer(OpenApiOperation operation, string statut, (string Nom, OpenApiHeader EnTete)[] enTetes)
    {
        if (operation.Responses?.GetValueOrDefault(statut) is not OpenApiResponse reponse) return;
        reponse.Headers ??= new Dictionary<string, IOpenApiHeader>();
        foreach (var (nom, enTete) in enTetes) reponse.Headers[nom] = enTete;
    }
}
