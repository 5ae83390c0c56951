using System.Security.Cryptography;
using System.Text;
using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Securite;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Securite;

public sealed record JetonDto(Guid Id, string Nom, string Debut, string[] Scopes, DateTimeOffset CreatedAt, DateTimeOffset ExpireLe,
    DateTimeOffset? RevoqueLe, Guid CreeParId)
{
    public static JetonDto De(JetonApi j) => new(j.Id, j.Nom, j.Debut, j.Scopes, j.CreatedAt, j.ExpireLe, j.RevoqueLe, j.CreeParId);
}

/// <summary>The new token with its secret: the only time the secret is shown.</summary>
public sealed record JetonCreeDto(JetonDto Jeton, string Secret);

public static class SecretsDeJeton
{
    public static string Empreinte(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string Nouveau() => JetonApi.Prefixe + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public sealed record CreerJeton(string Nom, string[] Scopes, DateTimeOffset ExpireLe) : ICommand<JetonCreeDto>;

public sealed class CreerJetonValidator : AbstractValidator<CreerJeton>
{
    public CreerJetonValidator()
    {
        RuleFor(x => x.Nom).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Scopes).NotNull().Must(s => s is null || JetonApi.DefautDeScopes(s) is null)
            .WithMessage(x => JetonApi.DefautDeScopes(x.Scopes ?? []) ?? "");
        RuleFor(x => x.ExpireLe).NotEmpty();
    }
}

public sealed record ListerJetons(int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<JetonDto>>;

public sealed class ListerJetonsValidator : AbstractValidator<ListerJetons>
{
    public ListerJetonsValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed record RevoquerJeton(Guid Id) : ICommand;

public sealed class JetonsHandler(ILabelsDbContext db, IUtilisateurCourant utilisateur, Journal journal, TimeProvider horloge)
    : ICommandHandler<CreerJeton, JetonCreeDto>, IQueryHandler<ListerJetons, PageDe<JetonDto>>, ICommandHandler<RevoquerJeton>
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

    public async ValueTask<PageDe<JetonDto>> Handle(ListerJetons query, CancellationToken ct)
    {
        var page = await db.JetonsApi.AsNoTracking().OrderByDescending(j => j.CreatedAt).PaginerAsync(query.Page, query.PageSize, ct);
        return new PageDe<JetonDto>(page.Items.Select(JetonDto.De).ToArray(), page.Page, page.PageSize, page.Total);
    }

    public async ValueTask<Unit> Handle(RevoquerJeton command, CancellationToken ct)
    {
        var jeton = await db.JetonsApi.FirstOrDefaultAsync(j => j.Id == command.Id, ct) ?? throw new NotFoundException("Jeton introuvable.");
        jeton.Revoquer(horloge.GetUtcNow());
        journal.Enregistrer("jeton.revocation", $"jeton:{jeton.Id}", new { jeton.Nom });
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
