using Labels.Domain.Collectivites;
using Riok.Mapperly.Abstractions;

namespace Labels.Application.Cog;

/// <summary>The COG's communes and EPCI as <see cref="LireCommune"/> and <see cref="LireEpci"/> answer them, projected in SQL.</summary>
[Mapper]
public static partial class CogMapper
{
    public static partial IQueryable<CommuneDto> ProjectToDto(this IQueryable<CommuneCog> q);
    public static partial IQueryable<EpciDto> ProjectToDto(this IQueryable<EpciCog> q);
}
