using System.Text.Json.Nodes;
using Labels.Application.Commun;
using Labels.Domain.Editions;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Labels.Api.Documentation;

/// <summary>
/// What each parameter means and what the API takes of it, said once for every route that has it: its description, and
/// the bounds, patterns and closed sets the validators enforce, so that a generated client or a fuzzer knows them.
/// </summary>
internal sealed class ParametresDocumentes : IOperationFilter
{
    private sealed record Parametre(string Description, Action<OpenApiSchema>? Contraintes = null);

    private static Action<OpenApiSchema> Entre(long min, long max) => s => { s.Minimum = min.ToString(); s.Maximum = max.ToString(); };
    private static Action<OpenApiSchema> Motif(string motif) => s => s.Pattern = motif;
    private static Action<OpenApiSchema> Parmi(params string[] valeurs) => s => s.Enum = valeurs.Select(v => (JsonNode)JsonValue.Create(v)).ToList();

    public const string MotifCodeInsee = "^[0-9][0-9AB][0-9]{3}$";
    public const string MotifSiren = "^[0-9]{9}$";

    private static readonly Dictionary<string, Parametre> Parametres = new()
    {
        ["page"] = new("Le numéro de la page, à partir de 1.", s => { Entre(1, Pagination.PageMax)(s); s.Default = JsonValue.Create(1); }),
        ["pageSize"] = new("Le nombre d'éléments par page.", s => { Entre(1, Pagination.TailleMax)(s); s.Default = JsonValue.Create(Pagination.TailleParDefaut); }),
        ["annee"] = new("L'année de l'édition (2022 pour la 23e).", Entre(Edition.PremiereAnnee, Edition.DerniereAnnee)),
        ["edition"] = new("L'année de l'édition.", Entre(Edition.PremiereAnnee, Edition.DerniereAnnee)),
        ["version"] = new("Un numéro de version du palmarès (1 pour la première publication) ; sans lui, la dernière version.", Entre(1, int.MaxValue)),
        ["arobases"] = new("Le nombre d'arobases obtenu, de 1 à 5.", Entre(1, 5)),
        ["categorie"] = new("La catégorie de la collectivité.", Parmi("village", "ville", "intercommunalite")),
        ["statut"] = new("L'état du dossier.", Parmi("brouillon", "deposee", "retiree")),
        ["role"] = new("Le rôle du compte.", Parmi([.. Roles.Tous])),
        ["region"] = new("Le code INSEE de la région (32 pour les Hauts-de-France).", Motif("^[0-9]{2}$")),
        ["departement"] = new("Le code INSEE du département (62, 2A, 971).", Motif("^([0-9]{2}|2[AB]|9[78][0-9])$")),
        ["mention"] = new("Le code d'une mention du référentiel de l'édition (arobase-verte)."),
        ["enjeu"] = new("Le code d'un enjeu du référentiel de l'édition (education)."),
        ["q"] = new("Des mots à chercher (200 caractères au plus).", s => s.MaxLength = 200),
        ["codeInsee"] = new("Le code officiel géographique d'une commune (5 caractères : 62041, 2A004).", Motif(MotifCodeInsee)),
        ["siren"] = new("Le SIREN d'un EPCI (9 chiffres).", Motif(MotifSiren)),
        ["id"] = new("L'identifiant de la ressource."),
        ["ficheId"] = new("L'identifiant de la fiche action."),
        ["jureId"] = new("L'identifiant d'un membre du jury."),
        ["candidatureId"] = new("L'identifiant d'un dossier."),
        ["acteurId"] = new("L'identifiant du compte qui a agi."),
        ["action"] = new("L'action journalisée (auth.echec), ou une famille avec un point final (auth.).", s => s.MaxLength = 100),
        ["cible"] = new("La cible de l'action (edition:2022, candidature:…, compte:…).", s => s.MaxLength = 300),
        ["depuis"] = new("Le début de la période (inclus), un instant ISO 8601 avec son fuseau."),
        ["jusqua"] = new("La fin de la période (exclue), un instant ISO 8601 avec son fuseau."),
        ["dryRun"] = new("true : tout vérifier et compter sans rien écrire."),
        ["async"] = new("true : répondre 202 tout de suite et importer en arrière-plan (suivre /imports/{id})."),
        ["If-Match"] = new("L'ETag de l'évaluation lue (ou une liste d'ETags, ou *), requis dès la deuxième écriture."),
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parametre in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parametre.Name is null || !Parametres.TryGetValue(parametre.Name, out var connu)) continue;
            parametre.Description ??= connu.Description;
            if (connu.Contraintes is not null && parametre.Schema is OpenApiSchema schema) connu.Contraintes(schema);
        }
    }
}

/// <summary>The same for the properties of bodies: the closed sets and bounds the validators and the domain enforce.</summary>
internal sealed class ProprietesDocumentees : ISchemaFilter
{
    private static readonly Dictionary<(Type, string), Action<OpenApiSchema>> Contraintes = new()
    {
        [(typeof(Application.Comptes.CreerCompte), "role")] = s => s.Enum = [.. Roles.Tous.Select(r => (JsonNode)JsonValue.Create(r))],
        [(typeof(Application.Securite.CreerJeton), "scopes")] = s =>
        {
            if (s.Items is OpenApiSchema element)
                element.Enum = [.. Domain.Securite.JetonApi.ScopesConnus.Select(r => (JsonNode)JsonValue.Create(r))];
        },
        [(typeof(Endpoints.DecisionSaisie), "arobases")] = s => { s.Minimum = "1"; s.Maximum = "5"; },
        [(typeof(Application.Collectivites.CreerCollectivite), "codeInsee")] = s => s.Pattern = ParametresDocumentes.MotifCodeInsee,
        [(typeof(Application.Collectivites.CreerCollectivite), "siren")] = s => s.Pattern = ParametresDocumentes.MotifSiren,
        [(typeof(Application.Editions.OuvrirEdition), "annee")] = s => { s.Minimum = Edition.PremiereAnnee.ToString(); s.Maximum = Edition.DerniereAnnee.ToString(); },
        [(typeof(Application.Editions.OuvrirEdition), "numero")] = s => s.Minimum = "1",
        [(typeof(Endpoints.RepartitionSaisie), "juresParDossier")] = s => { s.Minimum = "1"; s.Maximum = "20"; },
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema objet || objet.Properties is null) return;
        foreach (var (nom, propriete) in objet.Properties)
            if (propriete is OpenApiSchema p && Contraintes.TryGetValue((context.Type, nom), out var contrainte)) contrainte(p);
    }
}
