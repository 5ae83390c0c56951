using System.Collections.Concurrent;
using System.Text.Json;
using Labels.Application.Commun;
using Labels.Application.Palmares;

namespace Labels.Api.Publication;

/// <summary>
/// The open-data export (every visible release, as one CSV file or as pages of JSON), made from the releases
/// <see cref="PalmaresPublies"/> already holds. It changes only when a release becomes visible (a publication, a
/// correction, an embargo lifting), so its bytes are made once per set of releases and kept until the set changes: a
/// request costs one small query (which releases are visible now) and, most of the time, nothing else.
/// The CSV is not streamed: it is a bounded file (one line per laureate per édition, a few thousand lines), and made
/// once it has a strong ETag of its exact bytes, a Content-Length for HEAD and its compressed forms, as the palmarès has.
/// </summary>
public sealed class ExportPalmares(PalmaresPublies publies)
{
    /// <summary>
    /// Pages of JSON kept per set of releases: the few that portals ask for (default size, everything at once) in their
    /// three codings. Past it, a page is assembled on each request from bytes already serialised and sent uncompressed:
    /// requests cycling through page sizes cost neither memory nor a compression each.
    /// </summary>
    private const int PagesMemoriseesMax = 48;

    /// <summary>The export of one set of releases, and its representations as they are asked for.</summary>
    public sealed class Instantane(string cle, IReadOnlyList<PalmaresPublies.Release> releases)
    {
        public string Cle { get; } = cle;
        public IReadOnlyList<PalmaresPublies.Release> Releases { get; } = releases;

        /// <summary>The latest publication instant among the releases: when the export last changed (none while it is empty).</summary>
        public DateTimeOffset? DerniereModification { get; } = releases.Count == 0 ? null : releases.Max(r => r.Palmares.PublieLe);

        internal Lazy<Representation>[] Csv { get; } = new Lazy<Representation>[Enum.GetValues<Compression>().Length];

        internal ConcurrentDictionary<(int Page, int PageSize, Compression), Lazy<Representation>> Pages { get; } = new();
    }

    private Instantane? _dernier;

    /// <summary>The export of these releases: the one kept when they are the same, else made from the releases' memos.</summary>
    public async Task<Instantane> ObtenirAsync(IReadOnlyList<ReleaseExportee> releases)
    {
        var cle = string.Join(',', releases.Select(r => r.Id));
        if (Volatile.Read(ref _dernier) is { } dernier && dernier.Cle == cle) return dernier;
        var chargees = new List<PalmaresPublies.Release>(releases.Count);
        foreach (var r in releases)
            // The release was read from the database a moment ago and a release is never deleted.
            chargees.Add(await publies.VersionPublieeAsync(r.Edition, r.Version)
                ?? throw new InvalidOperationException($"Version {r.Version} du palmarès {r.Edition} introuvable."));
        var instantane = new Instantane(cle, chargees);
        for (var i = 0; i < instantane.Csv.Length; i++)
        {
            var compression = (Compression)i;
            instantane.Csv[i] = new Lazy<Representation>(() => compression == Compression.Aucune
                ? Representation.De(CsvDuPalmares.Ecrire([.. instantane.Releases.Select(r => r.Palmares)]), Representation.TypeCsv)
                : instantane.Csv[0].Value.Comprimee(compression));
        }
        // Only the latest set is kept: the export is one document, and a set once replaced never comes back.
        Volatile.Write(ref _dernier, instantane);
        return instantane;
    }

    /// <summary>The CSV file in this coding, made once per set of releases.</summary>
    public static Representation Csv(Instantane instantane, Compression compression) => instantane.Csv[(int)compression].Value;

    /// <summary>
    /// A page of the JSON, <c>{ items, page, pageSize, total }</c> as every list (docs/contrat.md), each item an édition's
    /// palmarès byte for byte as /editions/{annee}/palmares serves it.
    /// </summary>
    public Representation Json(Instantane instantane, PageDe<ReleaseExportee> page, Compression compression)
    {
        var cle = (page.Page, page.PageSize, compression);
        if (instantane.Pages.TryGetValue(cle, out var connue)) return connue.Value;
        if (instantane.Pages.Count >= PagesMemoriseesMax) return instantane.Pages.TryGetValue((page.Page, page.PageSize, Compression.Aucune), out var brute)
            ? brute.Value
            : Assembler(instantane, page);
        var memorisee = instantane.Pages.GetOrAdd(cle, _ => new Lazy<Representation>(() => compression == Compression.Aucune
            ? Assembler(instantane, page)
            : Json(instantane, page, Compression.Aucune).Comprimee(compression)));
        return memorisee.Value;
    }

    /// <summary>The page from the releases' own JSON bytes: no palmarès is serialised again.</summary>
    private Representation Assembler(Instantane instantane, PageDe<ReleaseExportee> page)
    {
        using var flux = new MemoryStream();
        using (var ecrivain = new Utf8JsonWriter(flux))
        {
            ecrivain.WriteStartObject();
            ecrivain.WriteStartArray("items");
            foreach (var release in instantane.Releases.Skip(Pagination.Decalage(page.Page, page.PageSize)).Take(page.PageSize))
                ecrivain.WriteRawValue(publies.Representer(release, FiltresPalmares.Aucun, csv: false).Octets, skipInputValidation: true);
            ecrivain.WriteEndArray();
            ecrivain.WriteNumber("page", page.Page);
            ecrivain.WriteNumber("pageSize", page.PageSize);
            ecrivain.WriteNumber("total", page.Total);
            ecrivain.WriteEndObject();
        }
        return Representation.De(flux.ToArray(), Representation.TypeJson);
    }
}
