using System.Text.RegularExpressions;
using Labels.Domain.Commun;

namespace Labels.Domain.Editions;

public sealed record ServiceNumerique(string Code, string Nom);

public sealed record Enjeu(string Code, string Nom, IReadOnlyList<ServiceNumerique> Services);

public sealed record TypeMention(string Code, string Nom);

/// <summary>
/// The classification of one édition: its enjeux, the services under them and the mentions
/// offered. A value: replaced whole, cloned into the next édition.
/// </summary>
public sealed partial class Referentiel
{
    public const int LongueurMaxCode = 64;
    public const int LongueurMaxNom = 200;

    private Referentiel(IReadOnlyList<Enjeu> enjeux, IReadOnlyList<TypeMention> mentions)
    {
        Enjeux = enjeux;
        Mentions = mentions;
    }

    public IReadOnlyList<Enjeu> Enjeux { get; }
    public IReadOnlyList<TypeMention> Mentions { get; }

    public int NombreServices => Enjeux.Sum(e => e.Services.Count);
    public bool ClasseParServices => NombreServices > 0;

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex CodeRegex();

    /// <summary>Codes are lower-case slugs (`democratie-locale`): they appear in URLs and CSV columns.</summary>
    public static bool EstCodeValide(string? code) =>
        code is { Length: > 0 and <= LongueurMaxCode } && CodeRegex().IsMatch(code);

