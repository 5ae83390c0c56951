using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Comptes;

/// <summary>Accounts are created by the association's staff only: there is no self-registration.</summary>
public sealed record CreerCompte(string Email, string MotDePasse, string Role, Guid? CollectiviteId) : ICommand<CompteDto>;

public sealed class CreerCompteValidator : AbstractValidator<CreerCompte>
{
    public CreerCompteValidator()
    {
        RuleFor(x => x.Email).NotEmpty().MaximumLength(256).EmailAddress().WithMessage("Une adresse e-mail valide est attendue (nom@domaine.fr).");
        RuleFor(x => x.MotDePasse).NotEmpty().MaximumLength(256);
        RuleFor(x => x.Role).Must(r => Roles.Tous.Contains(r))
            .WithMessage($"Le rôle est l'un de : {string.Join(", ", Roles.Tous)}.");
        RuleFor(x => x.CollectiviteId).NotNull().When(x => x.Role == Roles.Collectivite)
            .WithMessage("Un compte de collectivité est rattaché à une collectivité.");
        RuleFor(x => x.CollectiviteId).Null().When(x => x.Role != Roles.Collectivite)
            .WithMessage("Seul un compte de collectivité est rattaché à une collectivité.");
    }
}

public sealed class CreerCompteHandler(ILabelsDbContext db, IComptes comptes) : ICommandHandler<CreerCompte, CompteDto>
{
    public async ValueTask<CompteDto> Handle(CreerCompte command, CancellationToken ct)
    {
        if (command.CollectiviteId is { } id && !await db.Collectivites.AnyAsync(c => c.Id == id, ct))
            throw new DonneeInacceptableException("collectiviteId", "Collectivité inconnue.");
        var (compteId, erreurs) = await comptes.CreerAsync(
            new NouveauCompte(command.Email.Trim(), command.MotDePasse, command.Role, command.CollectiviteId), ct);
        if (compteId is null)
            throw new ValidationException(erreurs.SelectMany(e => e.Value.Select(m => new FluentValidation.Results.ValidationFailure(e.Key, m))));
        return new CompteDto(compteId.Value, command.Email.Trim(), command.Role, command.CollectiviteId, Actif: true);
    }
}
