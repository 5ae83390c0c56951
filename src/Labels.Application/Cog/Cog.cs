using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Collectivites;
using Labels.Domain.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Riok.Mapperly.Abstractions;

namespace Labels.Application.Cog;

public sealed record CommuneDto(string CodeInsee, string Nom, string Departement, string Region, int? Population, string? Siren);

public sealed record EpciDto(string Siren, string Nom, int Population, string? Departement, string? Region, string[] Communes);

[Mapper]
public static partial class CogMapper
{
    public static partial IQueryable<CommuneDto> ProjectToDto(this IQueryable<CommuneCog> q);
    public static partial IQueryable<EpciDto> ProjectToDto(this IQueryable<EpciCog> q);
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
        await db.Communes.AsNoTracking().Where(c => c.CodeInsee == query.CodeInsee).ProjectToDto().FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException($"Le COG ne connaît pas la commune {query.CodeInsee}.");
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
        await db.Epcis.AsNoTracking().Where(e => e.Siren == query.Siren).ProjectToDto().FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException($"Le COG ne connaît pas l'EPCI {query.Siren}.");
}
