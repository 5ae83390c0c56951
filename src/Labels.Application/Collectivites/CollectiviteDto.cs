using System.Linq.Expressions;
using Labels.Domain.Collectivites;

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
    int Population)
{
    /// <summary>Lists and reads project it in SQL (README, Architecture: one mapping convention).</summary>
    public static readonly Expression<Func<Collectivite, CollectiviteDto>> Projection =
        c => new CollectiviteDto(c.Id, c.Type, c.CodeInsee, c.Siren, c.Nom, c.Categorie, c.Departement, c.Region, c.Population);

    private static readonly Func<Collectivite, CollectiviteDto> Compilee = Projection.Compile();

    public static CollectiviteDto De(Collectivite collectivite) => Compilee(collectivite);
}
