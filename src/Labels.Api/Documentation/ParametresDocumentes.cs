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

    /// <summary>A number of arobases, as a distinction may have (<see cref="Domain.Distinctions.Distinction.ArobasesPossibles"/>).</summary>
    internal static Action<OpenApiSchema> Arobases => Entre(Domain.Distinctions.Distinction.ArobasesMin, Domain.Distinctions.Distinction.ArobasesMax);
    private static Action<OpenApiSchema> Motif(string motif) => s => s.Pattern = motif;
    private static Action<OpenApiSchema> InstantIso => s => s.Format = "date-time";
    private static Action<OpenApiSchema> Parmi(params string[] valeurs) => s => s.Enum = valeurs.Select(v => (JsonNode)JsonValue.Create(v)).ToList();

    public const string MotifCodeInsee = Domain.Commun.CodesOfficiels.MotifCodeInsee;
    public const string MotifSiren = Domain.Commun.CodesOfficiels.MotifSiren;
    public const string MotifDepartement = Domain.Commun.CodesOfficiels.MotifDepartement;

    private static readonly Dictionary<string, Parametre> Parametres = new()
    {
        ["page"] = new("Le numéro de la page, à partir de 1.", s => { Entre(1, Pagination.PageMax)(s); s.Default = JsonValue.Create(1); }),
        ["pageSize"] = new("Le nombre d'éléments par page.", s => { Entre(1, Pagination.TailleMax)(s); s.Default = JsonValue.Create(Pagination.TailleParDefaut); }),
        ["annee"] = new("L'année de l'édition (2022 pour la 23e).", Entre(Edition.PremiereAnnee, Edition.DerniereAnnee)),
        ["edition"] = new("L'année de l'édition.", Entre(Edition.PremiereAnnee, Edition.DerniereAnnee)),
        ["version"] = new("Un numéro de version du palmarès (1 pour la première publication) ; sans lui, la dernière version.", Entre(1, int.MaxValue)),
        ["arobases"] = new("Le nombre d'arobases obtenu, de 1 à 5.", Arobases),
        ["categorie"] = new("La catégorie de la collectivité.", Parmi("village", "ville", "intercommunalite")),
        ["statut"] = new("L'état du dossier.", Parmi("brouillon", "deposee", "retiree")),
        ["role"] = new("Le rôle du compte.", Parmi([.. Roles.Tous])),
        ["region"] = new("Le code INSEE de la région : 2 chiffres (32 pour les Hauts-de-France), 3 pour les collectivités d'outre-mer (987 pour la Polynésie française).", Motif(Domain.Commun.CodesOfficiels.MotifRegion)),
        ["departement"] = new("Le code INSEE du département (62, 2A, 971) ; donné avec region, un département de cette région.", Motif(MotifDepartement)),
        ["mention"] = new("Le code d'une mention du référentiel de l'édition (arobase-verte).", s => { s.Pattern = ProprietesDocumentees.MotifCode; s.MaxLength = Domain.Editions.Referentiel.LongueurMaxCode; }),
        ["enjeu"] = new("Le code d'un enjeu du référentiel de l'édition (education).", s => { s.Pattern = ProprietesDocumentees.MotifCode; s.MaxLength = Domain.Editions.Referentiel.LongueurMaxCode; }),
        ["q"] = new("Des mots à chercher (200 caractères au plus).", s => s.MaxLength = 200),
        ["codeInsee"] = new("Le code officiel géographique d'une commune (5 caractères : 62041, 2A004).", Motif(MotifCodeInsee)),
        ["siren"] = new("Le SIREN de la collectivité, commune ou EPCI : 9 chiffres dont le dernier est une clé de Luhn (200033579).", Motif(MotifSiren)),
        ["id"] = new("L'identifiant de la ressource."),
        ["ficheId"] = new("L'identifiant de la fiche action."),
        ["jureId"] = new("L'identifiant d'un membre du jury."),
        ["candidatureId"] = new("L'identifiant d'un dossier."),
        ["acteurId"] = new("L'identifiant du compte qui a agi."),
        ["action"] = new("L'action journalisée (auth.echec), ou une famille avec un point final (auth.).", s => s.MaxLength = 100),
        ["cible"] = new("La cible de l'action (edition:2022, candidature:…, compte:…).", s => s.MaxLength = 300),
        // Read by InstantDeRequete, which the API explorer describes as a bare string, as it does every type with a TryParse.
        ["depuis"] = new("Le début de la période (inclus), un instant ISO 8601 avec son fuseau.", InstantIso),
        ["jusqua"] = new("La fin de la période (exclue), un instant ISO 8601 avec son fuseau.", InstantIso),
        ["dryRun"] = new("true : tout vérifier et compter sans rien écrire."),
        ["async"] = new("true : répondre 202 tout de suite et importer en arrière-plan (suivre /imports/{id})."),
        ["If-Match"] = new("L'ETag de l'évaluation lue (ou une liste d'ETags, ou *), requis dès la deuxième écriture."),
    };

    /// <summary>
    /// A collectivité in a path is named by its UUID, COG code or SIREN (docs/contrat.md, Conventions): said where the
    /// generic description of an identifier would tell a portal it needs our UUIDs.
    /// </summary>
    private static readonly Parametre Collectivite = new("La collectivité : son identifiant (UUID), son code officiel géographique "
        + "(62041, 2A004) ou un SIREN (200033579 pour un EPCI, 216200410 pour la commune d'Arras) ; inconnue : 404, aucune des trois formes : 400.");

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var routeDeCollectivite = context.ApiDescription.RelativePath?.StartsWith("api/v1/collectivites/{id}", StringComparison.Ordinal) == true;
        foreach (var parametre in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parametre.Name is null) continue;
            var connu = routeDeCollectivite && parametre.Name == "id" ? Collectivite : Parametres.GetValueOrDefault(parametre.Name);
            if (connu is null) continue;
            parametre.Description ??= connu.Description;
            if (connu.Contraintes is not null && parametre.Schema is OpenApiSchema schema) connu.Contraintes(schema);
        }
    }
}

