using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Commun;

/// <summary>Every list answers one page: <c>{ items, page, pageSize, total }</c>.</summary>
public sealed record PageDe<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class Pagination
{
    public const int TailleParDefaut = 50;
    public const int TailleMax = 200;

    public static async Task<PageDe<T>> PaginerAsync<T>(this IQueryable<T> requete, int page, int pageSize, CancellationToken ct)
    {
        var total = await requete.CountAsync(ct);
        var items = await requete.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new PageDe<T>(items, page, pageSize, total);
    }

    public static void ReglesDePage<T>(this AbstractValidator<T> validateur, Func<T, int> page, Func<T, int> pageSize)
    {
        validateur.RuleFor(x => page(x)).GreaterThanOrEqualTo(1).OverridePropertyName("page")
            .WithMessage("La page commence à 1.");
        validateur.RuleFor(x => pageSize(x)).InclusiveBetween(1, TailleMax).OverridePropertyName("pageSize")
            .WithMessage($"pageSize va de 1 à {TailleMax}.");
    }
}
