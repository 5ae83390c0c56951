using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Imports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Imports;

/// <summary>Loads a year of dossiers from a stream, synchronously: the answer is the report.</summary>
public sealed record ImporterDossiers(int Annee, Stream Corps, FormatImport Format, bool DryRun, string? Encodage = null)
    : ICommand<(Guid Id, RapportImport Rapport)>, ITransactionsPropres;

public sealed class ImporterDossiersHandler(ILabelsDbContext db, IChargeurImport chargeur, IProprieteImports propriete,
    IUtilisateurCourant utilisateur, IProgressionImports progressions, Journal journal, TimeProvider horloge)
    : ICommandHandler<ImporterDossiers, (Guid Id, RapportImport Rapport)>
{
    public async ValueTask<(Guid Id, RapportImport Rapport)> Handle(ImporterDossiers command, CancellationToken ct)
    {
        var edition = await db.Editions.AsNoTracking().ChargerAsync(command.Annee, ct);
        var import = Import.Demarrer(edition, utilisateur.Id, command.Format, command.DryRun, propriete.Instance, horloge.GetUtcNow(), command.Encodage);
        // Locked before its record is seen « en cours »: no other instance can take it for the remains of a dead one.
        await using var _ = await propriete.TenirAsync(import.Id, ct);
        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        var rapport = await new ExecutionImport(db, chargeur, progressions, journal, horloge).ExecuterAsync(import, edition, command.Corps, ct);
        return (import.Id, rapport);
    }
}
