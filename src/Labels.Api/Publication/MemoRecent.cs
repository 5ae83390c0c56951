using System.Collections.Concurrent;

namespace Labels.Api.Publication;

/// <summary>
/// What an édition's latest release gives (its release, its key figures), kept a short while — <see cref="Duree"/>, the
/// "latest version" pointer's life: long enough for a burst of portals to cost one computation, short enough for a correction
/// published on another instance to show at once. Requests arriving meanwhile share the computation. An édition without a
/// release is kept as such for the same short while (years are bounded, so are the entries): an unknown édition then costs
/// what an édition under embargo costs — the time of its 404 no longer tells the one from the other — and a release published
/// on another instance shows within the same delay as a correction (a publication on this one forgets the entry at once).
/// Nothing is kept of a computation that failed.
/// </summary>
internal sealed class MemoRecent<T>(TimeProvider horloge) where T : class
{
    public static readonly TimeSpan Duree = TimeSpan.FromSeconds(2);

    private sealed record Recent(Task<T?> Calcul, DateTimeOffset ExpireLe);

    private readonly ConcurrentDictionary<int, Recent> _parEdition = new();

    public int Nombre => _parEdition.Count;

    public void Oublier(int annee) => _parEdition.TryRemove(annee, out _);

    public void Vider() => _parEdition.Clear();

    /// <summary>The édition's entry, computed again once it has expired, or once older than <paramref name="ageMax"/> when given.</summary>
    public async Task<T?> ObtenirAsync(int annee, Func<int, Task<T?>> calculer, TimeSpan? ageMax = null)
    {
        var maintenant = horloge.GetUtcNow();
        if (!_parEdition.TryGetValue(annee, out var recent) || recent.ExpireLe <= maintenant
            || ageMax is { } age && recent.ExpireLe - Duree + age <= maintenant)
        {
            recent = new Recent(calculer(annee), maintenant + Duree);
            _parEdition[annee] = recent;
        }
        try
        {
            return await recent.Calcul;
        }
        catch
        {
            _parEdition.TryRemove(KeyValuePair.Create(annee, recent));
            throw;
        }
    }

    /// <summary>Awaits a shared computation and removes its memo entry when it found nothing or failed.</summary>
    public static async Task<TValeur?> Oublier<TCle, TEntree, TValeur>(ConcurrentDictionary<TCle, TEntree> memo, TCle cle, TEntree entree,
        Task<TValeur?> calcul) where TCle : notnull where TValeur : class
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
}
