using System.Collections.Concurrent;
using System.Text.Json;
using Labels.Application.Palmares;
using Labels.Domain.Editions;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Labels.Api.Publication;

/// <summary>
/// Published releases, serialised once and served as bytes. A release never changes, so the bytes of a version are
/// kept for the process's life; "the latest version" is looked up again after a short delay (and at once on this
/// instance when it publishes), so a correction reaches every instance. Filtered answers are computed from the release
/// in memory and memoised.
/// Only what exists is kept: an édition or a version without a release is looked up again by the next request (a
/// cheap query), never remembered as absent — it may be published the next second. Every memo is bounded whatever the
/// requests: years outside the domain's range are not looked up, versions above the latest one are answered without a
/// query, releases and filtered answers have a ceiling past which they are computed without being kept.
/// </summary>
public sealed class PalmaresPublies(IServiceScopeFactory scopes, IOptions<JsonOptions> json, TimeProvider horloge) : IPalmaresPublies
{
    private const int FiltresMemorisesMax = 2_000;
    private const int VersionsMemoriseesMax = 1_000;
    private static readonly TimeSpan DureeDuPointeur = TimeSpan.FromSeconds(2);

    public sealed class Release(PalmaresDto palmares, IReadOnlySet<string> mentions)
    {
        public PalmaresDto Palmares { get; } = palmares;

        /// <summary>The mention codes of the édition's référentiel: a filter on another is refused, not answered empty.</summary>
        public IReadOnlySet<string> Mentions { get; } = mentions;

        public string? DefautDeMention(string? mention) => mention is null || Mentions.Contains(mention) ? null
            : $"Aucune mention de code « {mention} » dans le référentiel de l'édition {Palmares.Edition}.";
        /// <summary>The Last-Modified value, formatted once rather than on every answer.</summary>
        public string DerniereModification { get; } = Microsoft.Net.Http.Headers.HeaderUtilities.FormatDate(palmares.PublieLe);
        internal ConcurrentDictionary<(FiltresPalmares, bool Csv, Compression), Lazy<Representation>> Representations { get; } = new();
    }

    /// <summary>The key figures of an édition's latest release and their JSON bytes.</summary>
    public sealed record ChiffresPublies(ChiffresClesDto Chiffres, Representation Json);

    /// <summary>What an édition's latest release gives, kept a short while: a computation shared by the requests meanwhile.</summary>
    private sealed record Recent<T>(Task<T?> Calcul, DateTimeOffset ExpireLe) where T : class;

    private readonly ConcurrentDictionary<(int Annee, int Version), Lazy<Task<Release?>>> _versions = new();
    private readonly ConcurrentDictionary<int, Recent<Release>> _dernieres = new();
    private readonly ConcurrentDictionary<int, Recent<ChiffresPublies>> _chiffres = new();

    /// <summary>How many entries the memos hold (releases, latest pointers, key figures): for the tests of their bounds.</summary>
    internal int NombreMemorise => _versions.Count + _dernieres.Count + _chiffres.Count;

    public void Invalider(int annee)
    {
        _dernieres.TryRemove(annee, out _);
        // An édition's key figures compare it with the previous one: a publication changes the next édition's too.
        _chiffres.Clear();
    }

    /// <summary>Forgets every release: only for a database emptied underneath (tests).</summary>
    internal void Vider()
    {
        _versions.Clear();
        _dernieres.Clear();
        _chiffres.Clear();
    }

    private static bool EstAnneePossible(int annee) => annee is >= Edition.PremiereAnnee and <= Edition.DerniereAnnee;

    /// <summary>
    /// The key figures of an édition's latest release. They count live data beside the frozen release (the fiches of its
    /// dossiers, the COG's populations), so they are kept only as long as the "latest version" pointer: long enough for
    /// a burst of portals to cost one computation, short enough for a change to show at once; a publication here
    /// forgets them.
    /// </summary>
    public Task<ChiffresPublies?> ChiffresClesAsync(int annee) =>
        EstAnneePossible(annee) ? RecentAsync(_chiffres, annee, CalculerChiffresAsync) : Task.FromResult<ChiffresPublies?>(null);

    /// <summary>
    /// The édition's entry of <paramref name="memo"/>, computed again once it has expired; requests arriving meanwhile
    /// share the computation. Nothing is kept of a computation that found nothing or failed.
    /// </summary>
    private async Task<T?> RecentAsync<T>(ConcurrentDictionary<int, Recent<T>> memo, int annee, Func<int, Task<T?>> calculer) where T : class
    {
        var maintenant = horloge.GetUtcNow();
        if (!memo.TryGetValue(annee, out var recent) || recent.ExpireLe <= maintenant)
        {
            recent = new Recent<T>(calculer(annee), maintenant + DureeDuPointeur);
            memo[annee] = recent;
        }
        return await Oublier(memo, annee, recent, recent.Calcul);
    }

