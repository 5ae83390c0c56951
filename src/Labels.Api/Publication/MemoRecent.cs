using System.Collections.Concurrent;

namespace Labels.Api.Publication;

/// <summary>
/// What an édition's latest release gives (its release, its key figures), kept a short while — <see cref="Duree"/>, the
/// "latest version" pointer's life: long enough for a burst of portals to cost one computation, short enough for a correction
/// published on another instance to show at once. Requests arriving meanwhile share the computation; nothing is kept of one
/// that found nothing or failed.
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
        return await Oublier(_parEdition, annee, recent, recent.Calcul);
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
