using System.Text.Json;
using FluentValidation;
using Labels.Application.Commun;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Audit;

public sealed record EntreeAuditDto(Guid Id, DateTimeOffset Instant, Guid? ActeurId, string Action, string Cible, JsonElement Details);

/// <summary>The security-relevant and administrative acts, newest first, filtered (admins only).</summary>
public sealed record LireAudit(string? Action, string? Cible, Guid? ActeurId, DateTimeOffset? Depuis, DateTimeOffset? Jusqua,
    int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<EntreeAuditDto>>;

public sealed class LireAuditValidator : AbstractValidator<LireAudit>
{
    public LireAuditValidator()
    {
        this.ReglesDePage(x => x.Page, x => x.PageSize);
        RuleFor(x => x.Action).MaximumLength(100);
        RuleFor(x => x.Cible).MaximumLength(200);
    }
}

public sealed class LireAuditHandler(ILabelsDbContext db) : IQueryHandler<LireAudit, PageDe<EntreeAuditDto>>
{
    public async ValueTask<PageDe<EntreeAuditDto>> Handle(LireAudit query, CancellationToken ct)
    {
        var q = db.Audit.AsNoTracking();
        // An action filter ending with '.' takes the whole family (« auth. » for every authentication event).
        if (query.Action is { } action)
            q = action.EndsWith('.') ? q.Where(e => e.Action.StartsWith(action)) : q.Where(e => e.Action == action);
        if (query.Cible is { } cible) q = q.Where(e => e.Cible == cible);
        if (query.ActeurId is { } acteur) q = q.Where(e => e.ActeurId == acteur);
        if (query.Depuis is { } depuis) q = q.Where(e => e.Instant >= depuis);
        if (query.Jusqua is { } jusqua) q = q.Where(e => e.Instant < jusqua);
        var page = await q.OrderByDescending(e => e.Instant).ThenByDescending(e => e.Id).PaginerAsync(query.Page, query.PageSize, ct);
        return new PageDe<EntreeAuditDto>(page.Items.Select(e => new EntreeAuditDto(e.Id, e.Instant, e.ActeurId, e.Action, e.Cible,
            JsonDocument.Parse(e.Details).RootElement.Clone())).ToArray(), page.Page, page.PageSize, page.Total);
    }
}

/// <summary>Records an authentication event (a login that failed or succeeded).</summary>
public sealed record JournaliserConnexion(string Email, bool Reussie, Guid? CompteId, string? Raison, string? Adresse) : ICommand;

public sealed class JournaliserConnexionHandler(ILabelsDbContext db, TimeProvider horloge) : ICommandHandler<JournaliserConnexion>
{
    public async ValueTask<Unit> Handle(JournaliserConnexion command, CancellationToken ct)
    {
        db.Audit.Add(Domain.Audit.EntreeAudit.Enregistrer(command.CompteId, command.Reussie ? "auth.connexion" : "auth.echec",
            $"compte:{command.Email.ToLowerInvariant()}",
            JsonSerializer.Serialize(new { raison = command.Raison, adresse = command.Adresse }), horloge.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
