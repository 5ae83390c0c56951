using Labels.Domain.Candidatures;
using Labels.Domain.Collectivites;
using Labels.Domain.Distinctions;

namespace Labels.Api.Tests.Outils;

/// <summary>A collectivité's distinction in an archived édition (COG code or SIREN), with that many fiches.</summary>
public sealed record Resultat(string Code, int Arobases, string[]? Mentions = null, int Fiches = 0);

public static class Historiques
{
    /// <summary>
    /// An archived édition with these distinctions, published through the API (at <paramref name="publieLe"/>, default now).
    /// Dossiers and distinctions are written directly (the import route loads them in production); publication is the
    /// code under test.
    /// </summary>
    public static async Task<HttpResponseMessage> PublierHistoriqueAsync(this ApiTestOutils outils, HttpClient admin, int annee,
        DateTimeOffset? publieLe, params Resultat[] resultats)
    {
        await outils.PreparerHistoriqueAsync(admin, annee, resultats);
        return await PublierAsync(admin, annee, publieLe);
    }

    public static Task<HttpResponseMessage> PublierAsync(HttpClient admin, int annee, DateTimeOffset? publieLe = null) =>
        admin.PostAsJsonAsync($"/api/v1/editions/{annee}/publication", publieLe is null ? new { } : (object)new { publieLe });

    /// <summary>An archived édition (created unless a test made it first) with these distinctions, not yet published.</summary>
    public static async Task PreparerHistoriqueAsync(this ApiTestOutils outils, HttpClient admin, int annee, params Resultat[] resultats)
    {
        if (!await outils.Factory.DansLaBaseAsync(db => db.Editions.AnyAsync(e => e.Annee == annee))) await outils.EditionAsync(admin, annee, historique: true);
        await outils.Factory.DansLaBaseAsync(async db =>
        {
            var edition = await db.Editions.SingleAsync(e => e.Annee == annee);
            foreach (var r in resultats)
            {
                var collectivite = await db.Collectivites.FirstOrDefaultAsync(c => c.CodeInsee == r.Code || c.Siren == r.Code);
                if (collectivite is null)
                {
                    collectivite = r.Code.Length == 9
                        ? Collectivite.Intercommunalite(await db.Epcis.SingleAsync(e => e.Siren == r.Code), DateTimeOffset.UtcNow)
                        : Collectivite.Commune(await db.Communes.SingleAsync(c => c.CodeInsee == r.Code), DateTimeOffset.UtcNow);
                    db.Collectivites.Add(collectivite);
                }
                var candidature = Candidature.Creer(edition, collectivite.Id, correctionAdministrateur: true, DateTimeOffset.UtcNow);
                db.Candidatures.Add(candidature);
                db.Distinctions.Add(Distinction.Attribuer(candidature, edition, r.Arobases, r.Mentions ?? [], DateTimeOffset.UtcNow));
                for (var i = 0; i < r.Fiches; i++)
                    db.Fiches.Add(FicheAction.Creer(candidature, edition, new ContenuFiche(null, $"Action {i}", null, "Description", new DateOnly(annee - 1, 1, 1),
                        null, true, [], ["education"], []), true, DateTimeOffset.UtcNow));
            }
            return await db.SaveChangesAsync();
        });
    }
}
