using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Imports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Imports;

/// <summary>
/// Registers an asynchronous import whose body is already saved as <paramref name="Fichier"/> (its name in Imports:Dossier);
/// an instance of the queue runs it and GET /imports/{id} shows its progress and report.
/// </summary>
public sealed record PlanifierImport(int Annee, string Fichier, FormatImport Format, bool DryRun, string? Encodage = null) : ICommand<ImportDto>;

public sealed class PlanifierImportHandler(ILabelsDbContext db, IFileImports file, IUtilisateurCourant utilisateur, TimeProvider horloge)
    : ICommandHandler<PlanifierImport, ImportDto>
{
    public async ValueTask<ImportDto> Handle(PlanifierImport command, CancellationToken ct)
    {
        var edition = await db.Editions.AsNoTracking().ChargerAsync(command.Annee, ct);
        var import = Import.Planifier(edition, utilisateur.Id, command.Format, command.DryRun, command.Fichier, horloge.GetUtcNow(), command.Encodage);
        db.Imports.Add(import);
        await db.SaveChangesAsync(ct);
        file.Signaler();
        return ImportDto.De(import);
    }
}
