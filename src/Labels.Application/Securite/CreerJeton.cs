using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Securite;
using Mediator;

namespace Labels.Application.Securite;

/// <summary>The new token with its secret: the only time the secret is shown.</summary>
public sealed record JetonCreeDto(JetonDto Jeton, string Secret);

public sealed record CreerJeton(string Nom, string[] Scopes, DateTimeOffset ExpireLe) : ICommand<JetonCreeDto>;

public sealed class CreerJetonValidator : AbstractValidator<CreerJeton>
{
    public CreerJetonValidator(TimeProvider horloge)
    {
        RuleFor(x => x.Nom).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Scopes).NotNull().Must(s => s is null || JetonApi.DefautDeScopes(s) is null)
            .WithMessage(x => JetonApi.DefautDeScopes(x.Scopes ?? []) ?? "");
        RuleFor(x => x.ExpireLe).NotEmpty()
            .Must(e => JetonApi.DefautDExpiration(e, horloge.GetUtcNow()) is null).WithMessage(x => JetonApi.DefautDExpiration(x.ExpireLe, horloge.GetUtcNow()) ?? "");
    }
}

public sealed class CreerJetonHandler(ILabelsDbContext db, IUtilisateurCourant utilisateur, Journal journal, TimeProvider horloge)
    : ICommandHandler<CreerJeton, JetonCreeDto>
{
    public async ValueTask<JetonCreeDto> Handle(CreerJeton command, CancellationToken ct)
    {
        var secret = SecretsDeJeton.Nouveau();
        var jeton = JetonApi.Creer(command.Nom, command.Scopes, command.ExpireLe, utilisateur.Id ?? throw new ForbiddenException("Compte requis."),
            secret, SecretsDeJeton.Empreinte(secret), horloge.GetUtcNow());
        db.JetonsApi.Add(jeton);
        journal.Enregistrer("jeton.creation", $"jeton:{jeton.Id}", new { jeton.Nom, jeton.Scopes, jeton.ExpireLe });
        await db.SaveChangesAsync(ct);
        return new JetonCreeDto(JetonDto.De(jeton), secret);
    }
}