/// <summary>The same for the properties of bodies: the closed sets and bounds the validators and the domain enforce.</summary>
internal sealed class ProprietesDocumentees : ISchemaFilter
{
    public const string MotifCode = "^[a-z0-9]+(?:-[a-z0-9]+)*$";

    private static Action<OpenApiSchema> Code => s => { s.Pattern = MotifCode; s.MaxLength = Referentiel.LongueurMaxCode; };
    private static Action<OpenApiSchema> Codes => s => { if (s.Items is OpenApiSchema e) Code(e); };
    private static Action<OpenApiSchema> Liens => s =>
    {
        if (s.Items is OpenApiSchema e) { e.Format = "uri"; e.Pattern = "^https?://"; e.MaxLength = Domain.Candidatures.FicheAction.LongueurMaxLien; }
        s.MaxItems = Domain.Candidatures.FicheAction.NombreMaxLiens;
    };

    /// <summary>An imported date: ISO 8601, or as French spreadsheets write it (docs/import.md).</summary>
    private static Action<OpenApiSchema> DateImportee => s =>
    {
        s.Format = null;
        s.Pattern = "^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}/[0-9]{2}/[0-9]{4})$";
        s.Description = "AAAA-MM-JJ (2022-02-03) ou JJ/MM/AAAA (03/02/2022).";
    };

    private static Action<OpenApiSchema> Role => s => s.Enum = [.. Roles.Tous.Select(r => (JsonNode)JsonValue.Create(r))];

    private static Action<OpenApiSchema> Scopes => s =>
    {
        if (s.Items is OpenApiSchema element) element.Enum = [.. Domain.Securite.JetonApi.ScopesConnus.Select(r => (JsonNode)JsonValue.Create(r))];
    };

    private static Action<OpenApiSchema> CibleWebhook => s =>
    {
        s.Format = "uri";
        // As the validator reads it: the scheme in any case, no space.
        s.Pattern = "^[hH][tT][tT][pP][sS]?://[^\\s\\\\]+$";
        s.MaxLength = Domain.Webhooks.Abonnement.LongueurUrlMax;
        s.Description = "HTTPS vers une adresse publique (hors configuration Webhooks:CiblesPermises), sans identifiants ni fragment.";
    };

