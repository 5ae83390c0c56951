using Labels.Application.Commun;
using Labels.Application.Editions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Imports;

/// <summary>Runs an asynchronous import its instance has claimed (called by the queue, which holds its lock), from its file's path.</summary>
public sealed record ExecuterImport(Guid ImportId, string Chemin) : ICommand, ITransactionsPropres;

public sealed class ExecuterImportHandler(ILabelsDbContext db, IChargeurImport chargeur, IProgressionImports progressions, Journal journal,
    TimeProvider horloge)
    : ICommandHandler<ExecuterImport>
{
    public async ValueTask<Mediator.Unit> Handle(ExecuterImport command, CancellationToken ct)
    {
        var execution = new ExecutionImport(db, chargeur, progressions, journal, horloge);
        var import = await db.Imports.FirstAsync(i => i.Id == command.ImportId, ct);
        var edition = await db.Editions.AsNoTracking().ChargerAsync(import.EditionAnnee, ct);
        FileStream flux;
        try
        {
            flux = new FileStream(command.Chemin, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            await execution.InterrompreAsync(import, "Le fichier de cet import n'est plus dans le dossier des imports (Imports:Dossier) : rien n'a été écrit ; "
                + "renvoyez le fichier.", ct);
            return Mediator.Unit.Value;
        }
        await using (flux) await execution.ExecuterAsync(import, edition, flux, ct);
        return Mediator.Unit.Value;
    }
}
