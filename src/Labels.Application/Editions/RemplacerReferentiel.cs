using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Editions;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Editions;

public sealed record RemplacerReferentiel(int Annee, IReadOnlyList<EnjeuDto> Enjeux, IReadOnlyList<MentionDto> Mentions)
    : ICommand<ReferentielDto>
{
    public IReadOnlyList<Enjeu> EnjeuxDuDomaine() =>
        (Enjeux ?? []).Select(e => new Enjeu(e.Code, e.Nom, (e.Services ?? []).Select(s => new ServiceNumerique(s.Code, s.Nom)).ToArray())).ToArray();

    public IReadOnlyList<TypeMention> MentionsDuDomaine() => (Mentions ?? []).Select(m => new TypeMention(m.Code, m.Nom)).ToArray();
}

public sealed class RemplacerReferentielValidator : AbstractValidator<RemplacerReferentiel>
{
    public const int NombreMaxElements = 1_000;

    public RemplacerReferentielValidator()
    {
        RuleFor(x => x.Enjeux).NotEmpty().WithMessage("Un référentiel a au moins un enjeu.");
        RuleFor(x => x.Mentions).NotNull();
        RuleFor(x => x).Must(x => (x.Enjeux?.Sum(e => 1 + (e.Services?.Count ?? 0)) ?? 0) + (x.Mentions?.Count ?? 0) <= NombreMaxElements)
            .OverridePropertyName("enjeux").WithMessage($"{NombreMaxElements} éléments au plus.");
        RuleFor(x => x).Custom((x, contexte) =>
        {
            if (x.Enjeux is null || x.Mentions is null) return;
            foreach (var (chemin, message) in Referentiel.Defauts(x.EnjeuxDuDomaine(), x.MentionsDuDomaine()))
                contexte.AddFailure(chemin, message);
        });
    }
}

public sealed class RemplacerReferentielHandler(ILabelsDbContext db, Journal journal)
    : ICommandHandler<RemplacerReferentiel, ReferentielDto>
{
    public async ValueTask<ReferentielDto> Handle(RemplacerReferentiel command, CancellationToken ct)
    {
        var edition = await db.Editions.ChargerAsync(command.Annee, ct);
        var nouveau = Referentiel.Creer(command.EnjeuxDuDomaine(), command.MentionsDuDomaine());
        var fiches = db.Fiches.Where(f => db.Candidatures.Any(c => c.Id == f.CandidatureId && c.EditionAnnee == command.Annee));
        var enjeux = await fiches.SelectMany(f => f.Enjeux).Distinct().ToListAsync(ct);
        var services = await fiches.SelectMany(f => f.Services).Distinct().ToListAsync(ct);
        var mentions = await db.Distinctions.Where(d => d.EditionAnnee == command.Annee).SelectMany(d => d.Mentions).Distinct().ToListAsync(ct);
        var utilises = enjeux.Select(c => "enjeu:" + c)
            .Concat(services.Select(c => "service:" + c))
            .Concat(mentions.Select(c => "mention:" + c))
            .ToHashSet();
        edition.RemplacerReferentiel(nouveau, utilises);
        journal.Enregistrer("edition.referentiel", $"edition:{edition.Annee}",
            new { enjeux = nouveau.Enjeux.Count, services = nouveau.NombreServices, mentions = nouveau.Mentions.Count });
        await db.SaveChangesAsync(ct);
        return ReferentielDto.De(edition.Referentiel);
    }
}
