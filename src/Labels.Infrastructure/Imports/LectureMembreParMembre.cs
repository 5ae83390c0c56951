using System.Collections;
using System.Reflection;
using System.Text.Json;

namespace Labels.Infrastructure.Imports;

/// <summary>
/// A dossier the serializer refused, read again member by member so that the report names each of its errors (docs/import.md:
/// every error, not only the first) where the serializer stops at the first. Each value that reads as it is keeps the
/// serializer's own meaning (the same options and converters); an object or a list that does not is opened and its members
/// read one by one; a value that reads at no level is an error of its path and is left null. Only refused dossiers come
/// here: a file without errors pays nothing for it.
/// </summary>
internal static class LectureMembreParMembre
{
    public static DossierJson Lire(ReadOnlyMemory<byte> dossier, JsonSerializerOptions options, string chemin, List<(string Chemin, string Message)> erreurs)
    {
        using var document = JsonDocument.Parse(dossier);
        return (DossierJson)Valeur(document.RootElement, typeof(DossierJson), chemin, options, erreurs)!;
    }

    private static object? Valeur(JsonElement element, Type type, string chemin, JsonSerializerOptions options, List<(string, string)> erreurs)
    {
        try
        {
            return element.Deserialize(type, options);
        }
        catch (JsonException e)
        {
            if (element.ValueKind == JsonValueKind.Object && type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type))
                return Objet(element, type, chemin, options, erreurs);
            if (element.ValueKind == JsonValueKind.Array && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
                return Liste(element, type, chemin, options, erreurs);
            erreurs.Add((Application.Commun.ChaineSansNul.Visible(chemin), MessagesJson.Refus(e)));
            return null;
        }
    }

    private static object Objet(JsonElement element, Type type, string chemin, JsonSerializerOptions options, List<(string, string)> erreurs)
    {
        var objet = Activator.CreateInstance(type)!;
        var vues = new HashSet<PropertyInfo>();
        foreach (var membre in element.EnumerateObject())
        {
            string nom;
            try
            {
                nom = membre.Name;
            }
            catch (InvalidOperationException)
            {
                // An escaped half of a surrogate pair: no text can be made of the name.
                erreurs.Add((chemin, MessagesJson.DemiCaractere));
                continue;
            }
            var ou = $"{chemin}.{nom}";
            // As the serializer reads it (JsonSerializerDefaults.Web): a name matches its property whatever its case.
            var propriete = type.GetProperty(nom, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (propriete is null) erreurs.Add((Application.Commun.ChaineSansNul.Visible(ou), MessagesJson.ProprieteInconnue));
            else if (!vues.Add(propriete)) erreurs.Add((Application.Commun.ChaineSansNul.Visible(ou), MessagesJson.ProprieteEnDouble));
            else propriete.SetValue(objet, Valeur(membre.Value, propriete.PropertyType, ou, options, erreurs));
        }
        return objet;
    }

    private static IList Liste(JsonElement element, Type type, string chemin, JsonSerializerOptions options, List<(string, string)> erreurs)
    {
        var liste = (IList)Activator.CreateInstance(type)!;
        var typeElement = type.GetGenericArguments()[0];
        var i = 0;
        foreach (var item in element.EnumerateArray())
            liste.Add(Valeur(item, typeElement, $"{chemin}[{i++}]", options, erreurs));
        return liste;
    }
}
