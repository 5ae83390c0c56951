using Labels.Domain.Editions;
using System.Text.Json;
using Labels.Domain.Audit;

namespace Labels.Application.Commun;

/// <summary>Adds audit entries to the unit of work of the current use case, so they commit with it.</summary>
public sealed class Journal(ILabelsDbContext db, IUtilisateurCourant utilisateur, TimeProvider horloge)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>A change to a dossier or its fiches, audited when it is a correction (<see cref="Edition.ChangementEstUneCorrection"/>).</summary>
    public void JournaliserCorrection(Edition edition, string action, string cible, object details)
    {
        if (edition.ChangementEstUneCorrection) Enregistrer(action, cible, details);
    }

    /// <param name="resultats">
    /// The édition whose results <paramref name="details"/> carry and the version of its palmarès that publishes them:
    /// withheld from readers who do not see that release yet.
    /// </param>
    public void Enregistrer(string action, string cible, object details, (int Edition, int Version)? resultats = null) =>
        db.Audit.Add(EntreeAudit.Enregistrer(utilisateur.Id, action, cible,
            JsonSerializer.Serialize(details, Options), horloge.GetUtcNow(), resultats));
}
