namespace Labels.Api.Securite;

/// <summary>
/// What browsers may read across origins (CORS). Public reads are open to every origin; every other route, login and
/// refresh included, to the front-ends of <c>Cors:Origines</c> only (the jury's applications). Callers send bearer tokens,
/// never cookies: no policy allows credentials, so a page from elsewhere has nothing to borrow.
/// </summary>
public static class Origines
{
    /// <summary>The public reads' policy: their routes (Protections.LecturePublique) and the palmarès fast path apply it.</summary>
    public const string PolitiqueLecturePublique = "lecture-publique";
    public const string PolitiqueApplications = "applications";

    /// <summary>What a page of any origin may read of a public read's answer.</summary>
    private static readonly string[] ExposesALaLecturePublique = ["ETag", "Last-Modified", "Content-Disposition", "Retry-After"];

    private static readonly string ExposesEnUnEnTete = string.Join(", ", ExposesALaLecturePublique);

    /// <summary>
    /// A public read's CORS headers when the request carries no Origin (the CORS service writes them otherwise): the same
    /// answer with or without it, so that a shared cache's copy, fetched by a script, still serves a browser's page — the
    /// answer does not vary by Origin, and says so by carrying no Vary: Origin.
    /// </summary>
    internal static void OuvrirSansOrigine(HttpContext http)
    {
        if (http.Request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Origin)) return;
        var entetes = http.Response.Headers;
        entetes.AccessControlAllowOrigin = "*";
        entetes.AccessControlExposeHeaders = ExposesEnUnEnTete;
    }

    public static IServiceCollection AddOrigines(this IServiceCollection services, IConfiguration configuration)
    {
        var origines = ListesDeConfiguration.Lire<string>(configuration, "Cors:Origines", EssayerOrigine,
            "une origine, schéma et hôte sans chemin (https://jury.exemple.fr)");
        services.AddCors(o =>
        {
            o.AddPolicy(PolitiqueLecturePublique, p => p
                .AllowAnyOrigin()
                .WithMethods(HttpMethods.Get, HttpMethods.Head)
                // Authorization too: a front-end's signed-in staff read embargoed releases on these routes (a bearer token is
                // sent by the page's own code, never by the browser on its own).
                .WithHeaders("If-None-Match", "Authorization")
                .WithExposedHeaders(ExposesALaLecturePublique));
            o.AddPolicy(PolitiqueApplications, p => p
                .WithOrigins([.. origines])
                .WithMethods(HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete)
                .WithHeaders("Authorization", "Content-Type", "If-Match", "If-None-Match")
                .WithExposedHeaders("ETag", "Location", "Retry-After"));
        });
        return services;
    }

    /// <summary>
    /// The configured origins' policy on every route it is applied to. Routing then accepts a browser's preflight for
    /// these routes (an endpoint with CORS metadata takes OPTIONS with Access-Control-Request-Method), which the CORS
    /// middleware answers before authentication; a plain request with a method the route does not take still gets 405.
    /// </summary>
    public static TBuilder OuvertAuxApplications<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireCors(PolitiqueApplications);

    /// <summary>
    /// An origin as browsers send it: http(s), host, port when not the default, nothing else. A path or a trailing slash
    /// would never match and a wildcard would open the routes to every site: both are refused at start-up.
    /// </summary>
    internal static bool EssayerOrigine(string texte, out string origine)
    {
        origine = "";
        if (!Uri.TryCreate(texte, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || texte.Contains('*')
            || uri.UserInfo.Length > 0 || uri.PathAndQuery != "/" || uri.Fragment.Length > 0 || texte.EndsWith('/'))
            return false;
        origine = uri.GetLeftPart(UriPartial.Authority);
        return true;
    }
}
