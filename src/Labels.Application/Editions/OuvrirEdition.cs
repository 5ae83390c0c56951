using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Editions;
using Labels.Domain.Palmares;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Editions;

/// <summary>Opens a yearly édition; its référentiel is cloned from the latest earlier édition, or the default one.</summary>
public sealed record OuvrirEdition(
    int Annee,
    int Numero,
    bool? Historique,
    DateOnly? OuvertureCandidatures,
    DateOnly? ClotureCandidatures,
    DateOnly? ReunionJury,
    DateOnly? Ceremonie,
    ParametresTen? ParametresTen = null) : ICommand<EditionDto>
{
    /// <summary>The dates above as the domain takes them; not a field of the request.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Calendrier Calendrier => new(OuvertureCandidatures, ClotureCandidatures, ReunionJury, Ceremonie);
}

public sealed class OuvrirEditionValidator : AbstractValidator<OuvrirEdition>
{
    public OuvrirEditionValidator()
    {
        RuleFor(x => x.Annee).InclusiveBetween(Edition.PremiereAnnee, Edition.DerniereAnnee);
        RuleFor(x => x.Numero).GreaterThanOrEqualTo(1);
        RuleFor(x => x.Calendrier).Must(c => c.Defaut() is null).OverridePropertyName("clotureCandidatures")
            .WithMessage(x => x.Calendrier.Defaut());
        RuleFor(x => x.ParametresTen).Must(p => p!.Defaut() is null).When(x => x.ParametresTen is not null)
            .WithMessage(x => x.ParametresTen!.Defaut());
    }
}

public sealed class OuvrirEditionHandler(ILabelsDbContext db, TimeProvider horloge) : ICommandHandler<OuvrirEdition, EditionDto>
{
    public async ValueTask<EditionDto> Handle(OuvrirEdition command, CancellationToken ct)
    {
        var precedente = await db.Editions.AsNoTracking()
            .Where(e => e.Annee < command.Annee).OrderByDescending(e => e.Annee).FirstOrDefaultAsync(ct);
        var posterieure = await db.Editions.AsNoTracking().Where(e => e.Annee > command.Annee && e.Statut == StatutEdition.Publiee)
            .OrderBy(e => e.Annee).Select(e => (int?)e.Annee).FirstOrDefaultAsync(ct);
        var edition = Edition.Ouvrir(command.Annee, command.Numero, command.Historique ?? false, command.Calendrier,
            precedente, horloge.GetUtcNow(), command.ParametresTen, posterieure);
        db.Editions.Add(edition);
        await db.SaveChangesAsync(ct);
        return EditionDto.De(edition);
    }
}
