using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Labels.Api.Erreurs;
using Labels.Api.Securite;
using Labels.Application.Commun;
using Labels.Infrastructure.Persistance;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.OpenApi;

namespace Labels.Api;

public static class DependencyInjection
{
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddProtections(configuration);
        services.AddProxys(configuration);
        services.AddOrigines(configuration);
        // No "Server: Kestrel" on every answer: it tells an attacker what runs here and costs bytes on the hottest route.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o => o.AddServerHeader = false);
        AjouterPoolDeBlocs(services, configuration);
        services.AddMediator(options =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(Application.DependencyInjection).Assembly];
            options.PipelineBehaviors =
                [typeof(RelectureBehavior<,>), typeof(AutorisationBehavior<,>), typeof(ValidationBehavior<,>), typeof(TransactionBehavior<,>)];
        });

        services.AddHttpContextAccessor();
        // The HTML pages (Pages/): Razor components rendered to bytes on the server.
        services.AddSingleton<Pages.RenduHtml>();
        services.AddScoped<IUtilisateurCourant, UtilisateurCourant>();

        services.ConfigureHttpJsonOptions(o => ConfigurerJson(o.SerializerOptions));
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(o => ConfigurerJson(o.JsonSerializerOptions));
        // Binding failures become exceptions, so the one exception handler turns them into problem details.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

        // The framework's own answers (401, 403, 404, 405, 415…) titled in French, as ours are.
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c => Erreurs.TitresFrancais.Completer(c.ProblemDetails, c.HttpContext));
        services.AddSingleton<IProblemDetailsWriter, EcrivainDeProblemes>();
        // The problem service asks its writers in the order they were added: the pages' comes before the framework's, which
        // would write JSON for a browser (its Accept ends with */*).
        services.Insert(0, ServiceDescriptor.Singleton<IProblemDetailsWriter, Pages.EcrivainDePagesDErreur>());
        services.AddExceptionHandler<GestionnaireExceptions>();

        // One bearer header, two kinds of tokens: a person's (Identity) or a script's API token (lbl_…).
        services.AddAuthentication("Labels")
            .AddPolicyScheme("Labels", "Jeton de personne ou d'API", o => o.ForwardDefaultSelector = http =>
                JetonsApiHandler.LireSecret(http.Request) is null ? SessionsHandler.Schema : JetonsApiHandler.Schema)
            .AddScheme<AuthenticationSchemeOptions, JetonsApiHandler>(JetonsApiHandler.Schema, _ => { })
            .AddScheme<AuthenticationSchemeOptions, SessionsHandler>(SessionsHandler.Schema, _ => { })
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(1);
                o.RefreshTokenExpiration = TimeSpan.FromDays(14);
            });
        services.AddAuthorizationBuilder()
            // A route that forgets to declare who may call it is closed, not open.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Politiques.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Politiques.Jure, p => p.RequireRole(Roles.Jure))
            .AddPolicy(Politiques.AdminOuCollectivite, p => p.RequireRole(Roles.Admin, Roles.Collectivite))
            .AddPolicy(Politiques.AdminOuJure, p => p.RequireRole(Roles.Admin, Roles.Jure))
            .AddPolicy(Politiques.LecteurDeDossier, p => p.RequireRole(Roles.Admin, Roles.Collectivite, Roles.Jure));

        services.AddSingleton<Publication.ChiffresClesPublies>();
        services.AddSingleton<Publication.PalmaresPublies>();
        services.AddSingleton<Application.Palmares.IPalmaresPublies>(sp => sp.GetRequiredService<Publication.PalmaresPublies>());
        services.AddSingleton<Publication.ExportPalmares>();

        services.AddHealthChecks()
            .AddDbContextCheck<LabelsDbContext>("base", tags: ["ready"])
            .AddCheck<MigrationsAppliquees>("migrations", tags: ["ready"]);

        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Labels — Territoires, Villes et Villages Internet",
                Version = "v1",
                Description = "API du label national : éditions, candidatures, fiches actions, jury, palmarès. "
                    + "Authentification : `Authorization: Bearer <accessToken>` obtenu par POST /api/v1/auth/login.",
            });
            o.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Jeton d'accès d'une personne (POST /api/v1/auth/login), ou jeton d'API d'un script (lbl_…, POST /api/v1/jetons) "
                    + "limité à ses scopes : imports:write, audit:read, palmares:read, webhooks:write, metriques:read.",
            });
            o.OperationFilter<Documentation.SecuriteOperationFilter>();
            o.OperationFilter<Documentation.CorpsImportOperationFilter>();
            o.CustomSchemaIds(NomDeSchema);
            o.DocumentFilter<Documentation.DocumentOpenApi>();
            o.DocumentFilter<Documentation.SondesDeSante>();
            o.DocumentFilter<Documentation.MetriquesDocumentees>();
            o.DocumentFilter<Documentation.WebhooksDocumentes>();
            o.OperationFilter<Documentation.ReponsesCsvOperationFilter>();
            o.OperationFilter<Documentation.ParametresDocumentes>();
            o.OperationFilter<Documentation.ExemplesOperationFilter>();
            o.OperationFilter<Documentation.EnTetesDeReponse>();
            o.OperationFilter<Documentation.ReponsesCommunes>();
            o.SchemaFilter<Documentation.ProprietesDocumentees>();
            o.SchemaFilter<Documentation.ReferencesNullables>();
            // Nullable as the C# types say (a string? is nullable, a string is not), required as the answers are written.
            o.SupportNonNullableReferenceTypes();
            o.NonNullableReferenceTypesAsRequired();
            o.SchemaFilter<Documentation.ReponsesCompletes>();
            o.SchemaFilter<Documentation.ProblemesDocumentes>();
            o.DocumentFilter<Documentation.ReponsesCompletes>();
        });
        return services;
    }

    /// <summary>The name a client's generator gives a type: <c>PageDeCollectiviteDto</c>, not the CLR's full name.</summary>
    internal static string NomDeSchema(Type type) =>
        (type.IsNested ? type.DeclaringType!.Name : "")
        + (type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] + string.Concat(type.GetGenericArguments().Select(NomDeSchema)) : type.Name);

    private static void ConfigurerJson(JsonSerializerOptions o)
    {
        o.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // Ours reads and writes; the framework's, after it, only tells the document's generator that enums are strings.
        o.Converters.Add(new EnumerationsStrictes());
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        o.Converters.Add(new InstantUtcConverter());
        o.Converters.Add(new ChaineSansNul());
        // A misspelt or forbidden property is an error, not silently ignored.
        o.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        o.AllowDuplicateProperties = false;
        o.MaxDepth = 32;
        // A number is a JSON number: "2026" is a text (the web defaults would read it, and only for numbers).
        o.NumberHandling = JsonNumberHandling.Strict;
        o.TypeInfoResolver = (o.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(ProprietesRequises.Marquer);
    }

    /// <summary>
    /// Serveur:TailleDesBlocs (bytes, default 32 KiB) sizes the blocks Kestrel reads and writes sockets with;
    /// 0 keeps Kestrel's own 4 KiB pool. Registered after Kestrel's default, so it is the one resolved.
    /// </summary>
    internal static void AjouterPoolDeBlocs(IServiceCollection services, IConfiguration configuration)
    {
        var taille = configuration.GetValue("Serveur:TailleDesBlocs", 32 * 1024);
        if (taille == 0) return;
        if (taille is < 4096 or > 1 << 20)
            throw new InvalidOperationException($"Serveur:TailleDesBlocs vaut {taille} : 0 (pool de Kestrel) ou de 4096 à 1048576 octets.");
        services.AddSingleton<Microsoft.AspNetCore.Connections.IMemoryPoolFactory<byte>>(sp =>
            new Reglages.FabriqueDePoolsDeBlocs(taille, sp.GetRequiredService<TimeProvider>()));
    }
}
