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

    public static TentativeLivraison Noter(Livraison livraison, Evenement evenement, int numero, DateTimeOffset le, int? statutHttp, string? erreur,
        TimeSpan latence, string? extrait)
    {
        ArgumentNullException.ThrowIfNull(livraison);
        ArgumentNullException.ThrowIfNull(evenement);
        return new TentativeLivraison
        {
            Id = Guid.CreateVersion7(), LivraisonId = livraison.Id, AbonnementId = livraison.AbonnementId, EvenementId = evenement.Id,
            Type = evenement.Type, Numero = numero, Le = le, StatutHttp = statutHttp, Erreur = erreur,
            LatenceMs = (int)Math.Min(int.MaxValue, Math.Round(latence.TotalMilliseconds)), ExtraitReponse = extrait,
            ProchaineTentative = livraison.ProchaineTentative,
        };
    }
}
