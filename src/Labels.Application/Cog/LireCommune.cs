using System.Linq.Expressions;
using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Collectivites;
using Labels.Domain.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Cog;

public sealed record CommuneDto(string CodeInsee, string Nom, string Departement, string Region, int? Population, string? Siren)
{
    public static readonly Expression<Func<CommuneCog, CommuneDto>> Projection =
        c => new CommuneDto(c.CodeInsee, c.Nom, c.Departement, c.Region, c.Population, c.Siren);
}

public sealed record LireCommune(string CodeInsee) : IQuery<CommuneDto>;

public sealed class LireCommuneValidator : AbstractValidator<LireCommune>
{
    public LireCommuneValidator() =>
        RuleFor(x => x.CodeInsee).Must(CodesOfficiels.EstCodeInseeValide)
            .WithMessage("Un code INSEE a 5 caractères : 2 chiffres (ou 2A, 2B) puis 3 chiffres.");
}

public sealed class LireCommuneHandler(ILabelsDbContext db) : IQueryHandler<LireCommune, CommuneDto>
{
    public async ValueTask<CommuneDto> Handle(LireCommune query, CancellationToken ct) =>
        await db.Communes.AsNoTracking().Where(c => c.CodeInsee == query.CodeInsee).Select(CommuneDto.Projection).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException($"Le COG ne connaît pas la commune {query.CodeInsee}.");
}
