using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Labels.Api.Documentation;

/// <summary>What the document says of itself: its servers, licence, contact and the meaning of each tag.</summary>
internal sealed class DocumentOpenApi : IDocumentFilter
{
    public static readonly IReadOnlyDictionary<string, string> Etiquettes = new Dictionary<string, string>
    {
        ["Authentification"] = "Connexion et renouvellement des jetons d'une personne.",
        ["Comptes"] = "Les comptes (administrateurs) et le mot de passe de la personne connectée.",
        ["Jetons d'API"] = "Les jetons des scripts (lbl_…), limités à leurs scopes.",
        ["Référentiel officiel (COG)"] = "Communes et EPCI du Code officiel géographique.",
        ["Collectivités"] = "Les collectivités enregistrées (depuis le COG) et leur historique publié.",
        ["Éditions"] = "Les éditions annuelles du label, leur cycle de vie et leur référentiel (enjeux, services, mentions).",
        ["Candidatures"] = "Les dossiers des collectivités, par édition.",
        ["Fiches actions"] = "Les initiatives d'un dossier.",
        ["Jury"] = "La grille, les jurés, les affectations, les évaluations et la délibération.",
        ["Palmarès"] = "La publication, le palmarès publié (JSON, CSV), ses versions et ses chiffres clés.",
        ["Catalogue"] = "Le catalogue public des fiches des éditions publiées.",
        ["Imports"] = "L'import annuel des dossiers (JSON ou CSV) et le suivi des imports.",
        ["Audit"] = "Le journal des actes de sécurité et d'administration.",
        [SondesDeSante.Etiquette] = "Les sondes de l'instance, pour un répartiteur de charge ou un orchestrateur.",
        [MetriquesDocumentees.Etiquette] = "Les métriques de l'instance, pour ceux qui l'exploitent (Prometheus).",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Servers = [new OpenApiServer { Url = "/", Description = "Cette instance de l'API." }];
        document.Info.License = new OpenApiLicense { Name = "Licence Ouverte 2.0 (données publiées)", Url = new Uri("https://www.etalab.gouv.fr/licence-ouverte-open-licence/") };
        document.Info.Contact = new OpenApiContact { Name = "Villes Internet, qui décerne le label", Url = new Uri("https://www.villes-internet.net/") };
        document.Tags = Etiquettes.Select(e => new OpenApiTag { Name = e.Key, Description = e.Value }).ToHashSet();
    }
}
