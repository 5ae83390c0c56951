namespace Labels.Domain.Jury;

/// <summary>A submitted evaluation reduced to what deliberation needs: whose, on which dossier, its 0–100 score.</summary>
public sealed record ScoreSoumis(Guid CandidatureId, Guid JureId, decimal Score);

public sealed record StatistiquesDossier(
    Guid CandidatureId,
    int NombreEvaluations,
    decimal? Moyenne,
    decimal? Mediane,
    decimal? EcartType,
    decimal? MoyenneNormalisee,
    bool Desaccord);

public sealed record StatistiquesJure(Guid JureId, int NombreSoumises, decimal? Moyenne, decimal? EcartType);

/// <summary>
/// The figures of deliberation (rule 5). Spreads are population standard deviations. The
/// normalised mean corrects each juror's leniency: a score becomes its z-score among that juror's
/// scores of the édition, mapped back onto the édition-wide mean and spread, clamped to 0–100.
/// </summary>
public static class Deliberation
{
    /// <summary>Jurors disagree on a dossier when its scores spread by more than this many points (0–100 scale).</summary>
    public const decimal SeuilDesaccord = 15m;

    public static (IReadOnlyDictionary<Guid, StatistiquesDossier> Dossiers, IReadOnlyDictionary<Guid, StatistiquesJure> Jures) Calculer(
        IReadOnlyCollection<ScoreSoumis> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var toutes = scores.Select(s => s.Score).ToArray();
        var (moyenneGlobale, ecartGlobal) = toutes.Length == 0 ? (0m, 0m) : (Moyenne(toutes), EcartType(toutes));

        var jures = scores.GroupBy(s => s.JureId).ToDictionary(g => g.Key, g =>
        {
            var valeurs = g.Select(s => s.Score).ToArray();
            return new StatistiquesJure(g.Key, valeurs.Length, Moyenne(valeurs), EcartType(valeurs));
        });

        decimal Normaliser(ScoreSoumis s)
        {
            var j = jures[s.JureId];
            // A juror with one score, or the same score everywhere, says nothing of their leniency: no correction beyond the mean.
            var z = j.EcartType is > 0 ? (s.Score - j.Moyenne!.Value) / j.EcartType.Value : 0m;
            return Math.Clamp(moyenneGlobale + z * ecartGlobal, 0m, Editions.Grille.EchelleMax);
        }

        var dossiers = scores.GroupBy(s => s.CandidatureId).ToDictionary(g => g.Key, g =>
        {
            var valeurs = g.Select(s => s.Score).ToArray();
            var ecart = EcartType(valeurs);
            return new StatistiquesDossier(g.Key, valeurs.Length, Moyenne(valeurs), Mediane(valeurs), ecart,
                Moyenne(g.Select(Normaliser).ToArray()), ecart > SeuilDesaccord);
        });
        return (dossiers, jures);
    }

    public static decimal Moyenne(IReadOnlyCollection<decimal> valeurs) => valeurs.Sum() / valeurs.Count;

    public static decimal Mediane(IReadOnlyCollection<decimal> valeurs)
    {
        var tries = valeurs.Order().ToArray();
        var milieu = tries.Length / 2;
        return tries.Length % 2 == 1 ? tries[milieu] : (tries[milieu - 1] + tries[milieu]) / 2;
    }

    public static decimal EcartType(IReadOnlyCollection<decimal> valeurs)
    {
        var m = Moyenne(valeurs);
        var variance = valeurs.Sum(v => (v - m) * (v - m)) / valeurs.Count;
        return (decimal)Math.Sqrt((double)variance);
    }
}