    private static Action<OpenApiSchema> TypesWebhook => s =>
    {
        if (s.Items is OpenApiSchema element) element.Enum = [.. Domain.Webhooks.TypesEvenement.Abonnables.Select(t => (JsonNode)JsonValue.Create(t))];
        s.MinItems = 1;
    };

    private static Action<OpenApiSchema> TypeEvenement => s =>
        s.Enum = [.. Domain.Webhooks.TypesEvenement.Abonnables.Append(Domain.Webhooks.TypesEvenement.Ping).Select(t => (JsonNode)JsonValue.Create(t))];

    private static Action<OpenApiSchema> DescriptionWebhook => s => s.MaxLength = Domain.Webhooks.Abonnement.LongueurDescriptionMax;

    private static Action<OpenApiSchema> EditionWebhook => s =>
    {
        s.Minimum = Edition.PremiereAnnee.ToString(System.Globalization.CultureInfo.InvariantCulture);
        s.Maximum = Edition.DerniereAnnee.ToString(System.Globalization.CultureInfo.InvariantCulture);
        s.Description = "Les événements de cette édition seulement ; absente, ceux de toutes.";
    };

    private static Action<OpenApiSchema> Arobases => ParametresDocumentes.Arobases;

    private static Action<OpenApiSchema> Minimum(int minimum) => s => s.Minimum = minimum.ToString();

    /// <summary>The password rules of the accounts (Identity's options in Infrastructure's DependencyInjection).</summary>
    private static Action<OpenApiSchema> MotDePasse => s =>
    {
        s.MinLength = 12;
        s.Pattern = "^(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9]).{12,}$";
        s.Description = "12 caractères au moins, dont une minuscule, une majuscule et un chiffre.";
    };

