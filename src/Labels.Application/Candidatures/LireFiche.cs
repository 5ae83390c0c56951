using Labels.Application.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Candidatures;

public sealed record LireFiche(Guid CandidatureId, Guid FicheId) : IQuery<FicheDto>, IAccesDossier
{
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Lecture;
}

public sealed class LireFicheHandler(ILabelsDbContext db) : IQueryHandler<LireFiche, FicheDto>
{
    public async ValueTask<FicheDto> Handle(LireFiche query, CancellationToken ct)
    {
        var (candidature, edition) = await db.ChargerDossierAsync(query.CandidatureId, ct);
        var fiche = await db.Fiches.AsNoTracking().FicheDuDossierAsync(candidature, query.FicheId, ct);
        return FicheDto.De(fiche, edition.Calendrier.ClotureCandidatures);
    }
}
