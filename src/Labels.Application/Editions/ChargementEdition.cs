using Labels.Application.Commun;
using Labels.Domain.Editions;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Editions;

/// <summary>An édition by its year, as nearly every use case starts: tracked or not as the caller's query says, 404 when there is none.</summary>
public static class ChargementEdition
{
    public static async Task<Edition> ChargerAsync(this IQueryable<Edition> editions, int annee, CancellationToken ct) =>
        await editions.FirstOrDefaultAsync(e => e.Annee == annee, ct) ?? throw Inconnue(annee);

    /// <summary>For a use case that reads what belongs to an édition, not the édition: an unknown one is a 404, not an empty answer.</summary>
    public static async Task VerifierExistenceAsync(this IQueryable<Edition> editions, int annee, CancellationToken ct)
    {
        if (!await editions.AnyAsync(e => e.Annee == annee, ct)) throw Inconnue(annee);
    }

    private static NotFoundException Inconnue(int annee) => new($"L'édition {annee} n'existe pas.");
}
