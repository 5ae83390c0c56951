using System.Text.Json;
using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Palmares;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Audit;

/// <param name="Details">What the act carried; null when <paramref name="Masque"/>.</param>
/// <param name="Masque">
/// The details carry results of an édition that the reader does not see yet (a jury's decision, a publication under
/// embargo): withheld until those results are visible.
/// </param>
public sealed record EntreeAuditDto(Guid Id, DateTimeOffset Instant, Guid? ActeurId, string Action, string Cible, JsonElement? Details, bool Masque);

/// <summary>The security-relevant and administrative acts, newest first, filtered (admins only).</summary>
public sealed record LireAudit(string? Action, string? Cible, Guid? ActeurId, DateTimeOffset? Depuis, DateTimeOffset? Jusqua,
    int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<PageDe<EntreeAuditDto>>;

public sealed class LireAuditValidator : AbstractValidator<LireAudit>
{
    public LireAuditValidator()
    {
        this.ReglesDePage(x => x.Page, x => x.PageSize);
        RuleFor(x => x.Action).MaximumLength(Domain.Audit.EntreeAudit.LongueurMaxAction);
        RuleFor(x => x.Cible).MaximumLength(Domain.Audit.EntreeAudit.LongueurMaxCible);
    }
}

public sealed class LireAuditHandler(ILabelsDbContext db, Acces acces) : IQueryHandler<LireAudit, PageDe<EntreeAuditDto>>
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
        // The jury works behind closed doors (rule 7): details carrying an édition's results stay with those who see them.
        var visibilite = acces.Visibilite;
        var visibles = db.VersionsPalmares.VisiblesPar(visibilite);
        var page = await q.OrderByDescending(e => e.Instant).ThenByDescending(e => e.Id)
            .Select(e => new
            {
                Entree = e,
                Masque = !visibilite.VoitTout && e.ResultatsDe != null
                    && !visibles.Any(v => v.EditionAnnee == e.ResultatsDe && v.Version >= e.ResultatsVersion),
            })
            .PaginerAsync(query.Page, query.PageSize, ct);
        return new PageDe<EntreeAuditDto>(page.Items.Select(x => new EntreeAuditDto(x.Entree.Id, x.Entree.Instant, x.Entree.ActeurId,
                x.Entree.Action, x.Entree.Cible, x.Masque ? null : JsonDocument.Parse(x.Entree.Details).RootElement.Clone(), x.Masque)).ToArray(),
            page.Page, page.PageSize, page.Total);
    }
}
