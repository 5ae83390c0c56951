using System.Text.Json;
using Labels.Application.Commun;
using Mediator;

namespace Labels.Application.Audit;

/// <summary>Records an authentication event (a login that failed or succeeded).</summary>
public sealed record JournaliserConnexion(string Email, bool Reussie, Guid? CompteId, string? Raison, string? Adresse) : ICommand;

public sealed class JournaliserConnexionHandler(ILabelsDbContext db, TimeProvider horloge) : ICommandHandler<JournaliserConnexion>
{
    public async ValueTask<Unit> Handle(JournaliserConnexion command, CancellationToken ct)
    {
        db.Audit.Add(Domain.Audit.EntreeAudit.Enregistrer(command.CompteId, command.Reussie ? "auth.connexion" : "auth.echec",
            $"compte:{command.Email.ToLowerInvariant()}",
            JsonSerializer.Serialize(new { raison = command.Raison, adresse = command.Adresse }), horloge.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
