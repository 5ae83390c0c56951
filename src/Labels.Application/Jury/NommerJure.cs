using FluentValidation;
using Labels.Application.Commun;
using Labels.Application.Editions;
using Labels.Domain.Commun;
using Labels.Domain.Jury;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Jury;

public sealed record AttachesDto(string[]? CodesInsee, string[]? Sirens, string[]? Departements);

/// <summary>Makes an account of role jure a member of the édition's jury.</summary>
public sealed record NommerJure(int Annee, Guid CompteId, QualiteJure Qualite, AttachesDto? Attaches, Guid[]? Conflits) : ICommand<JureDto>;

public sealed class NommerJureValidator : AbstractValidator<NommerJure>
{
    public NommerJureValidator()
    {
        RuleFor(x => x.CompteId).NotEmpty();
        RuleFor(x => x.Qualite).IsInEnum();
        RuleForEach(x => x.Attaches!.CodesInsee).Must(CodesOfficiels.EstCodeInseeValide).When(x => x.Attaches?.CodesInsee is not null)
            .OverridePropertyName("attaches.codesInsee").WithMessage("Code INSEE malformé.");
        RuleForEach(x => x.Attaches!.Sirens).Must(CodesOfficiels.EstSirenValide).When(x => x.Attaches?.Sirens is not null)
            .OverridePropertyName("attaches.sirens").WithMessage("SIREN invalide.");
        RuleForEach(x => x.Attaches!.Departements).Matches("^(?:[0-9]{2}|2[AB]|97[1-6])$").When(x => x.Attaches?.Departements is not null)
            .OverridePropertyName("attaches.departements").WithMessage("Code de département invalide.");
        // One bound for both lists; the error names the one that alone passes it, or both.
        RuleFor(x => x).Custom((x, contexte) =>
        {
            var attaches = (x.Attaches?.CodesInsee?.Length ?? 0) + (x.Attaches?.Sirens?.Length ?? 0) + (x.Attaches?.Departements?.Length ?? 0);
            var conflits = x.Conflits?.Length ?? 0;
            if (attaches + conflits <= MembreJury.NombreMaxAttaches) return;
            var message = $"{MembreJury.NombreMaxAttaches} attaches et conflits au plus (reçu : {attaches} attaches, {conflits} conflits).";
            if (conflits > MembreJury.NombreMaxAttaches || attaches == 0) contexte.AddFailure("conflits", message);
            else if (attaches > MembreJury.NombreMaxAttaches || conflits == 0) contexte.AddFailure("attaches", message);
            else
            {
                contexte.AddFailure("attaches", message);
                contexte.AddFailure("conflits", message);
            }
        });
    }
}

public sealed class NommerJureHandler(ILabelsDbContext db, IComptes comptes, Journal journal, TimeProvider horloge)
    : ICommandHandler<NommerJure, JureDto>
{
    public async ValueTask<JureDto> Handle(NommerJure command, CancellationToken ct)
    {
        var edition = await db.Editions.AsNoTracking().ChargerAsync(command.Annee, ct);
        if (!await comptes.EstDuRoleAsync(command.CompteId, Roles.Jure, ct))
            throw new DonneeInacceptableException("compteId", "Ce compte n'existe pas ou n'a pas le rôle jure.");
        var codes = command.Attaches?.CodesInsee ?? [];
        var sirens = command.Attaches?.Sirens ?? [];
        var conflits = command.Conflits ?? [];

        var communes = await db.Communes.AsNoTracking().Where(c => codes.Contains(c.CodeInsee))
            .Select(c => new { c.CodeInsee, c.Departement }).ToListAsync(ct);
        if (codes.Except(communes.Select(c => c.CodeInsee)).FirstOrDefault() is { } inconnue)
            throw new DonneeInacceptableException("attaches.codesInsee", $"Le COG ne connaît pas la commune {inconnue}.");
        var epcis = await db.Epcis.AsNoTracking().Where(e => sirens.Contains(e.Siren)).Select(e => new { e.Siren, e.Communes }).ToListAsync(ct);
        if (sirens.Except(epcis.Select(e => e.Siren)).FirstOrDefault() is { } inconnu)
            throw new DonneeInacceptableException("attaches.sirens", $"Le COG ne connaît pas l'EPCI {inconnu}.");
        var membres = epcis.SelectMany(e => e.Communes).Distinct().ToArray();
        var departementsDesEpci = await db.Communes.AsNoTracking().Where(c => membres.Contains(c.CodeInsee))
            .Select(c => c.Departement).Distinct().ToListAsync(ct);
        var connues = await db.Collectivites.CountAsync(c => conflits.Contains(c.Id), ct);
        if (connues != conflits.Distinct().Count())
            throw new DonneeInacceptableException("conflits", "Un conflit déclaré nomme une collectivité inconnue.");

        var jure = MembreJury.Nommer(edition, command.CompteId, command.Qualite, codes, sirens, command.Attaches?.Departements ?? [],
            communes.Select(c => c.Departement).Concat(departementsDesEpci).ToArray(), conflits, horloge.GetUtcNow());
        db.Jures.Add(jure);
        journal.Enregistrer("jury.membre", $"jure:{jure.Id}", new { edition = edition.Annee, compteId = command.CompteId });
        await db.SaveChangesAsync(ct);
        return JureDto.De(jure, (await comptes.EmailsAsync([command.CompteId], ct)).GetValueOrDefault(command.CompteId, ""));
    }
}
