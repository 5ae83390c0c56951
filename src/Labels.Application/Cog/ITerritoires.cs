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
}
