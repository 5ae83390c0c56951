using Labels.Domain.Collectivites;
using Labels.Domain.Palmares;

namespace Labels.Application.Palmares;

public sealed record TenDto(int AttribueEn, int ValableJusquEn)
{
    public static TenDto? De(TitreTen? t) => t is null ? null : new TenDto(t.AttribueEn, t.ValableJusquEn);

    /// <summary>From a laureate's two columns, as a query reads them (both or neither).</summary>
    public static TenDto? De(int? attribueEn, int? valableJusquEn) =>
        attribueEn is { } a && valableJusquEn is { } v ? new TenDto(a, v) : null;
}

public sealed record LaureatDto(
    Guid CollectiviteId, string? CodeInsee, string? Siren, string Nom, TypeCollectivite Type, Categorie Categorie,
    string? Departement, string? Region, int Population, int Arobases, string[] Mentions, TenDto? TerritoireExcellenceNumerique)
{
    public static LaureatDto De(Laureat l) => new(l.CollectiviteId, l.CodeInsee, l.Siren, l.Nom, l.Type, l.Categorie, l.Departement,
        l.Region, l.Population, l.Arobases, l.Mentions, TenDto.De(l.Ten));
}

/// <summary>The palmarès as docs/contrat.md shapes it.</summary>
public sealed record PalmaresDto(int Edition, int Numero, DateTimeOffset PublieLe, int Version, string Licence, IReadOnlyList<LaureatDto> Laureats);
