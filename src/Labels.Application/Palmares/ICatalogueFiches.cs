using Labels.Application.Commun;
using Labels.Domain.Collectivites;

namespace Labels.Application.Palmares;

public sealed record FicheCatalogueDto(
    Guid Id, string Titre, string? Resume, DateOnly DateDebut, DateOnly? DateFin, bool EnCours, string[] Enjeux, string[] Services,
    string[] Liens, CollectiviteCatalogueDto Collectivite, double? Pertinence);

public sealed record CollectiviteCatalogueDto(Guid Id, string Nom, Categorie Categorie, string? Departement, string? Region);

/// <param name="PalmaresId">The release whose laureates' fiches are searched: the latest the reader sees.</param>
/// <param name="CollectiviteId">One collectivité's fiches only (its public page), or every laureate's.</param>
public sealed record CritereCatalogue(int Annee, Guid PalmaresId, string? Q, string? Enjeu, string? Departement, string? Region, Categorie? Categorie,
    int Page, int PageSize, Guid? CollectiviteId = null);

/// <summary>French full-text search over the fiches of one édition (PostgreSQL lives in Infrastructure).</summary>
public interface ICatalogueFiches
{
    Task<PageDe<FicheCatalogueDto>> RechercherAsync(CritereCatalogue critere, CancellationToken ct);

    /// <summary>Analyses the text of the édition's fiches for search (at publication: they no longer change).</summary>
    Task IndexerAsync(int annee, CancellationToken ct);
}
