using Labels.Application.Collectivites;
using Labels.Domain.Candidatures;

namespace Labels.Application.Candidatures;

public sealed record CandidatureDto(
    Guid Id,
    int Edition,
    Guid CollectiviteId,
    CollectiviteDto Collectivite,
    StatutCandidature Statut,
    int NombreFiches,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeposeeLe,
    DateTimeOffset? RetireeLe);

public static class CandidatureProjection
{
    /// <summary>One SQL query: the dossier, its collectivité and its fiches count.</summary>
    public static IQueryable<CandidatureDto> ProjectToDto(this IQueryable<Candidature> candidatures, Commun.ILabelsDbContext db) =>
        from c in candidatures
        join col in db.Collectivites on c.CollectiviteId equals col.Id
        select new CandidatureDto(
            c.Id, c.EditionAnnee, c.CollectiviteId,
            new CollectiviteDto(col.Id, col.Type, col.CodeInsee, col.Siren, col.Nom, col.Categorie, col.Departement, col.Region, col.Population),
            c.Statut,
            db.Fiches.Count(f => f.CandidatureId == c.Id),
            c.CreatedAt, c.DeposeeLe, c.RetireeLe);
}
