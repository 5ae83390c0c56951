using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Commun;
using Mediator;

namespace Labels.Application.Comptes;

/// <summary>
/// Disables an account (no login, every session and refresh token ended, its own API tokens refused) or enables it again
/// (its earlier sessions stay ended). Audited.
/// </summary>
public sealed record ChangerStatutCompte(Guid CompteId, bool? Actif) : ICommand<CompteDto>;

public sealed class ChangerStatutCompteValidator : AbstractValidator<ChangerStatutCompte>
{
    public ChangerStatutCompteValidator() => RuleFor(x => x.Actif).NotNull().WithMessage("actif est requis : true ou false.");
}

public sealed class ChangerStatutCompteHandler(IComptes comptes, Journal journal) : ICommandHandler<ChangerStatutCompte, CompteDto>
{
    public async ValueTask<CompteDto> Handle(ChangerStatutCompte command, CancellationToken ct)
    {
        var actif = command.Actif!.Value;
        var compte = await comptes.LireAsync(command.CompteId, ct) ?? throw new NotFoundException("Compte introuvable.");
        if (compte.Actif == actif) return compte;
        // The association must keep someone able to manage it.
        if (!actif && compte.Role == Roles.Admin && await comptes.CompterAdministrateursActifsAsync(ct) <= 1)
            throw new DomainException("C'est le dernier administrateur actif : il ne se désactive pas.");
        journal.Enregistrer(actif ? "compte.reactivation" : "compte.desactivation", $"compte:{compte.Id}", new { compte.Email, compte.Role });
        await comptes.ChangerStatutAsync(command.CompteId, actif, ct);
        return compte with { Actif = actif };
    }
}
