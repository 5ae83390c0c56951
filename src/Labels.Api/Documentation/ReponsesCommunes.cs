using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Labels.Api.Documentation;

/// <summary>
/// The answers any route may give whatever it does, declared on each: 400 when it takes parameters or a body (malformed,
/// invalid), 404 when its path names something (unknown, or a segment of the wrong shape), 406 when it answers with a
/// body (an Accept it cannot serve), 413 and 415 for a body (too large, not JSON), 401 and 403 when it needs a caller,
/// 429 behind a limit of requests, 503 (the database away for a moment). A client generated from the document then knows every status it can meet; a
/// route declares only what is its own (a 409, a 422, the 401 of a public login).
/// </summary>
internal sealed partial class ReponsesCommunes : IOperationFilter
{
    public static readonly OpenApiHeader ReessayerApres = new()
    {
        Description = "Le nombre de secondes après lequel réessayer.",
        Required = true,
        Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "0" },
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        operation.Responses ??= [];
        var description = context.ApiDescription;
        var metadonnees = description.ActionDescriptor.EndpointMetadata;
        var publique = metadonnees.OfType<IAllowAnonymous>().Any();
        var avecCorps = operation.RequestBody is not null;
        void Ajouter(int statut, string texte, bool validation = false)
        {
            if (operation.Responses.ContainsKey(statut.ToString())) return;
            var type = validation ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
            operation.Responses[statut.ToString()] = new OpenApiResponse
            {
                Description = texte,
                Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType { Schema = context.SchemaGenerator.GenerateSchema(type, context.SchemaRepository) },
                },
            };
        }
        if (avecCorps || operation.Parameters is { Count: > 0 }) Ajouter(400, "Requête mal formée ou invalide : errors nomme chaque champ ou paramètre.", validation: true);
        if (description.ParameterDescriptions.Any(p => p.Source.Id == "Path")) Ajouter(404, "Introuvable : ce que le chemin nomme n'existe pas, ou n'est pas visible de l'appelant.");
        if (operation.Responses.Any(r => r.Key.StartsWith('2') && r.Value.Content is { Count: > 0 }))
            Ajouter(406, "L'en-tête Accept n'accepte aucun des types que la route sert.");
        if (avecCorps)
        {
            Ajouter(413, "Corps trop volumineux.");
            Ajouter(415, "Type de contenu non pris en charge.");
        }
        if (!publique)
        {
            Ajouter(401, "Non authentifié : pas de jeton, un jeton invalide, ou une session terminée.");
            Ajouter(403, "Interdit : un rôle ou un scope que la route ne sert pas.");
        }
        // A token sent is a token checked, on public routes too (UseIdentifiantsVerifies).
        else Ajouter(401, "Un jeton envoyé mais invalide (révoqué, expiré, inconnu) : reconnectez-vous, ou lisez sans en-tête Authorization.");
        // The routes behind a limit of requests: public reads, login and refresh.
        if (metadonnees.OfType<Securite.LimiteurLecturePublique.MarqueLecturePublique>().Any()
            || metadonnees.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().Any())
            Ajouter(429, "Trop de requêtes : réessayer après Retry-After.");
        Ajouter(503, "La base de données ne répond pas pour l'instant ; réessayer après Retry-After.");

        foreach (var (code, reponse) in operation.Responses)
        {
            // Every limit and every passing absence of the database say when to ask again (Securite/Protections.cs, GestionnaireExceptions).
            if (reponse is OpenApiResponse limite && code is "429" or "503")
                (limite.Headers ??= new Dictionary<string, IOpenApiHeader>())["Retry-After"] = ReessayerApres;
            // A status a route declares by its code alone is described by an English reason phrase — ASP.NET Core's (« Unprocessable
            // Entity ») or RFC 9110's, which the document generator uses (« Unprocessable Content »): in French here.
            if (reponse is OpenApiResponse r && int.TryParse(code, out var statut) && PhraseHttp().IsMatch(r.Description ?? "")
                && (statut switch
                {
                    200 => "Succès.",
                    201 => "Créé.",
                    202 => "Accepté : le travail se poursuit en arrière-plan.",
                    204 => "Fait, sans contenu.",
                    304 => "Inchangé depuis la représentation que l'appelant a gardée (If-None-Match, If-Modified-Since).",
                    _ => Erreurs.TitresFrancais.De(statut) is { } titre ? titre + "." : null,
                }) is { } francais)
                r.Description = francais;
        }
    }

    /// <summary>A reason phrase as HTTP writes them: capitalised English words, nothing else.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z][A-Za-z-]*(?: [A-Z][A-Za-z-]*)*$")]
    private static partial System.Text.RegularExpressions.Regex PhraseHttp();
}
