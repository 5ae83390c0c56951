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
        // The framework's own answers (a challenge, a refused policy, a malformed request) come without a detail: the contract
        // promises one, in French.
        probleme.Detail ??= probleme.Status switch
        {
            400 => "La requête est mal formée.",
            401 => "Authentification requise : envoyez un jeton valide dans l'en-tête Authorization: Bearer <jeton>.",
            403 => "Ce compte ou ce jeton n'a pas accès à cette route.",
            404 => "Cette ressource n'existe pas.",
            // Routing refuses a body that is not JSON for a route that reads one before any step of ours runs.
            415 => Negociation.TypeRefuse(http.Request.ContentType),
            _ => probleme.Title,
        };
        if (probleme.Status == StatusCodes.Status400BadRequest && probleme is not HttpValidationProblemDetails
            && !probleme.Extensions.ContainsKey("errors"))
            probleme.Extensions["errors"] = new Dictionary<string, string[]>
            {
                [http.Items.TryGetValue(CleChamp, out var champ) && champ is string nom ? nom : "requete"] = [probleme.Detail ?? probleme.Title ?? ""],
            };
    }

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
