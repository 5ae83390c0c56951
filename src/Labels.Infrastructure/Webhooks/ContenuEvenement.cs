using System.Text.Json;
using Labels.Application.Commun;
using Labels.Application.Palmares;
using Labels.Application.Webhooks;
using Labels.Domain.Webhooks;

namespace Labels.Infrastructure.Webhooks;

/// <summary>The body of an event (<see cref="CorpsEvenement"/>), written once when it is sent out.</summary>
internal static class ContenuEvenement
{
    /// <summary>As the API writes its answers: camelCase, instants in UTC with a Z (docs/contrat.md).</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new InstantUtcConverter() } };

    public static async Task<string> EcrireAsync(Evenement e, string? urlPublique, IPalmaresPublies publies)
    {
        var racine = (urlPublique ?? "").TrimEnd('/') + "/api/v1/editions/" + e.EditionAnnee;
        var release = e.Type is TypesEvenement.PalmaresPublie or TypesEvenement.PalmaresCorrige;
        LiensEvenement? liens = e.EditionAnnee is null ? null : release
            ? new LiensEvenement(racine, $"{racine}/palmares?version={e.Version}", $"{racine}/palmares.csv?version={e.Version}", $"{racine}/palmares",
                $"{racine}/palmares/versions", $"{racine}/chiffres-cles")
            : new LiensEvenement(racine, null, null, null, null, null);
        var etag = release ? await publies.ETagAsync(e.EditionAnnee!.Value, e.Version!.Value) : null;
        var donnees = new DonneesEvenement(e.IdentifiantWebhook, e.EditionAnnee, e.Version, release ? e.SurvenuLe : null, etag, e.Changements,
            e.Statut, e.StatutAvant, e.AbonnementId, liens);
        return JsonSerializer.Serialize(new CorpsEvenement(e.Type, e.SurvenuLe, donnees), Json);
    }
}
