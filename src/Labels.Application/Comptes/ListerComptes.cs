using FluentValidation;
using Labels.Application.Commun;
using Mediator;

namespace Labels.Application.Comptes;

/// <summary>The accounts, of one role or all, by e-mail address (admins).</summary>
public sealed record ListerComptes(string? Role, int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<CompteDto>>;

public sealed class ListerComptesValidator : AbstractValidator<ListerComptes>
{
    public ListerComptesValidator()
    {
        this.ReglesDePage(x => x.Page, x => x.PageSize);
        RuleFor(x => x.Role).Must(r => r is null || Roles.Tous.Contains(r))
            .WithMessage($"Le rôle est l'un de : {string.Join(", ", Roles.Tous)}.");
    }
}

public sealed class ListerComptesHandler(IComptes comptes) : IQueryHandler<ListerComptes, PageDe<CompteDto>>
{
    public async ValueTask<PageDe<CompteDto>> Handle(ListerComptes query, CancellationToken ct) =>
        await comptes.ListerAsync(query.Role, query.Page, query.PageSize, ct);
}
