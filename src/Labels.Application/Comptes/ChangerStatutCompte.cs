using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Comptes;

/// <summary>
/// Disables an account (no login, every session and refresh token ended, the API tokens it made revoked) or enables it
/// again (its earlier sessions and tokens stay ended). Audited.
/// </summary>
public sealed record ChangerStatutCompte(Guid CompteId, bool? Actif) : ICommand<CompteDto>;

public sealed class ChangerStatutCompteValidator : AbstractValidator<ChangerStatutCompte>
{
    public ChangerStatutCompteValidator() => RuleFor(x => x.Actif).NotNull().WithMessage("actif est requis : true ou false.");
}

public sealed class ChangerStatutCompteHandler(IComptes comptes, ILabelsDbContext db, Journal journal, TimeProvider horloge)
    : ICommandHandler<ChangerStatutCompte, CompteDto>
{
    public async ValueTask<CompteDto> Handle(ChangerStatutCompte command, CancellationToken ct)
    {
        var actif = command.Actif!.Value;
        await comptes.VerrouillerLesStatutsAsync(ct);
        var compte = await comptes.LireAsync(command.CompteId, ct) ?? throw new NotFoundException("Compte introuvable.");
        if (compte.Actif == actif) return compte;
        // The association must keep someone able to manage it.
        if (!actif && compte.Role == Roles.Admin && await comptes.CompterAdministrateursActifsAsync(ct) <= 1)
            throw new DomainException("C'est le dernier administrateur actif : il ne se désactive pas.");
        var revoques = 0;
        if (!actif)
        {
            // The API tokens the account made end with it, for good: enabling it again does not bring back tokens an
            // intruder may have made while it was theirs.
            var maintenant = horloge.GetUtcNow();
            foreach (var jeton in await db.JetonsApi.Where(j => j.CreeParId == compte.Id && j.RevoqueLe == null).ToListAsync(ct))
            {
                jeton.Revoquer(maintenant);
                revoques++;
            }
        }
        journal.Enregistrer(actif ? "compte.reactivation" : "compte.desactivation", $"compte:{compte.Id}",
            new { compte.Email, compte.Role, jetonsRevoques = revoques });
        await comptes.ChangerStatutAsync(command.CompteId, actif, ct);
        return compte with { Actif = actif };
    }
}
