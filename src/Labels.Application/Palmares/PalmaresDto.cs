using Labels.Domain.Collectivites;
using Labels.Domain.Palmares;

namespace Labels.Application.Palmares;

public sealed record TenDto(int AttribueEn, int ValableJusquEn)
{
    public static TenDto? De(TitreTen? t) => t is null ? null : new TenDto(t.AttribueEn, t.ValableJusquEn);
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
