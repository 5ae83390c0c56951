using Labels.Application.Commun;
using Mediator;

namespace Labels.Application.Webhooks;

public sealed record LireAbonnement(Guid Id) : IQuery<AbonnementDto>;

public sealed class LireAbonnementHandler(ILabelsDbContext db) : IQueryHandler<LireAbonnement, AbonnementDto>
{
    public async ValueTask<AbonnementDto> Handle(LireAbonnement query, CancellationToken ct) =>
        AbonnementDto.De(await db.Abonnements.ChargerAsync(query.Id, ct));
}
