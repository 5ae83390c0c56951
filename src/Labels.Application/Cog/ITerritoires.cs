namespace Labels.Application.Cog;

public sealed record RegionDto(string Code, string Nom);

public sealed record DepartementDto(string Code, string Nom, string Region);

/// <summary>
/// The régions and départements of the COG shipped with the application (data/cog), ordered by code: the names a portal
/// shows for the codes the palmarès and the collectivités carry.
/// </summary>
public interface ITerritoires
{
    IReadOnlyList<RegionDto> Regions { get; }
    IReadOnlyList<DepartementDto> Departements { get; }

    bool ExisteRegion(string code);
    bool ExisteDepartement(string code);

    /// <summary>The région of a département of the COG (empty for a collectivité d'outre-mer, which has none), or null.</summary>
    string? RegionDe(string departement);

    /// <summary>
    /// Why a région or département filter cannot match anything, or null: a code the COG does not have is refused (400) rather
    /// than answered with an empty list that looks like a true one (docs/contrat.md).
    /// </summary>
    public string? DefautDeRegion(string? code) => code is null ? null
        : !Domain.Commun.CodesOfficiels.EstRegionValide(code) ? Domain.Commun.CodesOfficiels.MessageRegion
        : ExisteRegion(code) ? null
        : $"Aucune région de code « {code} » dans le Code officiel géographique : GET /api/v1/referentiel/regions les liste.";

    public string? DefautDeDepartement(string? code) => code is null ? null
        : !Domain.Commun.CodesOfficiels.EstDepartementValide(code) ? Domain.Commun.CodesOfficiels.MessageDepartement
        : ExisteDepartement(code) ? null
        : $"Aucun département de code « {code} » dans le Code officiel géographique : GET /api/v1/referentiel/departements les liste.";

    /// <summary>
    /// A région and a département given together that cannot both hold a collectivité: refused like an unknown code, for the same
    /// reason (an empty list would look like a true one).
    /// </summary>
    public string? DefautDuCouple(string? region, string? departement) =>
        region is null || departement is null || DefautDeRegion(region) is not null || DefautDeDepartement(departement) is not null
            || RegionDe(departement) == region ? null
        : RegionDe(departement) is { Length: > 0 } autre
            ? $"Le département « {departement} » n'est pas dans la région « {region} » mais dans la région « {autre} » : ensemble, ces deux filtres ne retiennent rien."
            : $"Le département « {departement} » n'est dans aucune région : ensemble, ces deux filtres ne retiennent rien.";
}
