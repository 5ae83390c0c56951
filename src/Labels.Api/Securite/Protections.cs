using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Mvc;
using Labels.Application.Commun;
using Microsoft.AspNetCore.WebUtilities;

namespace Labels.Api.Securite;

/// <summary>Abuse limits, request time limits and security headers, set up in one place.</summary>
public static class Protections
{
    public const string PolitiqueAuthentification = "authentification";
    public const string PolitiqueSansDelai = "sans-delai";

    public static IServiceCollection AddProtections(this IServiceCollection services, IConfiguration configuration)
    {
        var limites = configuration.GetSection("LimitesDeDebit").Get<LimitesDeDebit>() ?? new LimitesDeDebit();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(PolitiqueAuthentification, http => ParClient(http, limites.Authentification));
            o.OnRejected = (contexte, _) => new ValueTask(RefuserAsync(contexte.HttpContext, contexte.Lease));
        });
        services.AddSingleton(new LimiteurLecturePublique(limites.LecturePublique));
        // Long requests hold connections and memory: everything answers within 30 s, imports excepted (they stream large files).
        services.AddRequestTimeouts(o =>
        {
            o.DefaultPolicy = new RequestTimeoutPolicy { Timeout = TimeSpan.FromSeconds(30), TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable };
            o.AddPolicy(PolitiqueSansDelai, new RequestTimeoutPolicy { Timeout = Timeout.InfiniteTimeSpan });
        });
        return services;
    }

    /// <summary>429 with Retry-After and a problem body, for every limit of the API.</summary>
    public static async Task RefuserAsync(HttpContext http, RateLimitLease bail)
    {
        var attente = bail.TryGetMetadata(MetadataName.RetryAfter, out var delai) ? delai : TimeSpan.FromMinutes(1);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(attente.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = "https://tools.ietf.org/html/rfc6585#section-4",
                Title = "Trop de requêtes",
                Detail = $"Réessayez dans {(int)Math.Ceiling(attente.TotalSeconds)} s.",
            },
        });
    }

    /// <summary>
    /// A public read: anonymous, CORS open for GET, and counted against the client's public-reading limit.
    /// </summary>
    public static TBuilder LecturePublique<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AllowAnonymous().RequireCors(Origines.PolitiqueLecturePublique).WithMetadata(LimiteurLecturePublique.Marque);

    /// <summary>
    /// Applies the public-reading limit to the routes marked by <see cref="LecturePublique{TBuilder}"/>, and their CORS headers
    /// to a request without Origin.
    /// </summary>
    public static IApplicationBuilder UseLimiteLecturePublique(this IApplicationBuilder app)
    {
        var limiteur = app.ApplicationServices.GetRequiredService<LimiteurLecturePublique>();
        return app.Use(async (http, next) =>
        {
            var publique = http.GetEndpoint()?.Metadata.GetMetadata<LimiteurLecturePublique.MarqueLecturePublique>() is not null;
            // Written as the answer starts, as the CORS middleware does: an error answer keeps them too.
            if (publique) http.Response.OnStarting(() => { Origines.OuvrirSansOrigine(http); return Task.CompletedTask; });
            if (!publique || LimiteurLecturePublique.EstCompte(http))
            {
                await next();
                return;
            }
            using var bail = limiteur.Acquerir(http);
            if (bail.IsAcquired) await next();
            else await RefuserAsync(http, bail);
        });
    }

    internal static RateLimitPartition<string> ParClient(HttpContext http, int parMinute) =>
        parMinute <= 0
            ? RateLimitPartition.GetNoLimiter("illimite")
            : RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "inconnu", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = parMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });

    /// <summary>
    /// Refuses an oversized body before it is read (413): by its Content-Length, or as it streams past
    /// the limit. Routes carrying their own limit (imports) are left to it.
    /// </summary>
    public static IApplicationBuilder UseLimiteDeCorps(this IApplicationBuilder app, long octets) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>() is null)
        {
            if (http.Request.ContentLength > octets)
                throw new BadHttpRequestException($"Le corps de la requête dépasse {octets / 1024} Ko.", StatusCodes.Status413PayloadTooLarge);
            if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limite)
                limite.MaxRequestBodySize = octets;
        }
        await next();
    });

    /// <summary>
    /// Requests that match no route are answered here, to every caller alike, before authorization would answer 401 for
    /// want of a route to read a policy from: 404 for an unknown path; 405 with <c>Allow</c> for a known path asked with
    /// another method (routing then selects a rejection endpoint of its own, not a route).
    /// </summary>
    public static IApplicationBuilder UseRoutesInconnues(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        switch (http.GetEndpoint())
        {
            case RouteEndpoint or { RequestDelegate: null }:
                await next();
                break;
            case null:
                await TypedResults.Problem("Cette route n'existe pas.", statusCode: StatusCodes.Status404NotFound, title: "Introuvable").ExecuteAsync(http);
                break;
            case { RequestDelegate: { } rejet }:
                await rejet(http);
                var statut = http.Response.StatusCode;
                var (titre, detail) = statut == StatusCodes.Status405MethodNotAllowed
                    ? ("Méthode non permise", $"Cette route accepte : {http.Response.Headers.Allow}.")
                    : (ReasonPhrases.GetReasonPhrase(statut), null);
                await TypedResults.Problem(detail, statusCode: statut, title: titre).ExecuteAsync(http);
                break;
        }
    });

    /// <summary>
    /// The query string as every route reads it, checked before anything does (400 naming the parameter):
    /// <list type="bullet">
    /// <item>one rule for the strings of every source (<see cref="ChaineSansNul"/>: no NUL, no U+FFFD). JSON bodies refuse them
    /// as they are read, imports line by line, the server a path that holds a NUL; only a query that holds one, escaped or not,
    /// is searched here;</item>
    /// <item>a parameter is given once: no route takes a list in its query, and the framework would otherwise bind
    /// <c>?departement=13&amp;departement=62</c> as the text « 13,62 », or refuse an integer for a value never sent.</item>
    /// </list>
    /// </summary>
    public static IApplicationBuilder UseChaineDeRequeteVerifiee(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var requete = http.Request.QueryString.Value;
        if (requete is not null && (requete.Contains("%00", StringComparison.Ordinal) || requete.Contains('\uFFFD')
                || requete.Contains("%EF%BF%BD", StringComparison.OrdinalIgnoreCase))
            && http.Request.Query.SelectMany(p => p.Value.Select(v => (p.Key, Refus: ChaineSansNul.Refus(v))))
                .FirstOrDefault(p => p.Refus is not null) is { Refus: { } refus } parametre)
        {
            await RefuserAsync(http, parametre.Key, $"Le paramètre {parametre.Key} est refusé : {char.ToLowerInvariant(refus[0])}{refus[1..]}");
            return;
        }
        if (requete is not null && requete.Contains('&') && http.Request.Query.FirstOrDefault(p => p.Value.Count > 1) is { Key: { } repete } p)
        {
            await RefuserAsync(http, repete, $"Le paramètre {repete} est donné {p.Value.Count} fois ("
                + string.Join(", ", p.Value.Select(v => $"« {ChaineSansNul.Citer(v ?? "")} »")) + ") ; donnez-le une seule fois.");
            return;
        }
        await next();

        static Task RefuserAsync(HttpContext http, string parametre, string detail)
        {
            Erreurs.TitresFrancais.NommerChamp(http, parametre);
            return TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Requête invalide").ExecuteAsync(http);
        }
    });

    /// <summary>
    /// RFC 9110 (section 11.1): the scheme of Authorization is case-insensitive and one or more spaces precede the
    /// credentials. The framework's bearer handler and the API tokens' read « Bearer » and one space exactly: the header is
    /// written that way once, before either reads it, so that <c>bearer lbl_…</c> is the same credential.
    /// </summary>
    public static IApplicationBuilder UseSchemaBearerCanonique(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        if (http.Request.Headers.Authorization is [{ } valeur] && valeur.IndexOf(' ') is 6 && valeur.StartsWith("bearer", StringComparison.OrdinalIgnoreCase)
            && (!valeur.StartsWith("Bearer", StringComparison.Ordinal) || valeur.Length > 7 && valeur[7] == ' '))
            http.Request.Headers.Authorization = "Bearer " + valeur[7..].TrimStart(' ');
        return next(http);
    });

    /// <summary>
    /// Credentials sent are credentials checked, on every route: a revoked, expired or made-up token answers 401, also where
    /// an anonymous caller would be served (docs/securite.md), so that a script learns its token is dead rather than read
    /// the public view (a 404 for a palmarès under embargo it used to see). The pages (Pages/AdressesDesPages.cs) show the public
    /// view whoever asks: a browser that still sends an old header reads them.
    /// </summary>
    public static IApplicationBuilder UseIdentifiantsVerifies(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // Login and refresh are how a dead session gets a new token: a front-end that still sends its expired one there is served.
        // The health probes say whether the instance serves, whoever asks.
        if (http.Request.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Authorization) && http.User.Identity?.IsAuthenticated != true
            && !http.Request.Path.StartsWithSegments("/api/v1/auth") && !http.Request.Path.StartsWithSegments("/health") && !Pages.AdressesDesPages.EstUnePage(http))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            await TypedResults.Problem("Ce jeton n'est pas valide : révoqué, expiré, d'un compte désactivé, ou inconnu. Reconnectez-vous, ou "
                + "n'envoyez pas d'en-tête Authorization pour une lecture publique.", statusCode: StatusCodes.Status401Unauthorized,
                title: "Non authentifié").ExecuteAsync(http);
            return;
        }
        await next();
    });

    /// <summary>
    /// Every answer says who may keep it, for the shared cache in front of the API (deploy/). What a signed-in caller reads
    /// may hold what only they may see (an embargoed release, a dossier): no shared cache keeps it, even where the route
    /// says public. An anonymous answer is kept only where its route said how long (Cache-Control or Expires): an error or
    /// a read that did not say may change at any moment, an embargo's end among them.
    /// </summary>
    private static void Cacher(HttpContext http, IHeaderDictionary entetes)
    {
        var cacheControl = entetes.CacheControl.ToString();
        if (http.User.Identity?.IsAuthenticated == true)
        {
            if (cacheControl.Length == 0 || entetes.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Expires)) entetes.CacheControl = "private, no-store";
            else if (cacheControl.StartsWith("public", StringComparison.Ordinal)) entetes.CacheControl = "private" + cacheControl["public".Length..];
            entetes.Remove(Microsoft.Net.Http.Headers.HeaderNames.Expires);
        }
        else if (cacheControl.Length == 0 && !entetes.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.Expires)) entetes.CacheControl = "no-store";
    }

    /// <summary>
    /// Headers on every answer. Swagger UI gets a CSP that allows its own files and nothing else; the HTML pages and the badge,
    /// theirs (<see cref="Pages.PoliceDeContenu"/>), their errors included; everything else <c>default-src 'none'</c>.
    /// </summary>
    public static IApplicationBuilder UseEntetesDeSecurite(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var entetes = http.Response.Headers;
            entetes.XContentTypeOptions = "nosniff";
            // An answer naming one origin differs by origin: a shared cache must not give it to another.
            if (entetes.AccessControlAllowOrigin is [{ } origine] && origine != "*" && !entetes.Vary.Any(v => v?.Contains("Origin") == true))
                entetes.Append(Microsoft.Net.Http.Headers.HeaderNames.Vary, "Origin");
            Cacher(http, entetes);
            entetes["Referrer-Policy"] = "no-referrer";
            // The pages (Endpoints/PagesEndpoints.cs) say theirs: styles from the served sheet, no script; the widget alone may be
            // framed by any site (X-Frame-Options cannot say "any", so it is left out there and the CSP decides).
            var police = Pages.AdressesDesPages.Police(http);
            if (police is not { CadrageOuvert: true }) entetes.XFrameOptions = "DENY";
            entetes.ContentSecurityPolicy = police?.Valeur ?? (http.Request.Path.StartsWithSegments("/swagger")
                ? "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'"
                : "default-src 'none'; frame-ancestors 'none'");
            return Task.CompletedTask;
        });
        await next();
    });
}