    /// <summary>Awaits a shared computation and removes its memo entry when it found nothing or failed.</summary>
    private static async Task<T?> Oublier<TCle, TEntree, T>(ConcurrentDictionary<TCle, TEntree> memo, TCle cle, TEntree entree, Task<T?> calcul)
        where TCle : notnull where T : class
    {
        try
        {
            var valeur = await calcul;
            if (valeur is null) memo.TryRemove(KeyValuePair.Create(cle, entree));
            return valeur;
        }
        catch
        {
            memo.TryRemove(KeyValuePair.Create(cle, entree));
            throw;
        }
    }

    private async Task<ChiffresPublies?> CalculerChiffresAsync(int annee)
    {
        await using var scope = scopes.CreateAsyncScope();
        var chiffres = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new CalculerChiffresCles(annee));
        return chiffres is null
            ? null
            : new ChiffresPublies(chiffres, Representation.De(JsonSerializer.SerializeToUtf8Bytes(chiffres, json.Value.SerializerOptions), Representation.TypeJson));
    }

    /// <summary>
    /// The latest release of an édition, or the numbered one; null when there is none (embargo not applied: the caller
    /// checks <see cref="PalmaresDto.PublieLe"/> on every request, since an embargo lifts without a new version).
    /// </summary>
    public async Task<Release?> ObtenirAsync(int annee, int? version)
    {
        if (!EstAnneePossible(annee) || version < 1) return null;
        var derniere = await RecentAsync(_dernieres, annee, ChargerDerniereAsync);
        if (version is not { } v || derniere is null) return derniere;
        // Above the latest version (as read at most a moment ago) there is nothing to look up.
        if (v >= derniere.Palmares.Version) return v == derniere.Palmares.Version ? derniere : null;
        return await VersionAsync(annee, v);
    }

    /// <summary>
    /// A numbered release known to exist (read from the database a moment ago), without going through the "latest version"
    /// pointer, which may lag on this instance by up to two seconds; null when there is none.
    /// </summary>
    public Task<Release?> VersionPublieeAsync(int annee, int version) =>
        EstAnneePossible(annee) && version >= 1 ? VersionAsync(annee, version) : Task.FromResult<Release?>(null);

    /// <summary>The strong ETag of a release's whole palmarès in JSON, uncompressed: what a webhook tells its receiver to expect.</summary>
    public async Task<string?> ETagAsync(int annee, int version) =>
        await VersionPublieeAsync(annee, version) is { } release ? Representer(release, FiltresPalmares.Aucun, csv: false).ETag : null;

    private async Task<Release?> ChargerDerniereAsync(int annee)
    {
        int? version;
        await using (var scope = scopes.CreateAsyncScope())
            // Only the version number is read when the pointer expires; a known version is never loaded again.
            version = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new DerniereVersionPalmares(annee));
        return version is { } v ? await VersionAsync(annee, v) : null;
    }

    private async Task<Release?> VersionAsync(int annee, int version)
    {
        var cle = (annee, version);
        if (!_versions.TryGetValue(cle, out var chargement))
        {
            if (_versions.Count >= VersionsMemoriseesMax) return await ChargerAsync(annee, version);
            chargement = _versions.GetOrAdd(cle, c => new Lazy<Task<Release?>>(() => ChargerAsync(c.Annee, c.Version)));
        }
        return await Oublier(_versions, cle, chargement, chargement.Value);
    }

    private async Task<Release?> ChargerAsync(int annee, int version)
    {
        await using var scope = scopes.CreateAsyncScope();
        var charge = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ChargerPalmares(annee, version));
        return charge is null ? null : new Release(charge.Palmares, charge.Mentions);
    }

    /// <summary>
    /// The bytes of a release for these filters, format and coding, computed once: the requests that ask for them at
    /// the same time (a release just published, read by every portal at once) wait for that one computation rather than
    /// each serialising and compressing the palmarès again.
    /// </summary>
    public Representation Representer(Release release, FiltresPalmares filtres, bool csv, Compression compression = Compression.Aucune)
    {
        var cle = (filtres, csv, compression);
        if (release.Representations.TryGetValue(cle, out var connue)) return connue.Value;
        var calcul = new Lazy<Representation>(() => Calculer(release, filtres, csv, compression));
        // Past the bound (many distinct filters), answers are computed without being kept.
        if (release.Representations.Count >= FiltresMemorisesMax) return calcul.Value;
        var memorise = release.Representations.GetOrAdd(cle, calcul);
        try
        {
            return memorise.Value;
        }
        catch
        {
            // A Lazy keeps its exception: forget it, so that the next request computes again.
            release.Representations.TryRemove(KeyValuePair.Create(cle, memorise));
            throw;
        }
    }

    private Representation Calculer(Release release, FiltresPalmares filtres, bool csv, Compression compression)
    {
        if (compression != Compression.Aucune) return Representer(release, filtres, csv).Comprimee(compression);
        var palmares = filtres.Vides ? release.Palmares : release.Palmares with { Laureats = release.Palmares.Laureats.Where(filtres.Retient).ToArray() };
        return csv
            ? Representation.De(CsvDuPalmares.Ecrire(palmares), Representation.TypeCsv)
            : Representation.De(JsonSerializer.SerializeToUtf8Bytes(palmares, json.Value.SerializerOptions), Representation.TypeJson);
    }

}
