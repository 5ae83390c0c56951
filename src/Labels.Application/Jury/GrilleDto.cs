using Labels.Domain.Editions;

namespace Labels.Application.Jury;

public sealed record CritereDto(string Code, string Nom, decimal Min, decimal Max, decimal Poids, bool CompteDansLeTotal);

public sealed record GrilleDto(IReadOnlyList<CritereDto> Criteres, IReadOnlyList<decimal> SeuilsArobases)
{
    public static GrilleDto De(Grille g) => new(
        g.Criteres.Select(c => new CritereDto(c.Code, c.Nom, c.Min, c.Max, c.Poids, c.CompteDansLeTotal)).ToArray(), g.SeuilsArobases);
}
