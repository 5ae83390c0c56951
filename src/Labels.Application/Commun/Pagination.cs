using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Commun;

/// <summary>Every list answers one page: <c>{ items, page, pageSize, total }</c>.</summary>
public sealed record PageDe<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class Pagination
{
    public const int TailleParDefaut = 50;
    public const int TailleMax = 200;
    /// <summary>Far beyond any list of the domain, and low enough that (page − 1) × pageSize never overflows.</summary>
    public const int PageMax = 1_000_000;

    /// <summary>Rows to skip before a page; a page past the last is empty (validators bound it, this never overflows).</summary>
    public static int Decalage(int page, int pageSize) => (int)Math.Min(int.MaxValue, Math.Max(0L, ((long)page - 1) * pageSize));

    public static async Task<PageDe<T>> PaginerAsync<T>(this IQueryable<T> requete, int page, int pageSize, CancellationToken ct)
    {
        var total = await requete.CountAsync(ct);
        var decalage = Decalage(page, pageSize);
        var items = decalage >= total ? [] : await requete.Skip(decalage).Take(pageSize).ToListAsync(ct);
        return new PageDe<T>(items, page, pageSize, total);
    }

    /// <summary>One page of a list already in memory (reference data the process holds).</summary>
    public static PageDe<T> Paginer<T>(this IReadOnlyList<T> liste, int page, int pageSize)
    {
        var decalage = Decalage(page, pageSize);
        var items = decalage >= liste.Count ? [] : liste.Skip(decalage).Take(pageSize).ToArray();
        return new PageDe<T>(items, page, pageSize, liste.Count);
    }

    public static void ReglesDePage<T>(this AbstractValidator<T> validateur, Func<T, int> page, Func<T, int> pageSize)
    {
        validateur.RuleFor(x => page(x)).InclusiveBetween(1, PageMax).OverridePropertyName("page")
            .WithMessage($"La page va de 1 à {PageMax}.");
        validateur.RuleFor(x => pageSize(x)).InclusiveBetween(1, TailleMax).OverridePropertyName("pageSize")
            .WithMessage($"pageSize va de 1 à {TailleMax}.");
    }
}
