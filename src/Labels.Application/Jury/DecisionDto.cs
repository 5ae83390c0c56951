using System.Linq.Expressions;
using Labels.Domain.Distinctions;

namespace Labels.Application.Jury;

public sealed record DecisionDto(int Arobases, string[] Mentions, string? Justification, int? ArobasesProposees)
{
    /// <summary>Reads project it in SQL (README, Architecture: one mapping convention).</summary>
    public static readonly Expression<Func<Distinction, DecisionDto>> Projection =
        d => new DecisionDto(d.Arobases, d.Mentions, d.Justification, d.ArobasesProposees);

    private static readonly Func<Distinction, DecisionDto> Compilee = Projection.Compile();

    public static DecisionDto De(Distinction distinction) => Compilee(distinction);
}
