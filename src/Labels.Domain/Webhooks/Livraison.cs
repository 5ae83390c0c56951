using Labels.Domain.Commun;

namespace Labels.Domain.Webhooks;

public enum EtatLivraison { EnAttente, Livree, Echouee, Abandonnee }

/// <summary>
/// One event to one subscription, tried on the schedule of <see cref="Delais"/> until the receiver answers 2xx. An attempt being
/// made holds the delivery for <see cref="Bail"/>: an instance that dies during it leaves the delivery to be tried again, with
/// the same event id, once the lease is over.
/// </summary>
public sealed class Livraison
{
    /// <summary>
    /// The waits after each failed attempt, about a day in all (27 h 35 min) before the delivery is given up; each varies by up to
    /// a fifth either way, so that receivers back from a failure are not hit by every retry at once.
    /// </summary>
    public static readonly IReadOnlyList<TimeSpan> Delais =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>Longer than an attempt may last (its timeout), so that a lease never ends under a living attempt.</summary>
    public static readonly TimeSpan Bail = TimeSpan.FromMinutes(1);

    private Livraison() { }

    public Guid Id { get; private set; }
    public Guid EvenementId { get; private set; }
    public Guid AbonnementId { get; private set; }
    public EtatLivraison Etat { get; private set; }
    public int Tentatives { get; private set; }
    public DateTimeOffset? ProchaineTentative { get; private set; }
    public DateTimeOffset CreeLe { get; private set; }
    public DateTimeOffset? TermineeLe { get; private set; }

    public static Livraison Pour(Evenement evenement, Abonnement abonnement, DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(evenement);
        ArgumentNullException.ThrowIfNull(abonnement);
        return new Livraison
        {
            Id = Guid.CreateVersion7(), EvenementId = evenement.Id, AbonnementId = abonnement.Id, Etat = EtatLivraison.EnAttente,
            ProchaineTentative = maintenant, CreeLe = maintenant,
        };
    }

    /// <summary>An attempt starts: the delivery is this instance's for the lease.</summary>
    public int Reclamer(DateTimeOffset maintenant)
    {
        if (Etat != EtatLivraison.EnAttente) throw new InvalidOperationException("Seule une livraison en attente se tente.");
        ProchaineTentative = maintenant + Bail;
        return ++Tentatives;
    }

    public void Reussir(DateTimeOffset maintenant) => (Etat, ProchaineTentative, TermineeLe) = (EtatLivraison.Livree, null, maintenant);

    /// <summary>A failed attempt: the next one, on the schedule; null when the schedule is over and the delivery given up.</summary>
    /// <param name="alea">A number in [0, 1) that sets the jitter.</param>
    /// <param name="reessayer">False for a ping, tried once: its admin sees the outcome and sends another.</param>
    public DateTimeOffset? Echouer(DateTimeOffset maintenant, double alea, bool reessayer = true)
    {
        // Given up meanwhile (its subscription paused during the attempt): the failure is the attempt's alone, nothing is rescheduled.
        if (Etat != EtatLivraison.EnAttente) return null;
        if (Tentatives > Delais.Count || !reessayer)
        {
            (Etat, ProchaineTentative, TermineeLe) = (EtatLivraison.Echouee, null, maintenant);
            return null;
        }
        var delai = Delais[Tentatives - 1] * (0.8 + 0.4 * alea);
        ProchaineTentative = maintenant + delai;
        return ProchaineTentative;
    }

    /// <summary>Its subscription is paused, disabled or unsubscribed: nothing more is sent.</summary>
    public void Abandonner(DateTimeOffset maintenant) => (Etat, ProchaineTentative, TermineeLe) = (EtatLivraison.Abandonnee, null, maintenant);

    /// <summary>Its attempt was cut short by its instance's stop: free at once for another instance, rather than after the lease.</summary>
    public void Liberer(DateTimeOffset maintenant)
    {
        if (Etat == EtatLivraison.EnAttente) ProchaineTentative = maintenant;
    }

    /// <summary>Claimed, then found no longer wanted before anything was sent: given up, the claim not counted as an attempt.</summary>
    public void Renoncer(DateTimeOffset maintenant)
    {
        Tentatives--;
        Abandonner(maintenant);
    }

    /// <summary>
    /// Sent again by hand, now, under the same event id: one more attempt, numbered after the others; if it fails, the retries
    /// go on from where the schedule stood (none when it was over).
    /// </summary>
    public void Renvoyer(DateTimeOffset maintenant)
    {
        // Pending, it is already on its way (an attempt may be under way): sending it again now would make two at once.
        if (Etat == EtatLivraison.EnAttente)
            throw new DomainException("Cette livraison est en attente : elle part à sa prochaine tentative ; seule une livraison livrée, "
                + "échouée ou abandonnée se renvoie.");
        (Etat, ProchaineTentative, TermineeLe) = (EtatLivraison.EnAttente, maintenant, null);
    }
}
