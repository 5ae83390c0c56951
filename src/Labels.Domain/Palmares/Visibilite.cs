using System.Linq.Expressions;

namespace Labels.Domain.Palmares;

/// <summary>
/// Rule 7 in one place: which releases of the palmarès a reader sees. A release is public from its publication
/// instant on; the association's staff see every release, embargoed ones included. Every read of results — the
/// palmarès and its versions, key figures, a collectivité's historique, the catalogue, audit entries carrying
/// results, TEN computed from the history — asks this, in memory (<see cref="Voit(DateTimeOffset)"/>) or in a query
/// (<see cref="VisiblesPar"/>), so that no read path restates the rule.
/// </summary>
public readonly record struct Visibilite
{
    private Visibilite(DateTimeOffset? horizon) => Horizon = horizon;

    /// <summary>The latest publication instant this reader sees; null for the staff, who see every release.</summary>
    public DateTimeOffset? Horizon { get; }

    /// <summary>What anyone sees at <paramref name="instant"/>: the releases published by then.</summary>
    public static Visibilite Le(DateTimeOffset instant) => new(instant);

    /// <summary>The association's staff: every release, before its instant too.</summary>
    public static Visibilite Personnel { get; } = new(null);

    public bool VoitTout => Horizon is null;

    public bool Voit(DateTimeOffset publieLe) => Horizon is not { } horizon || publieLe <= horizon;

    public bool Voit(VersionPalmares version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return Voit(version.PublieLe);
    }

    /// <summary>The same rule as an expression a query provider translates.</summary>
    public Expression<Func<VersionPalmares, bool>> Predicat()
    {
        if (Horizon is not { } horizon) return _ => true;
        return v => v.PublieLe <= horizon;
    }
}

public static class VersionsVisibles
{
    /// <summary>The releases this reader sees.</summary>
    public static IQueryable<VersionPalmares> VisiblesPar(this IQueryable<VersionPalmares> versions, Visibilite visibilite) =>
        versions.Where(visibilite.Predicat());

    /// <summary>
    /// Of these releases, the latest of each édition: « the palmarès » of an édition as a reader knows it. Applied after
    /// <see cref="VisiblesPar"/>, the latest version the reader sees.
    /// </summary>
    public static IQueryable<VersionPalmares> Dernieres(this IQueryable<VersionPalmares> versions) =>
        versions.Where(v => v.Version == versions.Where(w => w.EditionAnnee == v.EditionAnnee).Max(w => w.Version));
}
