using FluentValidation;
using Labels.Application.Commun;
using Labels.Domain.Palmares;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Labels.Application.Palmares;

/// <summary>One release in the open-data export: an édition's latest visible version (its id tells two databases' releases apart).</summary>
public sealed record ReleaseExportee(int Edition, int Version, Guid Id, DateTimeOffset PublieLe);

/// <summary>
/// The open-data export: every release it holds, oldest édition first (the CSV file is all of them), and the page of
/// them the JSON answers.
/// </summary>
public sealed record ExportDesPalmares(IReadOnlyList<ReleaseExportee> Releases, PageDe<ReleaseExportee> Page);

/// <summary>
/// Every published palmarès in one export, for reuse as open data (data.gouv.fr): the latest visible version of each
/// édition, as the public sees them now — whoever asks. The export is made to be republished as it is: an
/// administrator's download must not carry a release under embargo, nor a correction before its instant (the staff
/// read those on the per-édition routes). See docs/contrat.md, « The open-data export ».
/// </summary>
public sealed record ExporterPalmares(int Page = 1, int PageSize = Pagination.TailleParDefaut) : IQuery<ExportDesPalmares>;

public sealed class ExporterPalmaresValidator : AbstractValidator<ExporterPalmares>
{
    public ExporterPalmaresValidator() => this.ReglesDePage(x => x.Page, x => x.PageSize);
}

public sealed class ExporterPalmaresHandler(ILabelsDbContext db, TimeProvider horloge) : IQueryHandler<ExporterPalmares, ExportDesPalmares>
{
    public async ValueTask<ExportDesPalmares> Handle(ExporterPalmares query, CancellationToken ct)
    {
        // One row per édition (a hundred at most): the whole set is read, it keys the export's bytes and dates it.
        var releases = await db.VersionsPalmares.AsNoTracking().VisiblesPar(Visibilite.Le(horloge.GetUtcNow())).Dernieres()
            .OrderBy(v => v.EditionAnnee)
            .Select(v => new ReleaseExportee(v.EditionAnnee, v.Version, v.Id, v.PublieLe))
            .ToListAsync(ct);
        return new ExportDesPalmares(releases, releases.Paginer(query.Page, query.PageSize));
    }
}
