using System.Linq.Expressions;
using Labels.Domain.Commun;

namespace Labels.Domain.Palmares;

/// <summary>
/// The settings of the « Territoire d'excellence numérique » rule, carried by each édition: from
/// which édition it exists, how many 5 @ it takes, how many éditions a title stays valid.
/// </summary>
public sealed record ParametresTen(int PremiereEdition, int CinqArobasesRequis, int DureeValidite)
{
    public static readonly ParametresTen ParDefaut = new(2021, 6, 3);

    public string? Defaut() =>
        PremiereEdition < 1999 ? "premiereEdition ≥ 1999."
        : CinqArobasesRequis < 1 ? "cinqArobasesRequis ≥ 1."
        : DureeValidite < 1 ? "dureeValidite ≥ 1."
        : null;
}

/// <summary>A title held by a collectivité: awarded in one édition, valid through a later one.</summary>
public sealed record TitreTen(int AttribueEn, int ValableJusquEn)
{
    /// <summary>
    /// When a title is valid, stated once: in memory through <see cref="EstValableEn"/>, in a query over the laureates
    /// through <see cref="Laureat.TenValableEn"/>, which substitutes its columns. No title (nulls) is valid in no year.
    /// </summary>
    internal static readonly Expression<Func<int?, int?, int, bool>> Validite =
        (attribueEn, valableJusquEn, annee) => attribueEn <= annee && annee <= valableJusquEn;

    private static readonly Func<int?, int?, int, bool> ValiditeCompilee = Validite.Compile();

    public bool EstValableEn(int annee) => ValiditeCompilee(AttribueEn, ValableJusquEn, annee);
}

/// <summary>What the published history says of one collectivité before the édition being published.</summary>
public sealed record HistoriqueExcellence(int CinqArobasesAnterieurs, IReadOnlyList<TitreTen> Titres);

/// <summary>
/// Rule 6: TEN is computed at publication, never typed in. A collectivité that obtains 5 @ in the
/// édition, has now obtained 5 @ at least the required number of times (this édition included) and
/// holds no title still valid, is awarded one, valid for this édition and the next ones.
/// </summary>
public static class ExcellenceNumerique
{
    /// <returns>Per collectivité of the édition, the title it holds in that édition (new or still valid), or null.</returns>
    public static IReadOnlyDictionary<Guid, TitreTen?> Calculer(int annee, ParametresTen parametres,
        IReadOnlyDictionary<Guid, int> arobasesDeLEdition, IReadOnlyDictionary<Guid, HistoriqueExcellence> historique)
    {
        ArgumentNullException.ThrowIfNull(parametres);
        if (parametres.Defaut() is { } defaut) throw new DomainException($"Paramètres TEN invalides : {defaut}");
        var resultat = new Dictionary<Guid, TitreTen?>();
        foreach (var (collectivite, arobases) in arobasesDeLEdition)
        {
            var passe = historique.GetValueOrDefault(collectivite) ?? new HistoriqueExcellence(0, []);
            var valable = passe.Titres.Where(t => t.EstValableEn(annee)).OrderByDescending(t => t.AttribueEn).FirstOrDefault();
            if (valable is null && annee >= parametres.PremiereEdition && arobases == Distinctions.Distinction.ArobasesMax
                && passe.CinqArobasesAnterieurs + 1 >= parametres.CinqArobasesRequis)
                valable = new TitreTen(annee, annee + parametres.DureeValidite - 1);
            resultat[collectivite] = valable;
        }
        return resultat;
    }
}
