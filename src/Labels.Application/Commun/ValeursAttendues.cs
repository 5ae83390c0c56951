using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Labels.Application.Commun;

/// <summary>
/// What a value of a type is, in the words of a caller who never saw our types: for the messages that refuse a query parameter
/// or a JSON value of the wrong kind, whose framework messages are English and name C# types (« could not be converted to
/// System.Nullable`1[System.Int32] »). Both the API's bodies and the imports' JSON say it this way.
/// </summary>
public static partial class ValeursAttendues
{
    public const string Instant = "un instant ISO 8601 avec son fuseau (2022-02-03T14:00:00Z ou 2022-02-03T15:00:00+01:00)";
    public const string Date = "une date AAAA-MM-JJ (2022-02-03)";

    /// <param name="type">A type as the framework writes it: <c>Nullable&lt;int&gt;</c> or <c>int?</c> (binding), <c>Guid</c>,
    /// <c>System.Nullable`1[System.Int32]</c> (serializer), <c>Labels.Domain.Editions.StatutEdition</c>.</param>
    public static string De(string type)
    {
        var nom = type.Trim();
        if (nom.StartsWith("System.Nullable`1[", StringComparison.Ordinal) && nom.EndsWith(']')) nom = nom["System.Nullable`1[".Length..^1];
        else if (nom.StartsWith("Nullable<", StringComparison.Ordinal) && nom.EndsWith('>')) nom = nom["Nullable<".Length..^1];
        nom = nom.TrimEnd('?');
        if (nom.EndsWith("[]", StringComparison.Ordinal) || Liste().IsMatch(nom))
            return "une liste [ … ]";
        if (nom.Contains("Dictionary", StringComparison.Ordinal)) return "un objet { … }";
        return nom[(nom.LastIndexOf('.') + 1)..] switch
        {
            "int" or "Int32" or "long" or "Int64" or "short" or "Int16" or "byte" or "Byte" => "un nombre entier",
            "decimal" or "Decimal" or "double" or "Double" or "float" or "Single" => "un nombre",
            "bool" or "Boolean" => "true ou false",
            "Guid" => "un identifiant UUID (01a24fed-06fc-76dc-b342-c9ce19bf7151)",
            "DateOnly" => Date,
            "DateTimeOffset" or "DateTime" or "InstantDeRequete" => Instant,
            "string" or "String" => "un texte entre guillemets",
            _ when TypeDe(nom) is { IsEnum: true } enumeration => Enumeration(enumeration),
            _ => "un objet { … }",
        };
    }

    /// <summary>
    /// What a JSON value that the serializer refused should have been, when it says (a value of the wrong kind); null for the
    /// other refusals (malformed JSON, an unknown or repeated property).
    /// </summary>
    public static string? De(JsonException exception)
    {
        if (NonConvertible().Match(exception.Message) is not { Success: true } type) return null;
        // A record read through its constructor is named in place of its member: the member is the path's last name.
        if (TypeDe(type.Groups[1].Value) is { IsEnum: false } conteneur && Membre(conteneur, exception.Path) is { } membre)
            return De(membre);
        return De(type.Groups[1].Value);
    }

    public static string De(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum) return Enumeration(type);
        if (type != typeof(string) && typeof(IDictionary).IsAssignableFrom(type)) return "un objet { … }";
        if (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type)) return "une liste [ … ]";
        return De(type.FullName ?? type.Name);
    }

    /// <summary>The type of the member a JSON path ends with (<c>$.criteres[0].max</c>: <c>max</c>), or of its items.</summary>
    private static Type? Membre(Type conteneur, string? chemin)
    {
        var point = chemin?.LastIndexOf('.') ?? -1;
        if (point < 0) return null;
        var nom = chemin![(point + 1)..];
        var crochet = nom.IndexOf('[');
        var element = crochet >= 0;
        if (element) nom = nom[..crochet];
        var type = conteneur.GetProperty(nom, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
        if (type is null || !element) return type;
        return type.IsArray ? type.GetElementType()
            : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[^1] : null;
    }

    /// <summary>A type of ours, named in full as the serializer names it.</summary>
    private static Type? TypeDe(string nomComplet) => nomComplet.StartsWith("Labels.", StringComparison.Ordinal)
        ? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(nomComplet)).FirstOrDefault(t => t is not null)
        : null;

    /// <summary>The JSON names (camelCase) of an enumeration of ours.</summary>
    private static string Enumeration(Type type) =>
        $"l'une des valeurs {string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName))}";

    [GeneratedRegex(@"(List|Enumerable|Collection|Set)(`1\[|<)")]
    private static partial Regex Liste();

    [GeneratedRegex(@"could not be converted to (\S+?)\. Path:")]
    private static partial Regex NonConvertible();
}
