using Labels.Application.Cog;
using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Collectivites;
using Labels.Domain.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Collectivites;

public sealed record ListerCollectivites(
    string? CodeInsee, string? Siren, string? Departement, string? Region, Categorie? Categorie, string? Q,
    int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<CollectiviteDto>>;

public sealed class ListerCollectivitesValidator : AbstractValidator<ListerCollectivites>
{
    public ListerCollectivitesValidator(ITerritoires territoires)
    {
        this.ReglesDePage(x => x.Page, x => x.PageSize);
        RuleFor(x => x.Q).MaximumLength(100);
        this.ReglesDeRegionEtDepartement(x => x.Region, x => x.Departement, territoires);
        RuleFor(x => x.CodeInsee).Must(CodesOfficiels.EstCodeInseeValide).When(x => x.CodeInsee is not null)
            .WithMessage("Un code INSEE a 5 caractères : 2 chiffres (ou 2A, 2B) puis 3 chiffres.");
        RuleFor(x => x.Siren).Must(CodesOfficiels.EstSirenValide).When(x => x.Siren is not null)
            .WithMessage("Un SIREN a 9 chiffres dont le dernier est une clé de Luhn.");
    }
}

public sealed class ListerCollectivitesHandler(ILabelsDbContext db) : IQueryHandler<ListerCollectivites, PageDe<CollectiviteDto>>
{
    public async ValueTask<PageDe<CollectiviteDto>> Handle(ListerCollectivites query, CancellationToken ct)
    {
        var q = db.Collectivites.AsNoTracking();
        if (query.CodeInsee is { } code) q = q.Where(c => c.CodeInsee == code);
        if (query.Siren is { } siren) q = q.Where(c => c.Siren == siren);
        if (query.Departement is { } dep) q = q.Where(c => c.Departement == dep);
        if (query.Region is { } reg) q = q.Where(c => c.Region == reg);
        if (query.Categorie is { } cat) q = q.Where(c => c.Categorie == cat);
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var texte = query.Q.Trim().ToLowerInvariant();
            q = q.Where(c => c.Nom.ToLower().Contains(texte));
        }
        return await q.OrderBy(c => c.Nom).ThenBy(c => c.Id).Select(CollectiviteDto.Projection).PaginerAsync(query.Page, query.PageSize, ct);
    }
}