    private static readonly Dictionary<(Type, string), Action<OpenApiSchema>> Contraintes = new()
    {
        [(typeof(Application.Editions.EnjeuDto), "code")] = Code,
        [(typeof(Application.Editions.ServiceDto), "code")] = Code,
        [(typeof(Application.Editions.MentionDto), "code")] = Code,
        [(typeof(Application.Jury.CritereDto), "code")] = Code,
        [(typeof(Application.Jury.CritereDto), "max")] = s => s.Description = "Plus grand que min.",
        [(typeof(Application.Jury.CritereDto), "poids")] = s => { s.Minimum = "0"; s.Description = "Positif pour un critère compté dans le total."; },
        [(typeof(Endpoints.GrilleSaisie), "seuilsArobases")] = s =>
        {
            s.MinItems = Grille.NombreSeuils;
            s.MaxItems = Grille.NombreSeuils;
            s.Description = "Les scores (0–100, croissants strictement) à partir desquels un dossier est proposé 2, 3, 4 et 5 @.";
        },
        [(typeof(Application.Candidatures.FicheSaisie), "services")] = Codes,
        [(typeof(Application.Candidatures.FicheSaisie), "enjeux")] = Codes,
        [(typeof(Application.Candidatures.FicheSaisie), "liens")] = Liens,
        [(typeof(Application.Candidatures.FicheSaisie), "dateFin")] = s => s.Description = "Absente pour une action en cours (enCours: true), sinon postérieure à dateDebut.",
        [(typeof(Application.Comptes.CreerCompte), "email")] = s => { s.Format = "email"; s.MaxLength = 256; },
        [(typeof(Application.Jury.AttachesDto), "codesInsee")] = s => { if (s.Items is OpenApiSchema e) e.Pattern = ParametresDocumentes.MotifCodeInsee; },
        [(typeof(Application.Jury.AttachesDto), "sirens")] = s => { if (s.Items is OpenApiSchema e) e.Pattern = ParametresDocumentes.MotifSiren; },
        [(typeof(Application.Jury.AttachesDto), "departements")] = s => { if (s.Items is OpenApiSchema e) e.Pattern = ParametresDocumentes.MotifDepartement; },
        [(typeof(Application.Comptes.ChangerMonMotDePasse), "nouveauMotDePasse")] = MotDePasse,
        [(typeof(Application.Comptes.CreerCompte), "collectiviteId")] = s => s.Description = "Requis pour le rôle collectivite, absent pour les autres.",
        [(typeof(Domain.Palmares.ParametresTen), "premiereEdition")] = Minimum(Edition.PremiereAnnee),
        [(typeof(Domain.Palmares.ParametresTen), "cinqArobasesRequis")] = Minimum(1),
        [(typeof(Domain.Palmares.ParametresTen), "dureeValidite")] = Minimum(1),
        [(typeof(Application.Comptes.CreerCompte), "role")] = Role,
        [(typeof(Application.Comptes.CompteDto), "role")] = Role,
        [(typeof(Application.Securite.CreerJeton), "scopes")] = Scopes,
        [(typeof(Application.Securite.JetonDto), "scopes")] = Scopes,
        [(typeof(Application.Webhooks.CreerAbonnement), "url")] = CibleWebhook,
        [(typeof(Endpoints.AbonnementSaisie), "url")] = CibleWebhook,
        [(typeof(Application.Webhooks.CreerAbonnement), "types")] = TypesWebhook,
        [(typeof(Endpoints.AbonnementSaisie), "types")] = TypesWebhook,
        [(typeof(Application.Webhooks.AbonnementDto), "types")] = TypesWebhook,
        [(typeof(Application.Webhooks.LivraisonDto), "type")] = TypeEvenement,
        [(typeof(Application.Webhooks.TentativeDto), "type")] = TypeEvenement,
        [(typeof(Application.Webhooks.CreerAbonnement), "description")] = DescriptionWebhook,
        [(typeof(Endpoints.AbonnementSaisie), "description")] = DescriptionWebhook,
        [(typeof(Application.Webhooks.CreerAbonnement), "edition")] = EditionWebhook,
        [(typeof(Endpoints.AbonnementSaisie), "edition")] = EditionWebhook,
        [(typeof(Endpoints.DecisionSaisie), "arobases")] = Arobases,
        [(typeof(Endpoints.DecisionSaisie), "mentions")] = Codes,
        [(typeof(Application.Securite.CreerJeton), "nom")] = s => { s.MinLength = 1; s.MaxLength = 100; },
        [(typeof(Application.Securite.CreerJeton), "expireLe")] = s =>
            s.Description = $"Dans le futur, {Domain.Securite.JetonApi.DureeMaxJours} jours au plus après la création.",
        [(typeof(Application.Comptes.CreerCompte), "motDePasse")] = s => { MotDePasse(s); s.MaxLength = 256; },
        [(typeof(Endpoints.GrilleSaisie), "criteres")] = s => { s.MinItems = 1; s.MaxItems = 50; },
        [(typeof(Application.Collectivites.CreerCollectivite), "codeInsee")] = s =>
        {
            s.Pattern = ParametresDocumentes.MotifCodeInsee;
            s.Description = "Une commune, par son code officiel géographique ; exactement l'un de codeInsee et siren.";
        },
        [(typeof(Application.Collectivites.CreerCollectivite), "siren")] = s =>
        {
            s.Pattern = ParametresDocumentes.MotifSiren;
            s.Description = "Un EPCI, par son SIREN (9 chiffres, le dernier une clé de Luhn) ; exactement l'un de codeInsee et siren.";
        },
        [(typeof(CollectiviteAImporter), "codeInsee")] = s =>
        {
            s.Pattern = ParametresDocumentes.MotifCodeInsee;
            s.Description = "Une commune, par son code officiel géographique ; exactement l'un de codeInsee et siren.";
        },
        [(typeof(CollectiviteAImporter), "siren")] = s =>
        {
            s.Pattern = ParametresDocumentes.MotifSiren;
            s.Description = "Un EPCI, par son SIREN (9 chiffres, le dernier une clé de Luhn) ; exactement l'un de codeInsee et siren.";
        },
        [(typeof(DistinctionAImporter), "arobases")] = Arobases,
        [(typeof(DistinctionAImporter), "mentions")] = Codes,
        [(typeof(FicheAImporter), "enjeux")] = Codes,
        [(typeof(FicheAImporter), "services")] = Codes,
        [(typeof(FicheAImporter), "liens")] = Liens,
        [(typeof(FicheAImporter), "dateDebut")] = DateImportee,
        [(typeof(FicheAImporter), "dateFin")] = DateImportee,
        [(typeof(Application.Candidatures.FicheSaisie), "reference")] = s => s.MaxLength = Domain.Candidatures.FicheAction.LongueurMaxReference,
        [(typeof(Application.Candidatures.FicheSaisie), "titre")] = s => s.MaxLength = Domain.Candidatures.FicheAction.LongueurMaxTitre,
        [(typeof(Application.Candidatures.FicheSaisie), "resume")] = s => s.MaxLength = Domain.Candidatures.FicheAction.LongueurMaxResume,
        [(typeof(Application.Candidatures.FicheSaisie), "description")] = s => s.MaxLength = Domain.Candidatures.FicheAction.LongueurMaxDescription,
        [(typeof(FicheAImporter), "reference")] = s => s.MaxLength = Domain.Candidatures.FicheAction.LongueurMaxReference,
        [(typeof(FicheAImporter), "titre")] = s => s.MaxLength = Domain.Candidatures.FicheAction.LongueurMaxTitre,
        [(typeof(FicheAImporter), "resume")] = s => s.MaxLength = Domain.Candidatures.FicheAction.LongueurMaxResume,
        [(typeof(FicheAImporter), "description")] = s => s.MaxLength = Domain.Candidatures.FicheAction.LongueurMaxDescription,
        [(typeof(Application.Editions.OuvrirEdition), "annee")] = s => { s.Minimum = Edition.PremiereAnnee.ToString(); s.Maximum = Edition.DerniereAnnee.ToString(); },
        [(typeof(Application.Editions.OuvrirEdition), "numero")] = s => s.Minimum = "1",
        [(typeof(Endpoints.RepartitionSaisie), "juresParDossier")] = s => { s.Minimum = "1"; s.Maximum = "20"; },
        // A dictionary to C#, but always the same five keys (CalculerChiffresCles): declared as such, a typed client reads
        // arobases["3"] as a number rather than a number that might be missing, for which it would have to invent a value.
        [(typeof(Application.Palmares.ChiffresClesDto), "arobases")] = s =>
        {
            var cles = Enumerable.Range(Domain.Distinctions.Distinction.ArobasesMin, Domain.Distinctions.Distinction.ArobasesMax).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            s.Properties = cles.ToDictionary(c => c, IOpenApiSchema (_) => new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "0" });
            s.Required = cles.ToHashSet();
            s.AdditionalProperties = null;
            s.AdditionalPropertiesAllowed = false;
            s.Description = "Le nombre de lauréats par nombre d'arobases : les cinq clés, de 1 à 5, toujours présentes.";
        },
    };

    /// <summary>
    /// Objects that take exactly one of two members, the other absent or null (a collectivité by its COG code or by its
    /// SIREN, as the validators and the import check it): two alternatives, so that a client or a fuzzer built from the
    /// document sends one, never both or neither.
    /// </summary>
    private static readonly Dictionary<Type, (string, string)> ExactementUnDe = new()
    {
        [typeof(Application.Collectivites.CreerCollectivite)] = ("codeInsee", "siren"),
        [typeof(CollectiviteAImporter)] = ("codeInsee", "siren"),
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema objet || objet.Properties is null) return;
        foreach (var (nom, propriete) in objet.Properties)
            if (propriete is OpenApiSchema p && Contraintes.TryGetValue((context.Type, nom), out var contrainte)) contrainte(p);
        if (ExactementUnDe.TryGetValue(context.Type, out var paire))
            objet.OneOf = [Seul(paire.Item1, paire.Item2), Seul(paire.Item2, paire.Item1)];

        static OpenApiSchema Seul(string present, string absent) => new()
        {
            Required = new HashSet<string> { present },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                [present] = new OpenApiSchema { Type = JsonSchemaType.String },
                [absent] = new OpenApiSchema { Type = JsonSchemaType.Null },
            },
        };
    }
}
