using Labels.Application.Commun;
using Labels.Domain.Collectivites;
using Labels.Domain.Jury;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

/// <summary>Builds, in three queries, the territorial profile of many collectivités for the conflict rule.</summary>
public static class ProfilsTerritoriaux
{
    public static async Task<Dictionary<Guid, ProfilTerritorial>> ChargerAsync(ILabelsDbContext db, IReadOnlyCollection<Guid> collectivites,
        CancellationToken ct)
    {
        var liste = await db.Collectivites.AsNoTracking().Where(c => collectivites.Contains(c.Id))
            .Select(c => new { c.Id, c.Type, c.CodeInsee, c.Siren, c.Departement }).ToListAsync(ct);
        var codes = liste.Where(c => c.CodeInsee != null).Select(c => c.CodeInsee!).ToArray();
        var sirens = liste.Where(c => c.Type == TypeCollectivite.Intercommunalite).Select(c => c.Siren!).ToArray();
        var epcis = await db.Epcis.AsNoTracking()
            .Where(e => sirens.Contains(e.Siren) || e.Communes.Any(m => codes.Contains(m)))
            .Select(e => new { e.Siren, e.Communes }).ToListAsync(ct);
        var membres = epcis.ToDictionary(e => e.Siren, e => e.Communes);
        var epciDe = epcis.SelectMany(e => e.Communes.Select(c => (Commune: c, e.Siren)))
            .ToLookup(x => x.Commune, x => x.Siren);
        return liste.ToDictionary(c => c.Id, c => new ProfilTerritorial(
            c.Id, c.CodeInsee, c.Siren, c.Departement,
            c.Type == TypeCollectivite.Intercommunalite ? membres.GetValueOrDefault(c.Siren!) ?? [] : [],
            c.CodeInsee is null ? [] : epciDe[c.CodeInsee].ToArray()));
    }
}
