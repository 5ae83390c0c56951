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

/// <summary>
/// <see cref="CandidatureDto"/>'s projection (README, Architecture: one mapping convention): a method rather than an expression,
/// since it joins the collectivité and counts the fiches.
/// </summary>
public static class ProjectionCandidature
{
    /// <summary>One SQL query: the dossier, its collectivité (<see cref="CollectiviteDto.De"/>) and its fiches count.</summary>
    public static IQueryable<CandidatureDto> EnDto(this IQueryable<Candidature> candidatures, Commun.ILabelsDbContext db) =>
        from c in candidatures
        join col in db.Collectivites on c.CollectiviteId equals col.Id
        // The collectivité is read whole and made a DTO in memory, by its own mapping (a DTO built in SQL cannot be joined on).
        select new CandidatureDto(c.Id, c.EditionAnnee, c.CollectiviteId, CollectiviteDto.De(col), c.Statut, db.Fiches.Count(f => f.CandidatureId == c.Id),
            c.CreatedAt, c.DeposeeLe, c.RetireeLe);
}
