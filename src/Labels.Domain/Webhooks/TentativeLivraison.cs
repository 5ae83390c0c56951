namespace Labels.Domain.Webhooks;

/// <summary>One attempt at a delivery, for the subscription's admin: when, what the receiver answered (or why it could not), how fast, and what comes next.</summary>
public sealed class TentativeLivraison
{
    /// <summary>How much of a receiver's answer is kept (and read at all).</summary>
    public const int ExtraitMax = 1024;

    private TentativeLivraison() { Type = null!; }

    public Guid Id { get; private set; }
    public Guid LivraisonId { get; private set; }
    public Guid AbonnementId { get; private set; }
    public Guid EvenementId { get; private set; }
    public string Type { get; private set; }
    public int Numero { get; private set; }
    public DateTimeOffset Le { get; private set; }
    public int? StatutHttp { get; private set; }
    public string? Erreur { get; private set; }
    public int LatenceMs { get; private set; }
    public string? ExtraitReponse { get; private set; }
    public DateTimeOffset? ProchaineTentative { get; private set; }
    /// <summary>Under way: its answer has not come yet (or its instance stopped before it did, see <see cref="Interrompre"/>).</summary>
    public bool EnCours { get; private set; }

    /// <summary>An attempt starts: listed at once, so that one cut short by its instance's end is still seen.</summary>
    public static TentativeLivraison Commencer(Livraison livraison, Evenement evenement, int numero, DateTimeOffset le)
    {
        ArgumentNullException.ThrowIfNull(livraison);
        ArgumentNullException.ThrowIfNull(evenement);
        return new TentativeLivraison
        {
            Id = Guid.CreateVersion7(), LivraisonId = livraison.Id, AbonnementId = livraison.AbonnementId, EvenementId = evenement.Id,
            Type = evenement.Type, Numero = numero, Le = le, EnCours = true,
        };
    }

    /// <summary>What the receiver answered (or why it did not), how long it took, and the delivery's next attempt if any.</summary>
    public void Terminer(Livraison livraison, int? statutHttp, string? erreur, TimeSpan latence, string? extrait)
    {
        ArgumentNullException.ThrowIfNull(livraison);
        (StatutHttp, Erreur, ExtraitReponse, ProchaineTentative, EnCours) = (statutHttp, erreur, extrait, livraison.ProchaineTentative, false);
        LatenceMs = (int)Math.Min(int.MaxValue, Math.Round(latence.TotalMilliseconds));
    }

    /// <summary>Its instance stopped before the answer: the delivery is tried again, under the same id, once its lease is over.</summary>
    public void Interrompre() =>
        (Erreur, EnCours) = ("Interrompue : l'instance qui la faisait s'est arrêtée avant la réponse ; la livraison est reprise.", false);
}
