namespace Labels.Api.Securite;

/// <summary>
/// A list setting, given as a list (<c>Proxys:Connus:0</c>, <c>Proxys__Connus__0</c>…) or as one value separated by commas
/// (<c>Proxys__Connus=10.0.0.5,10.0.0.6</c>): a single environment variable is the easy way to set it, and a list given
/// that way must not read as an empty list.
/// </summary>
internal static class ListesDeConfiguration
{
    public static List<T> Lire<T>(IConfiguration configuration, string cle, Analyse<T> analyser, string attendu)
    {
        var section = configuration.GetSection(cle);
        var textes = (section.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(section.GetChildren().Select(e => e.Value?.Trim()).OfType<string>().Where(v => v.Length > 0));
        var valeurs = new List<T>();
        foreach (var texte in textes)
        {
            if (!analyser(texte, out var valeur))
                throw new InvalidOperationException($"{cle} contient « {texte} » : {attendu} est attendu.");
            valeurs.Add(valeur);
        }
        return valeurs;
    }

    public delegate bool Analyse<T>(string texte, out T valeur);
}
