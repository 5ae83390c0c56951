using Labels.Api.Http;
using Microsoft.AspNetCore.Mvc;

namespace Labels.Api.Erreurs;

/// <summary>The titles of the statuses the API answers, in French, for answers the framework writes itself.</summary>
internal static class TitresFrancais
{
    private static readonly object CleChamp = new();

    /// <summary>Names the field or parameter a 400 about to be written is about (see <see cref="Completer"/>).</summary>
    public static void NommerChamp(HttpContext http, string champ) => http.Items[CleChamp] = champ;

    /// <summary>
    /// Every problem the API writes: titled in French; and a 400 always carries <c>errors</c>, field → messages, as the
    /// document says — the field or parameter named where it was found (a query parameter, a JSON path), else
    /// <c>requete</c> for the request as a whole.
    /// </summary>
    public static void Completer(ProblemDetails probleme, HttpContext http)
    {
        if (probleme.Status is { } statut && De(statut) is { } titre
            && (probleme.Title is null || probleme.Title == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(statut)))
            probleme.Title = titre;
        if (probleme.Type is null && probleme.Status is { } code && Types.TryGetValue(code, out var type)) probleme.Type = type;
        // The framework's own answers (a challenge, a refused policy, a malformed request) come without a detail: the contract
        // promises one, in French.
        probleme.Detail ??= probleme.Status switch
        {
            400 => "La requête est mal formée.",
            401 => "Authentification requise : envoyez un jeton valide dans l'en-tête Authorization: Bearer <jeton>.",
            403 => "Ce compte ou ce jeton n'a pas accès à cette route.",
            404 => "Cette ressource n'existe pas.",
            // Routing refuses a body that is not JSON for a route that reads one before any step of ours runs.
            415 => CorpsJson.TypeRefuse(http.Request.ContentType),
            _ => probleme.Title,
        };
        if (probleme.Status == StatusCodes.Status400BadRequest && probleme is not HttpValidationProblemDetails
            && !probleme.Extensions.ContainsKey("errors"))
            probleme.Extensions["errors"] = new Dictionary<string, string[]>
            {
                [http.Items.TryGetValue(CleChamp, out var champ) && champ is string nom ? nom : "requete"] = [probleme.Detail ?? probleme.Title ?? ""],
            };
    }

    /// <summary>Where each status is defined: RFC 9110, and RFC 6585 for 428 and 429.</summary>
    private static readonly Dictionary<int, string> Types = new Dictionary<int, string>
    {
        [400] = "15.5.1", [401] = "15.5.2", [403] = "15.5.4", [404] = "15.5.5", [405] = "15.5.6", [406] = "15.5.7",
        [409] = "15.5.10", [412] = "15.5.13", [413] = "15.5.14", [415] = "15.5.16", [422] = "15.5.21", [500] = "15.6.1",
        [503] = "15.6.4",
    }.ToDictionary(s => s.Key, s => $"https://tools.ietf.org/html/rfc9110#section-{s.Value}")
        .Concat([new(428, "https://www.rfc-editor.org/rfc/rfc6585#section-3"), new(429, "https://www.rfc-editor.org/rfc/rfc6585#section-4")])
        .ToDictionary();

    public static string? De(int statut) => statut switch
    {
        400 => "Requête invalide",
        401 => "Non authentifié",
        403 => "Interdit",
        404 => "Introuvable",
        405 => "Méthode non permise",
        406 => "Représentation non acceptable",
        409 => "Conflit",
        412 => "Précondition non remplie",
        413 => "Requête trop volumineuse",
        415 => "Type de contenu non pris en charge",
        422 => "Données inacceptables",
        428 => "Précondition requise",
        429 => "Trop de requêtes",
        500 => "Erreur interne",
        503 => "Service momentanément indisponible",
        _ => null,
    };
}
