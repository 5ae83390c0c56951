using System.Linq.Expressions;
using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Collectivites;
using Labels.Domain.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Cog;

public sealed record EpciDto(string Siren, string Nom, int Population, string? Departement, string? Region, string[] Communes)
{
    public static readonly Expression<Func<EpciCog, EpciDto>> Projection =
        e => new EpciDto(e.Siren, e.Nom, e.Population, e.Departement, e.Region, e.Communes);
}

public sealed record LireEpci(string Siren) : IQuery<EpciDto>;

public sealed class LireEpciValidator : AbstractValidator<LireEpci>
{
    public LireEpciValidator() =>
        RuleFor(x => x.Siren).Must(CodesOfficiels.EstSirenValide)
            .WithMessage("Un SIREN a 9 chiffres dont le dernier est une clé de Luhn.");
}

public sealed class LireEpciHandler(ILabelsDbContext db) : IQueryHandler<LireEpci, EpciDto>
{
    public async ValueTask<EpciDto> Handle(LireEpci query, CancellationToken ct) =>
        await db.Epcis.AsNoTracking().Where(e => e.Siren == query.Siren).Select(EpciDto.Projection).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException($"Le COG ne connaît pas l'EPCI {query.Siren}.");
}
