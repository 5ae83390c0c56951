using FluentValidation;
using Labels.Application.Commun;
using Mediator;

namespace Labels.Application.Comptes;

/// <summary>A person changes their own password; every session of the account ends (the current one too). Audited.</summary>
/// <remarks>Its own transactions: a failed attempt is counted (and audited) even though the command fails.</remarks>
public sealed record ChangerMonMotDePasse(string MotDePasseActuel, string NouveauMotDePasse) : ICommand, ITransactionsPropres;

public sealed class ChangerMonMotDePasseValidator : AbstractValidator<ChangerMonMotDePasse>
{
    public ChangerMonMotDePasseValidator()
    {
        RuleFor(x => x.MotDePasseActuel).NotEmpty().MaximumLength(256);
        RuleFor(x => x.NouveauMotDePasse).NotEmpty().MaximumLength(256);
    }
}

public sealed class ChangerMonMotDePasseHandler(IComptes comptes, IUtilisateurCourant utilisateur, Journal journal, ILabelsDbContext db)
    : ICommandHandler<ChangerMonMotDePasse>
{
    public async ValueTask<Unit> Handle(ChangerMonMotDePasse command, CancellationToken ct)
    {
        var id = utilisateur.Id ?? throw new ForbiddenException("Réservé aux personnes connectées.");
        journal.Enregistrer("compte.mot-de-passe", $"compte:{id}", new { adresse = utilisateur.Adresse });
        var erreurs = await comptes.ChangerMotDePasseAsync(id, command.MotDePasseActuel, command.NouveauMotDePasse, utilisateur.Adresse, ct);
        if (erreurs.Count > 0)
        {
            db.ChangeTrackerClear();
            journal.Enregistrer("compte.mot-de-passe.echec", $"compte:{id}",
                new { adresse = utilisateur.Adresse, champs = erreurs.Keys.ToArray() });
            await db.SaveChangesAsync(ct);
            throw new ValidationException(erreurs.SelectMany(e => e.Value.Select(m => new FluentValidation.Results.ValidationFailure(e.Key, m))));
        }
        return Unit.Value;
    }
}
