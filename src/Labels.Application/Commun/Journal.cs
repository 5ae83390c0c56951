using System.Text.Json;
using Labels.Domain.Audit;

namespace Labels.Application.Commun;

/// <summary>Adds audit entries to the unit of work of the current use case, so they commit with it.</summary>
public sealed class Journal(ILabelsDbContext db, IUtilisateurCourant utilisateur, TimeProvider horloge)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <param name="resultatsDe">The édition whose results <paramref name="details"/> carry: withheld from readers who do not see them yet.</param>
    public void Enregistrer(string action, string cible, object details, int? resultatsDe = null) =>
        db.Audit.Add(EntreeAudit.Enregistrer(utilisateur.Id, action, cible,
            JsonSerializer.Serialize(details, Options), horloge.GetUtcNow(), resultatsDe));
}
