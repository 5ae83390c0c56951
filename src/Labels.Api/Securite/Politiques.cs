
namespace Labels.Api.Securite;

/// <summary>The named policies every route declares.</summary>
public static class Politiques
{
    public const string Admin = "admin";
    public const string Jure = "jure";
    /// <summary>Admins and the collectivité that owns the dossier (checked per object by the use case).</summary>
    public const string AdminOuCollectivite = "admin-ou-collectivite";
    /// <summary>Admins and the jurors of an édition (checked per édition by the use case).</summary>
    public const string AdminOuJure = "admin-ou-jure";
    /// <summary>Whoever may see a dossier: admins, its collectivité, its jurors (checked per object).</summary>
    public const string LecteurDeDossier = "lecteur-de-dossier";
    /// <summary>The metrics: callers from the networks of Telemetrie:ReseauxAutorises, and admins (Telemetrie/AccesAuxMetriques.cs).</summary>
    public const string LecteurDeMetriques = "lecteur-de-metriques";
}
