using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Candidatures;
using Labels.Domain.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Candidatures;

public sealed record CreerCandidature(int Annee, Guid CollectiviteId) : ICommand<CandidatureDto>, IActionPourCollectivite;

public sealed class CreerCandidatureValidator : AbstractValidator<CreerCandidature>
{
    public CreerCandidatureValidator() => RuleFor(x => x.CollectiviteId).NotEmpty();
}

public sealed class CreerCandidatureHandler(ILabelsDbContext db, Acces acces, Journal journal, TimeProvider horloge)
    : ICommandHandler<CreerCandidature, CandidatureDto>
{
    public async ValueTask<CandidatureDto> Handle(CreerCandidature command, CancellationToken ct)
    {
        var edition = await db.Editions.AsNoTracking().ChargerAsync(command.Annee, ct);
        if (!await db.Collectivites.AnyAsync(c => c.Id == command.CollectiviteId, ct))
            throw new DonneeInacceptableException("collectiviteId", "Collectivité inconnue.");
        var candidature = Candidature.Creer(edition, command.CollectiviteId, acces.EstAdmin, horloge.GetUtcNow());
        db.Candidatures.Add(candidature);
        journal.JournaliserCorrection(edition, "correction.candidature.creee", $"candidature:{candidature.Id}",
            new { edition = edition.Annee, collectiviteId = command.CollectiviteId });
        await db.SaveChangesAsync(ct);
        return await db.Candidatures.AsNoTracking().Where(c => c.Id == candidature.Id).EnDto(db).FirstAsync(ct);
    }
}