    /// <summary>Every reason the given content cannot be a référentiel, with the path of the faulty item.</summary>
    public static IReadOnlyList<(string Chemin, string Message)> Defauts(
        IReadOnlyList<Enjeu> enjeux, IReadOnlyList<TypeMention> mentions)
    {
        var defauts = new List<(string, string)>();
        var codesEnjeux = new HashSet<string>(StringComparer.Ordinal);
        var codesServices = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < enjeux.Count; i++)
        {
            var e = enjeux[i];
            VerifierElement($"enjeux[{i}]", e.Code, e.Nom, codesEnjeux, "enjeu", defauts);
            for (var j = 0; j < e.Services.Count; j++)
            {
                var s = e.Services[j];
                VerifierElement($"enjeux[{i}].services[{j}]", s.Code, s.Nom, codesServices, "service", defauts);
            }
        }
        var codesMentions = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < mentions.Count; i++)
            VerifierElement($"mentions[{i}]", mentions[i].Code, mentions[i].Nom, codesMentions, "mention", defauts);
        return defauts;
    }

    private static void VerifierElement(string chemin, string? code, string? nom, HashSet<string> vus, string quoi,
        List<(string, string)> defauts)
    {
        if (!EstCodeValide(code))
            defauts.Add(($"{chemin}.code", $"Code de {quoi} invalide : minuscules, chiffres et tirets, {LongueurMaxCode} caractères au plus."));
        else if (!vus.Add(code!))
            defauts.Add(($"{chemin}.code", $"Le code de {quoi} « {code} » figure deux fois."));
        if (string.IsNullOrWhiteSpace(nom) || nom.Length > LongueurMaxNom)
            defauts.Add(($"{chemin}.nom", $"Le nom est requis ({LongueurMaxNom} caractères au plus)."));
    }

    public static Referentiel Creer(IReadOnlyList<Enjeu> enjeux, IReadOnlyList<TypeMention> mentions)
    {
        var defauts = Defauts(enjeux, mentions);
        if (defauts.Count > 0)
            throw new DomainException($"Référentiel invalide : {defauts[0].Chemin} — {defauts[0].Message}");
        return new Referentiel(
            enjeux.Select(e => e with { Nom = e.Nom.Trim(), Services = e.Services.Select(s => s with { Nom = s.Nom.Trim() }).ToArray() }).ToArray(),
            mentions.Select(m => m with { Nom = m.Nom.Trim() }).ToArray());
    }

    /// <summary>The 2017+ « mosaïque »: 16 enjeux, no services (the real 139 are not public), the 2022 mentions.</summary>
    public static Referentiel ParDefaut() => Creer(
        [
            new("emploi", "Emploi", []),
            new("culture", "Culture", []),
            new("patrimoine", "Patrimoine", []),
            new("services-publics", "Services publics", []),
            new("identite", "Identité", []),
            new("education", "Éducation", []),
            new("democratie-locale", "Démocratie locale", []),
            new("cooperation", "Coopération", []),
            new("vie-quotidienne", "Vie quotidienne", []),
            new("developpement-economique", "Développement économique", []),
            new("solidarites", "Solidarités", []),
            new("vie-associative", "Vie associative", []),
            new("cohesion-sociale", "Cohésion sociale", []),
            new("attractivite", "Attractivité", []),
            new("mediation", "Médiation", []),
            new("innovation", "Innovation", []),
        ],
        [
            new("democratie-locale", "Démocratie locale"),
            new("mediation-numerique", "Médiation numérique"),
            new("numerique-educatif", "Numérique éducatif"),
            new("arobase-verte", "Arobase verte"),
        ]);

    public bool ConnaitMention(string code) => Mentions.Any(m => m.Code == code);

    /// <summary>
    /// Resolves what a fiche names into its services and enjeux. When the édition has services a
    /// fiche names services (its enjeux follow from them); otherwise it names enjeux directly.
    /// </summary>
    public (string[] Services, string[] Enjeux) Classer(IReadOnlyCollection<string> services, IReadOnlyCollection<string> enjeux)
    {
        if (ClasseParServices)
        {
            if (services.Count == 0)
                throw new DonneeInacceptableException("services", "Cette édition classe les fiches par services : indiquez au moins un service.");
            if (enjeux.Count > 0)
                throw new DonneeInacceptableException("enjeux", "Cette édition classe les fiches par services : les enjeux découlent des services, ne les indiquez pas.");
            var parService = Enjeux.SelectMany(e => e.Services.Select(s => (s.Code, Enjeu: e.Code))).ToDictionary(x => x.Code, x => x.Enjeu);
            var inconnus = services.Where(s => !parService.ContainsKey(s)).ToArray();
            if (inconnus.Length > 0)
                throw new DonneeInacceptableException("services", $"Service(s) inconnu(s) dans cette édition : {string.Join(", ", inconnus)}.");
            var s = services.Distinct().Order(StringComparer.Ordinal).ToArray();
            return (s, s.Select(code => parService[code]).Distinct().Order(StringComparer.Ordinal).ToArray());
        }
        if (services.Count > 0)
            throw new DonneeInacceptableException("services", "Cette édition n'a pas de services : indiquez des enjeux.");
        if (enjeux.Count == 0)
            throw new DonneeInacceptableException("enjeux", "Indiquez au moins un enjeu.");
        var inconnusE = enjeux.Where(e => Enjeux.All(x => x.Code != e)).ToArray();
        if (inconnusE.Length > 0)
            throw new DonneeInacceptableException("enjeux", $"Enjeu(x) inconnu(s) dans cette édition : {string.Join(", ", inconnusE)}.");
        return ([], enjeux.Distinct().Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// The codes in use (by fiches or distinctions) that <paramref name="nouveau"/> would drop or
    /// move to another enjeu: replacing the référentiel must not orphan a classified fiche.
    /// </summary>
    public IReadOnlyList<string> CodesPerdus(Referentiel nouveau, IReadOnlySet<string> codesUtilises)
    {
        var perdus = new List<string>();
        foreach (var e in Enjeux.Where(e => codesUtilises.Contains("enjeu:" + e.Code)))
            if (nouveau.Enjeux.All(n => n.Code != e.Code)) perdus.Add(e.Code);
        foreach (var e in Enjeux)
            foreach (var s in e.Services.Where(s => codesUtilises.Contains("service:" + s.Code)))
                if (!nouveau.Enjeux.Any(n => n.Code == e.Code && n.Services.Any(x => x.Code == s.Code))) perdus.Add(s.Code);
        foreach (var m in Mentions.Where(m => codesUtilises.Contains("mention:" + m.Code)))
            if (!nouveau.ConnaitMention(m.Code)) perdus.Add(m.Code);
        return perdus;
    }
}
