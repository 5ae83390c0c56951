using Labels.Domain.Securite;

namespace Labels.Application.Securite;

public sealed record JetonDto(Guid Id, string Nom, string Debut, string[] Scopes, DateTimeOffset CreatedAt, DateTimeOffset ExpireLe,
    DateTimeOffset? RevoqueLe, Guid CreeParId)
{
    public static JetonDto De(JetonApi j) => new(j.Id, j.Nom, j.Debut, j.Scopes, j.CreatedAt, j.ExpireLe, j.RevoqueLe, j.CreeParId);
}
