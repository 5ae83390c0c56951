using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Collectivites;
using Labels.Domain.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Collectivites;

/// <summary>Registers a collectivité from the COG: the caller names it by code, the COG says the rest.</summary>
public sealed record CreerCollectivite(string? CodeInsee, string? Siren) : ICommand<CollectiviteDto>;

public sealed class CreerCollectiviteValidator : AbstractValidator<CreerCollectivite>
{
    public CreerCollectiviteValidator()
    {
        // A fault of both fields: each is named.
        RuleFor(x => x).Custom((x, contexte) =>
        {
            if ((x.CodeInsee is null) == (x.Siren is null))
                foreach (var champ in new[] { "codeInsee", "siren" })
                    contexte.AddFailure(champ, "Indiquez soit codeInsee (commune), soit siren (intercommunalité).");
        });
        RuleFor(x => x.CodeInsee).Must(CodesOfficiels.EstCodeInseeValide).When(x => x.CodeInsee is not null)
            .WithMessage("Un code INSEE a 5 caractères : 2 chiffres (ou 2A, 2B) puis 3 chiffres.");
        RuleFor(x => x.Siren).Must(CodesOfficiels.EstSirenValide).When(x => x.Siren is not null)
            .WithMessage("Un SIREN a 9 chiffres dont le dernier est une clé de Luhn.");
    }
}

public sealed class CreerCollectiviteHandler(ILabelsDbContext db, TimeProvider horloge)
    : ICommandHandler<CreerCollectivite, CollectiviteDto>
{
    public async ValueTask<CollectiviteDto> Handle(CreerCollectivite command, CancellationToken ct)
    {
        var maintenant = horloge.GetUtcNow();
        Collectivite collectivite;
        if (command.CodeInsee is { } code)
        {
            var commune = await db.Communes.AsNoTracking().FirstOrDefaultAsync(c => c.CodeInsee == code, ct)
                ?? throw new DonneeInacceptableException("codeInsee", $"Le COG ne connaît pas la commune {code}.");
            collectivite = Collectivite.Commune(commune, maintenant);
        }
        else
        {
            var siren = command.Siren!;
            var epci = await db.Epcis.AsNoTracking().FirstOrDefaultAsync(e => e.Siren == siren, ct)
                ?? throw new DonneeInacceptableException("siren", $"Le COG ne connaît pas l'EPCI {siren}.");
            collectivite = Collectivite.Intercommunalite(epci, maintenant);
        }
        db.Collectivites.Add(collectivite);
        await db.SaveChangesAsync(ct);
        return CollectiviteDto.De(collectivite);
    }
}
