namespace Labels.Cli;

/// <summary>
/// A small command-line reader (<c>--name value</c>, <c>--name=value</c>, flags, positionals): the
/// project's central package list has no command-line library and two commands do not need one.
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, string> _valeurs = new(StringComparer.Ordinal);
    private readonly HashSet<string> _drapeaux = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Positionnels { get; }

    private Arguments(List<string> positionnels) => Positionnels = positionnels;

    /// <param name="avecValeur">Options that take a value (with their dashes).</param>
    /// <param name="drapeaux">Options without value.</param>
    public static Arguments Lire(IReadOnlyList<string> args, IReadOnlyCollection<string> avecValeur, IReadOnlyCollection<string> drapeaux)
    {
        var positionnels = new List<string>();
        var lus = new Arguments(positionnels);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                positionnels.AddRange(args.Skip(i + 1));
                break;
            }
            if (!arg.StartsWith('-') || arg == "-")
            {
                positionnels.Add(arg);
                continue;
            }
            var egal = arg.IndexOf('=', StringComparison.Ordinal);
            var nom = egal > 0 ? arg[..egal] : arg;
            if (drapeaux.Contains(nom))
            {
                if (egal > 0) throw new ErreurUsage($"{nom} takes no value.");
                lus._drapeaux.Add(nom);
            }
            else if (avecValeur.Contains(nom))
            {
                string valeur;
                if (egal > 0) valeur = arg[(egal + 1)..];
                else if (i + 1 < args.Count) valeur = args[++i];
                else throw new ErreurUsage($"{nom} needs a value.");
                if (!lus._valeurs.TryAdd(nom, valeur)) throw new ErreurUsage($"{nom} is given twice.");
            }
            else throw new ErreurUsage($"unknown option {nom}.");
        }
        return lus;
    }

    public bool A(string drapeau) => _drapeaux.Contains(drapeau);

    public string? Valeur(string nom) => _valeurs.GetValueOrDefault(nom);

    public int Entier(string nom, int? parDefaut, int min, int max)
    {
        var texte = Valeur(nom);
        if (texte is null) return parDefaut ?? throw new ErreurUsage($"{nom} is required.");
        if (!int.TryParse(texte, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n)
            || n < min || n > max)
            throw new ErreurUsage($"{nom} expects an integer between {min} and {max}, not « {texte} ».");
        return n;
    }
}
