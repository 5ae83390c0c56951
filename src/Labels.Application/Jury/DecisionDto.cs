namespace Labels.Application.Jury;

public sealed record DecisionDto(int Arobases, string[] Mentions, string? Justification, int? ArobasesProposees);
