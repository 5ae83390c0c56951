using Labels.Application.Commun;
using Mediator;

namespace Labels.Application.Candidatures;

/// <summary>Files the dossier (brouillon → deposee) while candidatures are open.</summary>
public sealed record DeposerCandidature(Guid Id) : ICommand<CandidatureDto>, IAccesDossier
{
    Guid IAccesDossier.CandidatureId => Id;
    BesoinDossier IAccesDossier.Besoin => BesoinDossier.Ecriture;
}

public sealed class DeposerCandidatureHandler(ILabelsDbContext db, TimeProvider horloge) : ICommandHandler<DeposerCandidature, CandidatureDto>
{
    public async ValueTask<CandidatureDto> Handle(DeposerCandidature command, CancellationToken ct)
    {
        var (candidature, edition) = await db.ChargerCandidatureAsync(command.Id, ct);
        candidature.Deposer(edition, horloge.GetUtcNow());
        return await db.EnregistrerCandidatureAsync(candidature, ct);
    }
}
