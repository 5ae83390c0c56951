using Labels.Domain.Palmares;

namespace Labels.Application.Palmares;

public sealed record ResultatDto(int Arobases, string[] Mentions, TenDto? TerritoireExcellenceNumerique)
{
    public static ResultatDto? De(ResultatPalmares? r) => r is null ? null : new ResultatDto(r.Arobases, r.Mentions, TenDto.De(r.Ten));
}

public sealed record ChangementDto(Guid CollectiviteId, string Nom, ResultatDto? Avant, ResultatDto? Apres);

/// <summary>One version of a palmarès and what it changed from the one before.</summary>
public sealed record VersionPalmaresDto(int Edition, int Version, DateTimeOffset PublieLe, DateTimeOffset CreatedAt, int NombreLaureats,
    IReadOnlyList<ChangementDto> Changements)
{
    public static VersionPalmaresDto De(VersionPalmares v, int nombreLaureats) => new(v.EditionAnnee, v.Version, v.PublieLe, v.CreatedAt,
        nombreLaureats, v.Changements.Select(c => new ChangementDto(c.CollectiviteId, c.Nom, ResultatDto.De(c.Avant), ResultatDto.De(c.Apres))).ToArray());
}
