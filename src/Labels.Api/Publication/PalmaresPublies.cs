using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Labels.Application.Palmares;
using Labels.Domain.Collectivites;
using Labels.Domain.Editions;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using nietras.SeparatedValues;

namespace Labels.Api.Publication;

/// <summary>A representation ready to send: its exact bytes, their strong ETag and, when compressed, their Content-Encoding.</summary>
public sealed record Representation(byte[] Octets, string ETag, string TypeDeContenu, string? Codage = null)
{
    public static Representation De(byte[] octets, string type, string? codage = null) =>
        new(octets, $"\"{Convert.ToBase64String(SHA256.HashData(octets), 0, 18).Replace('+', '-').Replace('/', '_')}\"", type, codage);
}

/// <summary>The content codings a palmarès is sent in: its JSON shrinks about fivefold (the identifiers do not compress), its bytes are compressed once per release.</summary>
public enum Compression { Aucune, Gzip, Brotli }

public sealed record FiltresPalmares(string? Region, string? Departement, Categorie? Categorie, int? Arobases, string? Mention)
{
    public static readonly FiltresPalmares Aucun = new(null, null, null, null, null);

    public bool Vides => this == Aucun;

    /// <summary>
    /// What is wrong with these filters and the version asked, by parameter, as the document bounds them: the endpoint answers
    /// 400 with them; the fast path leaves such a request to the endpoint.
    /// </summary>
    public IEnumerable<FluentValidation.Results.ValidationFailure> Defauts(int? version, Application.Cog.ITerritoires territoires)
    {
        if (version is < 1) yield return new("version", "Une version se compte à partir de 1.");
        if (territoires.DefautDeRegion(Region) is { } region) yield return new("region", region);
        if (territoires.DefautDeDepartement(Departement) is { } departement) yield return new("departement", departement);
        if (Arobases is < 1 or > 5) yield return new("arobases", "De 1 à 5 arobases.");
        if (Mention is not null && !Domain.Editions.Referentiel.EstCodeValide(Mention)) yield return new("mention", "Code de mention invalide.");
    }

    public bool Retient(LaureatDto l) =>
        (Region is null || l.Region == Region)
        && (Departement is null || l.Departement == Departement)
        && (Categorie is null || l.Categorie == Categorie)
        && (Arobases is null || l.Arobases == Arobases)
        && (Mention is null || l.Mentions.Contains(Mention));
}

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
    public const string TypeJson = "application/json; charset=utf-8";
    public const string TypeCsv = "text/csv; charset=utf-8";
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
            : new ChiffresPublies(chiffres, Representation.De(JsonSerializer.SerializeToUtf8Bytes(chiffres, json.Value.SerializerOptions), TypeJson));
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
        if (compression != Compression.Aucune) return Comprimer(Representer(release, filtres, csv), compression);
        var palmares = filtres.Vides ? release.Palmares : release.Palmares with { Laureats = release.Palmares.Laureats.Where(filtres.Retient).ToArray() };
        return csv
            ? Representation.De(Csv(palmares), TypeCsv)
            : Representation.De(JsonSerializer.SerializeToUtf8Bytes(palmares, json.Value.SerializerOptions), TypeJson);
    }

    /// <summary>
    /// The representation compressed, or itself when compressing does not make it smaller (a few dozen bytes).
    /// Brotli at quality 9 and gzip at level 9: done once per release and filter, so the smaller the better, within
    /// a fraction of a second for the largest palmarès.
    /// </summary>
    internal static Representation Comprimer(Representation brute, Compression compression)
    {
        using var sortie = new MemoryStream(brute.Octets.Length / 4);
        using (Stream flux = compression == Compression.Brotli
                   ? new BrotliStream(sortie, new BrotliCompressionOptions { Quality = 9 }, leaveOpen: true)
                   : new GZipStream(sortie, new ZLibCompressionOptions { CompressionLevel = 9 }, leaveOpen: true))
            flux.Write(brute.Octets);
        if (sortie.Length >= brute.Octets.Length) return brute;
        return Representation.De(sortie.ToArray(), brute.TypeDeContenu, compression == Compression.Brotli ? "br" : "gzip");
    }

    /// <summary>
    /// CSV as French spreadsheets expect it: UTF-8 with BOM, `;`, one line per laureate, the édition,
    /// version, publication instant and licence on every line.
    /// </summary>
    public static byte[] Csv(PalmaresDto p) => Csv([p]);

    /// <summary>
    /// Several releases in one CSV, one after the other, with the palmarès' columns and conventions: each line says which
    /// édition and version it comes from, so the file can be read line by line (the open-data export).
    /// </summary>
    public static byte[] Csv(IReadOnlyList<PalmaresDto> releases)
    {
        using var flux = new MemoryStream();
        flux.Write(Encoding.UTF8.Preamble);
        using (var texte = new StreamWriter(flux, new UTF8Encoding(false), leaveOpen: true))
        using (var ecrivain = Sep.New(';').Writer(o => o with { Escape = true }).To(texte))
        {
            // Sep writes the header with the first row: an empty selection still gets its header.
            if (releases.All(p => p.Laureats.Count == 0)) texte.Write(string.Join(';', ColonnesCsv) + "\n");
            foreach (var p in releases)
                EcrireLignes(ecrivain, p);
        }
        return flux.ToArray();
    }

    private static void EcrireLignes(SepWriter ecrivain, PalmaresDto p)
    {
        var publieLe = p.PublieLe.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);
        foreach (var l in p.Laureats)
        {
            using var ligne = ecrivain.NewRow();
            ligne["edition"].Format(p.Edition);
            ligne["version"].Format(p.Version);
            ligne["publieLe"].Set(publieLe);
            ligne["licence"].Set(p.Licence);
            ligne["collectiviteId"].Set(l.CollectiviteId.ToString());
            ligne["codeInsee"].Set(l.CodeInsee ?? "");
            ligne["siren"].Set(l.Siren ?? "");
            ligne["nom"].Set(Neutraliser(l.Nom));
            ligne["type"].Set(JsonNamingPolicy.CamelCase.ConvertName(l.Type.ToString()));
            ligne["categorie"].Set(JsonNamingPolicy.CamelCase.ConvertName(l.Categorie.ToString()));
            ligne["departement"].Set(l.Departement ?? "");
            ligne["region"].Set(l.Region ?? "");
            ligne["population"].Format(l.Population);
            ligne["arobases"].Format(l.Arobases);
            ligne["mentions"].Set(Neutraliser(string.Join('|', l.Mentions)));
            ligne["tenAttribueEn"].Set(l.TerritoireExcellenceNumerique?.AttribueEn.ToString(CultureInfo.InvariantCulture) ?? "");
            ligne["tenValableJusquEn"].Set(l.TerritoireExcellenceNumerique?.ValableJusquEn.ToString(CultureInfo.InvariantCulture) ?? "");
        }
    }

    public static readonly string[] ColonnesCsv =
    [
        "edition", "version", "publieLe", "licence", "collectiviteId", "codeInsee", "siren", "nom", "type", "categorie", "departement",
        "region", "population", "arobases", "mentions", "tenAttribueEn", "tenValableJusquEn",
    ];

    /// <summary>A cell a spreadsheet would take for a formula (=, +, -, @, tab, CR) is prefixed with a quote.</summary>
    public static string Neutraliser(string valeur) =>
        valeur.Length > 0 && valeur[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + valeur : valeur;
}
