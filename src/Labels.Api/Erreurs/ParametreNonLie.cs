using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Primitives;

namespace Labels.Api.Erreurs;

/// <summary>
/// The route, query or header parameter a request failed to bind, found again from the endpoint's own description of its
/// parameters (<see cref="IParameterBindingMetadata"/>, <c>[AsParameters]</c> members included) and the request's values,
/// rather than from the words of the framework's exception: which parameter, what it received (null when it is missing).
/// </summary>
internal sealed record ParametreNonLie(string Nom, string? Recu, Type Type)
{
    private static readonly ConcurrentDictionary<Type, Func<string, bool>> Lecteurs = new();

    public static ParametreNonLie? Trouver(HttpContext http)
    {
        // The exception handler's middleware clears the request's endpoint and route values before handlers run; its feature keeps them.
        var echec = http.Features.Get<IExceptionHandlerFeature>();
        if (Endpoint(http) is not { } endpoint) return null;
        var route = echec?.RouteValues ?? http.Request.RouteValues;
        foreach (var parametre in endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>())
        {
            var info = parametre.ParameterInfo;
            var type = Nullable.GetUnderlyingType(info.ParameterType) ?? info.ParameterType;
            if (!parametre.HasTryParse && type != typeof(string)) continue;
            if (Valeurs(http, route, info, parametre.Name) is not var (nom, valeurs)) continue;
            if (StringValues.IsNullOrEmpty(valeurs))
            {
                if (!parametre.IsOptional) return new(nom, null, type);
                continue;
            }
            foreach (var valeur in valeurs)
                if (valeur is not null && !Lisible(type, valeur)) return new(nom, valeur, type);
        }
        return null;
    }

    /// <summary>The endpoint that failed, which the exception handler's middleware keeps in its feature.</summary>
    public static Endpoint? Endpoint(HttpContext http) => http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();

    /// <summary>Where the framework reads a parameter: the source its attribute names, else the route when it has the name, else the query.</summary>
    private static (string Nom, StringValues Valeurs)? Valeurs(HttpContext http, RouteValueDictionary route, ParameterInfo info, string nom)
    {
        var attributs = info.GetCustomAttributes(true);
        if (attributs.OfType<IFromHeaderMetadata>().FirstOrDefault() is { } entete)
            return (entete.Name ?? nom, http.Request.Headers[entete.Name ?? nom]);
        if (attributs.OfType<IFromQueryMetadata>().FirstOrDefault() is { } requete)
            return (requete.Name ?? nom, http.Request.Query[requete.Name ?? nom]);
        if (attributs.OfType<IFromRouteMetadata>().FirstOrDefault() is { } deRoute)
            return (deRoute.Name ?? nom, route[deRoute.Name ?? nom]?.ToString());
        if (attributs.OfType<IFromBodyMetadata>().Any() || attributs.OfType<IFromFormMetadata>().Any() || attributs.OfType<IFromServiceMetadata>().Any())
            return null;
        return route.TryGetValue(nom, out var valeur) ? (nom, valeur?.ToString()) : (nom, http.Request.Query[nom]);
    }

    /// <summary>The type's own TryParse, with the invariant culture when it takes one, as the framework calls it.</summary>
    private static bool Lisible(Type type, string valeur) => Lecteurs.GetOrAdd(type, t =>
    {
        if (t == typeof(string)) return _ => true;
        var parRef = t.MakeByRefType();
        var avecCulture = t.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), parRef]);
        var sans = t.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), parRef]);
        if (t.IsEnum) return s => Enum.TryParse(t, s, true, out _);
        if (avecCulture is not null) return s => (bool)avecCulture.Invoke(null, [s, CultureInfo.InvariantCulture, null])!;
        if (sans is not null) return s => (bool)sans.Invoke(null, [s, null])!;
        // A type read some other way (BindAsync) is not ours to judge here.
        return _ => true;
    })(valeur);
}
