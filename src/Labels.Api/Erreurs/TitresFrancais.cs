namespace Labels.Api.Erreurs;

/// <summary>The titles of the statuses the API answers, in French, for answers the framework writes itself.</summary>
internal static class TitresFrancais
{
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
