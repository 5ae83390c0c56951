using System.Collections.Frozen;
using System.Diagnostics.Metrics;
using System.Text.Json;
using Labels.Domain.Webhooks;

namespace Labels.Infrastructure.Telemetrie;

/// <summary>
/// The API's own instruments, on one meter (<see cref="NomDuMeter"/>) that the metrics pipeline listens to. Tag values are
/// the words the API shows elsewhere where there are some (a delivery's <c>etat</c>, camelCase), built once: recording
/// is an add, never an allocation, so that the palmarès read on its hot path pays next to nothing for being counted.
/// </summary>
public sealed class MesuresLabels
{
    public const string NomDuMeter = "Labels.Api";

    private static readonly KeyValuePair<string, object?> Trouve = new("resultat", "hit");
    private static readonly KeyValuePair<string, object?> Calcule = new("resultat", "miss");
    private static readonly KeyValuePair<string, object?> Reussie = new("resultat", "reussie");
    private static readonly KeyValuePair<string, object?> Echouee = new("resultat", "echouee");
    private static readonly FrozenDictionary<EtatLivraison, KeyValuePair<string, object?>> Etats =
        Enum.GetValues<EtatLivraison>().ToFrozenDictionary(e => e, e => new KeyValuePair<string, object?>("resultat", Mot(e)));

    private readonly UpDownCounter<long> _importsEnCours;
    private readonly Counter<long> _lignesImportees;
    private readonly Counter<long> _tentatives;
    private readonly Counter<long> _livraisons;
    private readonly Counter<long> _palmares;

    public MesuresLabels(IMeterFactory fabrique)
    {
        var meter = fabrique.Create(NomDuMeter);
        _importsEnCours = meter.CreateUpDownCounter<long>("labels.imports.active", "{import}",
            "Imports being loaded on this instance (synchronous or from the queue).");
        _lignesImportees = meter.CreateCounter<long>("labels.imports.rows", "{row}",
            "Lines of import files read and checked, as they are read (dry runs and refused files included).");
        _tentatives = meter.CreateCounter<long>("labels.webhooks.attempts", "{attempt}",
            "Webhook delivery attempts recorded, by outcome (resultat: reussie, echouee).");
        _livraisons = meter.CreateCounter<long>("labels.webhooks.deliveries", "{delivery}",
            "Webhook deliveries the deliverer ended, by outcome (resultat: livree, echouee after the last retry, abandonnee when "
            + "nothing more is sent to its subscription).");
        _palmares = meter.CreateCounter<long>("labels.palmares.cache.lookups", "{lookup}",
            "Lookups of a published palmarès' bytes (release, filters, format, coding) in memory (resultat: hit, or miss when computed).");
    }

    /// <summary>An import starts loading; dispose the result when it ends, however it ends.</summary>
    public ImportEnCours DebutImport()
    {
        _importsEnCours.Add(1);
        return new ImportEnCours(this);
    }

    /// <summary>Reports of an import's cumulative line count, turned into increments of the rows counter.</summary>
    public IProgress<int> LignesLues(IProgress<int> suite) => new Lignes(_lignesImportees, suite);

    public void Tentative(bool reussie) => _tentatives.Add(1, reussie ? Reussie : Echouee);

    public void LivraisonsTerminees(EtatLivraison etat, long nombre = 1)
    {
        if (etat != EtatLivraison.EnAttente && nombre > 0) _livraisons.Add(nombre, Etats[etat]);
    }

    public void PalmaresTrouve() => _palmares.Add(1, Trouve);

    public void PalmaresCalcule() => _palmares.Add(1, Calcule);

    private static string Mot<T>(T valeur) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(valeur.ToString());

    public readonly struct ImportEnCours(MesuresLabels mesures) : IDisposable
    {
        public void Dispose() => mesures._importsEnCours.Add(-1);
    }

    private sealed class Lignes(Counter<long> compteur, IProgress<int> suite) : IProgress<int>
    {
        private int _deja;

        public void Report(int value)
        {
            if (value > _deja)
            {
                compteur.Add(value - _deja);
                _deja = value;
            }
            suite.Report(value);
        }
    }
}
