using Labels.Domain.Commun;

namespace Labels.Domain.Webhooks;

public enum EtatAbonnement { Actif, EnPause, Desactive }

/// <summary>
/// A portal's subscription: where to send which events (of one édition, or all), signed with its secret. The secret is kept
/// protected (the Infrastructure's data protection); after a rotation the previous one keeps signing beside the new for
/// <see cref="RecouvrementDesSecrets"/>, so that a receiver can change its key without losing a delivery.
/// </summary>
public sealed class Abonnement
{
    /// <summary>How long a rotated secret still signs beside its successor.</summary>
    public static readonly TimeSpan RecouvrementDesSecrets = TimeSpan.FromHours(24);

    /// <summary>How long a subscription may fail every delivery before it is disabled.</summary>
    public static readonly TimeSpan EchecsToleres = TimeSpan.FromHours(24);

    public const int LongueurUrlMax = 2000;
    public const int LongueurDescriptionMax = 500;

    private Abonnement() { Url = null!; Types = []; SecretProtege = null!; }

    public Guid Id { get; private set; }
    public string Url { get; private set; }
    public string[] Types { get; private set; }
    public int? Edition { get; private set; }
    public string? Description { get; private set; }
    public EtatAbonnement Etat { get; private set; }
    /// <summary>Why it was disabled (a day of failures, a 410), for its admin.</summary>
    public string? RaisonDesactivation { get; private set; }
    public string SecretProtege { get; private set; }
    public string? AncienSecretProtege { get; private set; }
    public DateTimeOffset? AncienSecretExpireLe { get; private set; }
    /// <summary>The first failure of the current run of failures; null once a delivery succeeds.</summary>
    public DateTimeOffset? EchecsDepuis { get; private set; }
    public DateTimeOffset CreeLe { get; private set; }
    public DateTimeOffset ModifieLe { get; private set; }

    public static Abonnement Creer(string url, IReadOnlyCollection<string> types, int? edition, string? description, string secretProtege,
        DateTimeOffset maintenant)
    {
        var abonnement = new Abonnement { Id = Guid.CreateVersion7(), SecretProtege = secretProtege, CreeLe = maintenant, Etat = EtatAbonnement.Actif };
        abonnement.Modifier(url, types, edition, description, actif: true, maintenant);
        return abonnement;
    }

    /// <summary>Replaces what it wants; paused (<paramref name="actif"/> false), its pending deliveries are given up by the caller (<see cref="Livraison.Abandonner"/>).</summary>
    public void Modifier(string url, IReadOnlyCollection<string> types, int? edition, string? description, bool actif, DateTimeOffset maintenant)
    {
        if (DefautDeTypes(types) is { } defaut) throw new DomainException(defaut);
        Url = url;
        Types = types.Distinct().Order(StringComparer.Ordinal).ToArray();
        Edition = edition;
        Description = string.IsNullOrWhiteSpace(description) ? null : description;
        ModifieLe = maintenant;
        if (actif && Etat != EtatAbonnement.Actif)
        {
            // Enabled again: a new start, not the continuation of the failures that disabled it.
            (Etat, RaisonDesactivation, EchecsDepuis) = (EtatAbonnement.Actif, null, null);
        }
        else if (!actif && Etat == EtatAbonnement.Actif) Etat = EtatAbonnement.EnPause;
    }

    /// <summary>What is wrong with the events a subscription asks for; null when they can be sent.</summary>
    public static string? DefautDeTypes(IReadOnlyCollection<string?>? types) =>
        types is null || types.Count == 0 || types.Any(t => t is null || !TypesEvenement.Abonnables.Contains(t))
            ? $"Au moins un événement, parmi : {string.Join(", ", TypesEvenement.Abonnables)}."
            : null;

    /// <summary>Whether an event of this type and édition is for this subscription (a ping is sent to whom asked for it).</summary>
    public bool Attend(string type, int? edition) =>
        Etat == EtatAbonnement.Actif && Types.Contains(type) && (Edition is null || Edition == edition);

    /// <summary>
    /// A new secret, the current one signing beside it for the overlap. Not during another overlap: the secret receivers still
    /// hold would stop signing at once (two rotations in a row, a double click); a secret that leaked is a reason to delete the
    /// subscription and make another.
    /// </summary>
    public void RenouvelerSecret(string nouveauProtege, DateTimeOffset maintenant)
    {
        if (AncienSecretExpireLe > maintenant)
            throw new DomainException($"Une rotation est en cours : le secret précédent signe encore jusqu'à {AncienSecretExpireLe:yyyy-MM-dd'T'HH:mm:ss'Z'}. "
                + "Une nouvelle rotation attend la fin de ce recouvrement ; un secret divulgué se remplace en supprimant l'abonnement puis en le recréant.");
        (AncienSecretProtege, AncienSecretExpireLe) = (SecretProtege, maintenant + RecouvrementDesSecrets);
        SecretProtege = nouveauProtege;
        ModifieLe = maintenant;
    }

    /// <summary>The secrets that sign a delivery now: the current one, and the previous one within its overlap.</summary>
    public IEnumerable<string> SecretsEnVigueur(DateTimeOffset maintenant)
    {
        yield return SecretProtege;
        if (AncienSecretProtege is not null && AncienSecretExpireLe > maintenant) yield return AncienSecretProtege;
    }

    public void Reussir() => EchecsDepuis = null;

    /// <summary>A failed attempt; true when it ends a day of failures and disables the subscription.</summary>
    public bool Echouer(DateTimeOffset maintenant)
    {
        EchecsDepuis ??= maintenant;
        if (maintenant - EchecsDepuis < EchecsToleres || Etat != EtatAbonnement.Actif) return false;
        Desactiver("Désactivé après un jour d'échecs de livraison ; réactivez-le une fois le destinataire réparé.", maintenant);
        return true;
    }

    /// <summary>The receiver answered 410 Gone: it asks for nothing more.</summary>
    public void Desinscrire(DateTimeOffset maintenant) =>
        Desactiver("Le destinataire a répondu 410 Gone : il ne veut plus rien recevoir.", maintenant);

    private void Desactiver(string raison, DateTimeOffset maintenant) =>
        (Etat, RaisonDesactivation, ModifieLe) = (EtatAbonnement.Desactive, raison, maintenant);
}
