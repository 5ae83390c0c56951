using Labels.Application.Cog;
using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Collectivites;
using Labels.Domain.Editions;
using Labels.Domain.Palmares;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Palmares;

/// <summary>The public catalogue of the fiches actions of a published édition.</summary>
/// <param name="CollectiviteId">One collectivité's fiches (its public page).</param>
/// <param name="VueDuPublic">What the public sees whoever asks (the HTML pages, which a shared cache may keep): never a release under embargo.</param>
public sealed record RechercherFiches(int Annee, string? Q, string? Enjeu, string? Departement, string? Region, Categorie? Categorie,
    int Page = 1, int PageSize = Pagination.TailleParDefaut, Guid? CollectiviteId = null, bool VueDuPublic = false) : IQuery<PageDe<FicheCatalogueDto>>;

public sealed class RechercherFichesValidator : AbstractValidator<RechercherFiches>
{
    public RechercherFichesValidator(ITerritoires territoires)
    {
        this.ReglesDePage(x => x.Page, x => x.PageSize);
        RuleFor(x => x.Q).MaximumLength(200);
        this.ReglesDeRegionEtDepartement(x => x.Region, x => x.Departement, territoires);
        RuleFor(x => x.Enjeu).Must(Referentiel.EstCodeValide).When(x => x.Enjeu is not null).WithMessage("Code d'enjeu invalide.");
    }
}

public sealed class RechercherFichesHandler(ILabelsDbContext db, ICatalogueFiches catalogue, Acces acces)
    : IQueryHandler<RechercherFiches, PageDe<FicheCatalogueDto>>
{
    public async ValueTask<PageDe<FicheCatalogueDto>> Handle(RechercherFiches query, CancellationToken ct)
    {
        var palmares = await db.VersionsPalmares.AsNoTracking().VisiblesPar(acces.VisibilitePour(query.VueDuPublic))
            .Dernieres().Where(v => v.EditionAnnee == query.Annee).Select(v => (Guid?)v.Id).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"L'édition {query.Annee} n'est pas publiée.");
        // An enjeu the édition does not have matches nothing: refused naming it, not answered with an empty page.
        if (query.Enjeu is { } enjeu
            && !(await db.Editions.AsNoTracking().FirstAsync(e => e.Annee == query.Annee, ct)).Referentiel.Enjeux.Any(e => e.Code == enjeu))
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("enjeu",
                $"Aucun enjeu de code « {enjeu} » dans le référentiel de l'édition {query.Annee}.")]);
        return await catalogue.RechercherAsync(new CritereCatalogue(query.Annee, palmares, string.IsNullOrWhiteSpace(query.Q) ? null : query.Q.Trim(),
            query.Enjeu, query.Departement, query.Region, query.Categorie, query.Page, query.PageSize, query.CollectiviteId), ct);
    }
}
