using Labels.Application.Commun;
using Labels.Domain.Imports;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Imports;

public sealed record LireImport(Guid Id) : IQuery<ImportDto>;

public sealed class LireImportHandler(ILabelsDbContext db, IProgressionImports progressions) : IQueryHandler<LireImport, ImportDto>
{
    public async ValueTask<ImportDto> Handle(LireImport query, CancellationToken ct)
    {
        var import = await db.Imports.AsNoTracking().FirstOrDefaultAsync(i => i.Id == query.Id, ct)
            ?? throw new NotFoundException("Import introuvable.");
        var dto = ImportDto.De(import);
        return import.Statut == StatutImport.EnCours ? dto with { LignesLues = progressions.Lues(import.Id) ?? dto.LignesLues } : dto;
    }
}
