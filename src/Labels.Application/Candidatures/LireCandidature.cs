using Labels.Application.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Candidatures;

public sealed record LireCandidature(Guid Id) : IQuery<CandidatureDto>, IAccesDossier
{
    Guid IAccesDossier.CandidatureId => Id;
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Lecture;
}

public sealed class LireCandidatureHandler(ILabelsDbContext db) : IQueryHandler<LireCandidature, CandidatureDto>
{
    public async ValueTask<CandidatureDto> Handle(LireCandidature query, CancellationToken ct) =>
        await db.Candidatures.AsNoTracking().Where(c => c.Id == query.Id).EnDto(db).FirstOrDefaultAsync(ct)
        ?? throw Acces.Introuvable();
}
