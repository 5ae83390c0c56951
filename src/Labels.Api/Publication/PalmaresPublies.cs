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
/// Only what exists is kept for long: a version without a release is looked up again by the next request (a cheap query), an
/// édition without one only as long as the latest pointer lives (MemoRecent.cs says why) — it may be published the next
/// second. Every memo is bounded whatever the
/// requests: years outside the domain's range are not looked up, versions above the latest one are answered without a
/// query, releases and filtered answers have a ceiling past which they are computed without being kept.
/// </summary>
public sealed class PalmaresPublies(IServiceScopeFactory scopes, IOptions<JsonOptions> json, TimeProvider horloge, ChiffresClesPublies chiffres,
    Infrastructure.Telemetrie.MesuresLabels mesures) : IPalmaresPublies
{
    private const int FiltresMemorisesMax = 2_000;
    private const int VersionsMemoriseesMax = 1_000;
    private static readonly TimeSpan RelectureDuSuivant = TimeSpan.FromMilliseconds(100);

    public sealed class Release(PalmaresDto palmares, IReadOnlyDictionary<string, string> mentions)
    {
        public PalmaresDto Palmares { get; } = palmares;

        /// <summary>
        /// The mentions of the édition's référentiel, code → name, as read with the release: a filter on another code is refused,
        /// not answered empty; the pages show the names (Pages/Textes.cs).
        /// </summary>
        public IReadOnlyDictionary<string, string> Mentions { get; } = mentions;

        public string? DefautDeMention(string? mention) => mention is null || Mentions.ContainsKey(mention) ? null
            : $"Aucune mention de code « {mention} » dans le référentiel de l'édition {Palmares.Edition}.";

        /// <summary>A mention filter this release's référentiel does not have: a 400 naming it (known once the release is visible).</summary>
        public void VerifierMention(string? mention)
        {
            if (DefautDeMention(mention) is { } defaut)
                throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("mention", defaut)]);
        }
        /// <summary>The Last-Modified value, formatted once rather than on every answer.</summary>
        public string DerniereModification { get; } = Microsoft.Net.Http.Headers.HeaderUtilities.FormatDate(palmares.PublieLe);
        internal ConcurrentDictionary<(FiltresPalmares, bool Csv, Compression), Lazy<Representation>> Representations { get; } = new();

        private readonly ConcurrentDictionary<object, Lazy<Task<Representation>>> _pages = new();

        /// <summary>
        /// An HTML page of this release (Endpoints/PagesEndpoints.cs), rendered once per key (its filters and search) and kept
        /// with the release, as its JSON is; past the bound, rendered without being kept.
        /// </summary>
        internal async Task<Representation> PageAsync(object cle, Func<Task<Representation>> rendre)
        {
            if (!_pages.TryGetValue(cle, out var rendu))
            {
                if (_pages.Count >= FiltresMemorisesMax) return await rendre();
                rendu = _pages.GetOrAdd(cle, _ => new Lazy<Task<Representation>>(rendre));
            }
            try
            {
                return await rendu.Value;
            }
            catch
            {
                _pages.TryRemove(KeyValuePair.Create(cle, rendu));
                throw;
            }
        }
    }

    private readonly ConcurrentDictionary<(int Annee, int Version), Lazy<Task<Release?>>> _versions = new();
    private readonly MemoRecent<Release> _dernieres = new(horloge);

    /// <summary>How many entries the memos hold (releases, latest pointers, key figures): for the tests of their bounds.</summary>
    internal int NombreMemorise => _versions.Count + _dernieres.Nombre + chiffres.NombreMemorise;

    public void Invalider(int annee)
    {
        _dernieres.Oublier(annee);
        // An édition's key figures compare it with the previous one: a publication changes the next édition's too.
        chiffres.Vider();
    }

    /// <summary>Forgets every release: only for a database emptied underneath (tests).</summary>
    internal void Vider()
    {
        _versions.Clear();
        _dernieres.Vider();
        chiffres.Vider();
    }

    internal static bool EstAnneePossible(int annee) => annee is >= Edition.PremiereAnnee and <= Edition.DerniereAnnee;




    /// <summary>
    /// The release this caller may see (the latest, or the numbered one), or null with the instant the answer becomes a 200: this
    /// release's, or the édition's first one when this version does not exist yet (null when none is due). The JSON, the pages
    /// and the key figures answer by it.
    /// </summary>
    public async Task<(Release? Release, DateTimeOffset? Prochaine)> VisibleAsync(int annee, int? version, Domain.Palmares.Visibilite visibilite)
    {
        var release = await ObtenirAsync(annee, version);
        if (release is not null && visibilite.Voit(release.Palmares.PublieLe)) return (release, null);
        var prochaine = release ?? (version is null ? null : await ObtenirAsync(annee, null));
        return (null, prochaine?.Palmares.PublieLe);
    }

    /// <summary>
    /// The latest release of an édition, or the numbered one; null when there is none (embargo not applied: the caller
    /// checks <see cref="PalmaresDto.PublieLe"/> on every request, since an embargo lifts without a new version).
    /// </summary>
    public async Task<Release?> ObtenirAsync(int annee, int? version)
    {
        if (!EstAnneePossible(annee) || version < 1) return null;
        var derniere = await _dernieres.ObtenirAsync(annee, ChargerDerniereAsync);
        if (version is not { } v || derniere is null) return derniere;
        // The next version may have just been published on another instance, and a portal told so by a webhook asks for it at
        // once: the pointer is read again (at most every RelectureDuSuivant, whatever the number of such requests).
        if (v == derniere.Palmares.Version + 1)
            derniere = await _dernieres.ObtenirAsync(annee, ChargerDerniereAsync, RelectureDuSuivant) ?? derniere;
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
        return await MemoRecent<Release>.Oublier(_versions, cle, chargement, chargement.Value);
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
        if (release.Representations.TryGetValue(cle, out var connue))
        {
            mesures.PalmaresTrouve();
            return connue.Value;
        }
        mesures.PalmaresCalcule();
        return Memoriser(release, cle);
    }

    private Representation Memoriser(Release release, (FiltresPalmares Filtres, bool Csv, Compression Compression) cle)
    {
        var (filtres, csv, compression) = cle;
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
        // The uncompressed bytes this coding starts from are part of this miss, not a lookup of their own.
        if (compression != Compression.Aucune)
            return (release.Representations.TryGetValue((filtres, csv, Compression.Aucune), out var brute) ? brute.Value
                : Memoriser(release, (filtres, csv, Compression.Aucune))).Comprimee(compression);
        var palmares = filtres.Vides ? release.Palmares : release.Palmares with { Laureats = release.Palmares.Laureats.Where(filtres.Retient).ToArray() };
        return csv
            ? Representation.De(CsvDuPalmares.Ecrire(palmares), Representation.TypeCsv)
            : Representation.De(JsonSerializer.SerializeToUtf8Bytes(palmares, json.Value.SerializerOptions), Representation.TypeJson);
    }

}
