using Labels.Domain.Commun;

namespace Labels.Domain.Editions;

/// <summary>One criterion of the scoring grid. Non-counting criteria (a suggested mention) are kept but not summed.</summary>
public sealed record Critere(string Code, string Nom, decimal Min, decimal Max, decimal Poids, bool CompteDansLeTotal);

/// <summary>
/// The scoring grid of an édition and the thresholds for 2 to 5 @ (below the first: 1 @). An
/// evaluation's score is the weighted mean of its counting criteria, each note rescaled to 0–100.
/// </summary>
public sealed class Grille
{
    public const int NombreSeuils = 4;
    public const decimal EchelleMax = 100m;

    private Grille(IReadOnlyList<Critere> criteres, IReadOnlyList<decimal> seuils)
    {
        Criteres = criteres;
        SeuilsArobases = seuils;
    }

    public IReadOnlyList<Critere> Criteres { get; }
    /// <summary>Scores (0–100) from which a dossier is proposed 2, 3, 4 and 5 @.</summary>
    public IReadOnlyList<decimal> SeuilsArobases { get; }

    public IEnumerable<Critere> CriteresComptes => Criteres.Where(c => c.CompteDansLeTotal);

    public static IReadOnlyList<(string Chemin, string Message)> Defauts(IReadOnlyList<Critere> criteres, IReadOnlyList<decimal> seuils)
    {
        var defauts = new List<(string, string)>();
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < criteres.Count; i++)
        {
            var c = criteres[i];
            if (!Referentiel.EstCodeValide(c.Code)) defauts.Add(($"criteres[{i}].code", "Code invalide : minuscules, chiffres et tirets."));
            else if (!codes.Add(c.Code)) defauts.Add(($"criteres[{i}].code", $"Le critère « {c.Code} » figure deux fois."));
            if (string.IsNullOrWhiteSpace(c.Nom) || c.Nom.Length > Referentiel.LongueurMaxNom)
                defauts.Add(($"criteres[{i}].nom", "Le nom est requis (200 caractères au plus)."));
            if (c.Max <= c.Min) defauts.Add(($"criteres[{i}].max", "max doit dépasser min."));
            if (c.Poids < 0 || (c.CompteDansLeTotal && c.Poids == 0))
                defauts.Add(($"criteres[{i}].poids", "Un critère compté a un poids positif."));
        }
        if (!criteres.Any(c => c.CompteDansLeTotal)) defauts.Add(("criteres", "Au moins un critère compte dans le total."));
        if (seuils.Count != NombreSeuils)
            defauts.Add(("seuilsArobases", $"{NombreSeuils} seuils : pour 2, 3, 4 et 5 @."));
        else if (seuils.Any(s => s <= 0 || s > EchelleMax) || seuils.Zip(seuils.Skip(1)).Any(p => p.Second <= p.First))
            defauts.Add(("seuilsArobases", "Les seuils croissent strictement, entre 0 (exclu) et 100."));
        return defauts;
    }

    public static Grille Creer(IReadOnlyList<Critere> criteres, IReadOnlyList<decimal> seuils)
    {
        var defauts = Defauts(criteres, seuils);
        if (defauts.Count > 0) throw new DomainException($"Grille invalide : {defauts[0].Chemin} — {defauts[0].Message}");
        return new Grille(criteres.Select(c => c with { Nom = c.Nom.Trim() }).ToArray(), seuils.ToArray());
    }

    /// <summary>A grid for a new édition with no earlier one: four counting criteria on 0–10 and a suggested mention.</summary>
    public static Grille ParDefaut() => Creer(
        [
            new("qualite-services", "Qualité et utilité des services numériques", 0, 10, 3, true),
            new("inclusion", "Inclusion et médiation numérique", 0, 10, 2, true),
            new("participation", "Participation des habitants et démocratie locale", 0, 10, 2, true),
            new("sobriete", "Sobriété et numérique responsable", 0, 10, 1, true),
            new("mention-suggeree", "Mention suggérée (non comptée)", 0, 1, 0, false),
        ],
        [35m, 50m, 65m, 80m]);

    /// <summary>Why these notes cannot be recorded, by criterion, or nothing. A submitted evaluation notes every counting criterion.</summary>
    public IReadOnlyList<(string Critere, string Message)> DefautsDesNotes(IReadOnlyDictionary<string, decimal> notes, bool soumise)
    {
        var defauts = new List<(string, string)>();
        foreach (var (code, note) in notes)
        {
            var critere = Criteres.FirstOrDefault(c => c.Code == code);
            if (critere is null) defauts.Add((code, $"Critère inconnu de la grille : {code}."));
            else if (note < critere.Min || note > critere.Max)
                defauts.Add((code, $"La note de « {code} » va de {critere.Min} à {critere.Max}."));
        }
        if (soumise)
            foreach (var c in CriteresComptes.Where(c => !notes.ContainsKey(c.Code)))
                defauts.Add((c.Code, $"Une évaluation soumise note « {c.Code} »."));
        return defauts;
    }

    /// <summary>The weighted mean of the counting criteria, each note rescaled to 0–100; null when one is missing.</summary>
    public decimal? Score(IReadOnlyDictionary<string, decimal> notes)
    {
        decimal somme = 0, poids = 0;
        foreach (var c in CriteresComptes)
        {
            if (!notes.TryGetValue(c.Code, out var note)) return null;
            somme += c.Poids * (note - c.Min) / (c.Max - c.Min) * EchelleMax;
            poids += c.Poids;
        }
        return somme / poids;
    }

    /// <summary>1 @ below the first threshold; reaching a threshold (≥) earns its arobases.</summary>
    public int ArobasesPour(decimal score) => 1 + SeuilsArobases.Count(s => score >= s);

    public bool MemesCriteres(Grille autre) => Criteres.SequenceEqual(autre.Criteres);
}
