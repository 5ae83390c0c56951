using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace Labels.Application.Commun;

/// <summary>
/// Finds the null items of the lists a message carries (<c>{"enjeux":[null]}</c>, <c>"scopes":["palmares:read",null]</c>):
/// JSON lets a caller send them whatever the declared types, and no list of the domain has a use for them. Checked once
/// for every message, before its validators, so that no validator or handler ever meets one.
/// </summary>
public static class ElementsNuls
{
    private const int ProfondeurMax = 8;
    /// <summary>Per type, the properties a caller can have set (computed ones restate them and are left out).</summary>
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Proprietes = new();

    /// <returns>The JSON path of each null item, as the caller wrote it (camelCase), e.g. <c>enjeux[0]</c>.</returns>
    public static IReadOnlyList<string> Chemins(object message)
    {
        var chemins = new List<string>();
        Parcourir(message, "", chemins, 0);
        return chemins;
    }

    private static void Parcourir(object? valeur, string chemin, List<string> chemins, int profondeur)
    {
        if (valeur is null || profondeur > ProfondeurMax || EstFeuille(valeur.GetType())) return;
        if (valeur is IDictionary dictionnaire)
        {
            foreach (DictionaryEntry entree in dictionnaire)
            {
                var sousChemin = $"{chemin}.{entree.Key}";
                if (entree.Value is null) chemins.Add(sousChemin.TrimStart('.'));
                else Parcourir(entree.Value, sousChemin, chemins, profondeur + 1);
            }
            return;
        }
        if (valeur is IEnumerable liste)
        {
            var i = 0;
            foreach (var element in liste)
            {
                var sousChemin = $"{chemin}[{i++}]";
                if (element is null) chemins.Add(sousChemin.TrimStart('.'));
                else Parcourir(element, sousChemin, chemins, profondeur + 1);
            }
            return;
        }
        foreach (var propriete in Proprietes.GetOrAdd(valeur.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0 && !EstFeuille(p.PropertyType)).ToArray()))
            Parcourir(propriete.GetValue(valeur), $"{chemin}.{JsonNamingPolicy.CamelCase.ConvertName(propriete.Name)}", chemins, profondeur + 1);
    }

    /// <summary>Values with nothing inside to look at (and streams, which are read by their handler only).</summary>
    private static bool EstFeuille(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
        || type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(TimeSpan)
        || typeof(Stream).IsAssignableFrom(type) || type == typeof(JsonElement) || type == typeof(Type)
        || (Nullable.GetUnderlyingType(type) is { } sous && EstFeuille(sous));
}
