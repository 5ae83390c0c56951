using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

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
            erreurs.Add((Application.Commun.ChaineSansNul.Visible(chemin),
                NombreEnTexteIllisible(element, type, options) ? MessagesJson.DemiCaractere : MessagesJson.Refus(e, type)));
            return null;
        }
    }

    /// <summary>
    /// A number written as a string, which the options read (JsonSerializerDefaults.Web), whose text cannot be made: its bytes are
    /// valid UTF-8 (LecteurJson refused the file otherwise), so an escape writes half a surrogate pair, and the serializer, which
    /// makes that text before it reads the number, stopped there. (A string read as a string is refused so by ChaineImportee.)
    /// </summary>
    private static bool NombreEnTexteIllisible(JsonElement element, Type type, JsonSerializerOptions options)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (element.ValueKind != JsonValueKind.String || (options.NumberHandling & JsonNumberHandling.AllowReadingFromString) == 0
            || !(type.IsPrimitive && type != typeof(bool) && type != typeof(char) || type == typeof(decimal)))
            return false;
        try
        {
            element.GetString();
            return false;
        }
        catch (InvalidOperationException)
        {
            return true;
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
