using Labels.Domain.Collectivites;
using Riok.Mapperly.Abstractions;

namespace Labels.Application.Collectivites;

public sealed record CollectiviteDto(
    Guid Id,
    TypeCollectivite Type,
    string? CodeInsee,
    string? Siren,
    string Nom,
    Categorie Categorie,
    string? Departement,
    string? Region,
    int Population);

[Mapper]
public static partial class CollectiviteMapper
{
    [MapperIgnoreSource(nameof(Collectivite.CreatedAt))]
    [MapperIgnoreSource(nameof(Collectivite.Code))]
    public static partial CollectiviteDto ToDto(this Collectivite collectivite);

    public static partial IQueryable<CollectiviteDto> ProjectToDto(this IQueryable<Collectivite> q);
}
