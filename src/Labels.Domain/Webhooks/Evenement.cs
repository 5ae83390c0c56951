using Labels.Domain.Editions;
using Labels.Domain.Palmares;

namespace Labels.Domain.Webhooks;

/// <summary>
/// An event of the outbox: written in the transaction of what caused it, sent from <see cref="SurvenuLe"/> on — the instant the
/// fact becomes public, which for a release under embargo is its publication instant, not the moment the admin published it.
/// Its body (<see cref="Contenu"/>) is written once, when it is first sent out, so that every attempt and every resend carries the
/// same bytes under the same id.
/// </summary>
public sealed class Evenement
{
    /// <summary>How long an event and its deliveries are kept (the retry schedule ends after about a day).</summary>
    public static readonly TimeSpan Conservation = TimeSpan.FromDays(30);

    private Evenement() { Type = null!; }

    public Guid Id { get; private set; }
    public string Type { get; private set; }
    public int? EditionAnnee { get; private set; }
    public int? Version { get; private set; }
    /// <summary>For <see cref="TypesEvenement.EditionStatut"/>: the status before and after, as the API names them.</summary>
    public string? StatutAvant { get; private set; }
    public string? Statut { get; private set; }
    /// <summary>For a correction: how many laureates its change log lists.</summary>
    public int? Changements { get; private set; }
    /// <summary>For a ping: the one subscription it is sent to.</summary>
    public Guid? AbonnementId { get; private set; }
    public DateTimeOffset SurvenuLe { get; private set; }
    public DateTimeOffset CreeLe { get; private set; }
    public string? Contenu { get; private set; }
    public DateTimeOffset? DiffuseLe { get; private set; }

    /// <summary>« webhook-id »: one per event, the same for every attempt and resend, so that receivers deduplicate on it.</summary>
    public string IdentifiantWebhook => Identifiant(Id);

    public static string Identifiant(Guid evenement) => $"evt_{evenement:N}";

    /// <summary>A release becomes visible at its publication instant: its first version is the palmarès, the next ones corrections.</summary>
    public static IEnumerable<Evenement> ReleaseVisible(VersionPalmares version, Edition edition, StatutEdition statutAvant, DateTimeOffset maintenant)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(edition);
        yield return new Evenement
        {
            Id = Guid.CreateVersion7(),
            Type = version.EstPremiere ? TypesEvenement.PalmaresPublie : TypesEvenement.PalmaresCorrige,
            EditionAnnee = version.EditionAnnee,
            Version = version.Version,
            Changements = version.EstPremiere ? null : version.Changements.Count,
            SurvenuLe = version.PublieLe,
            CreeLe = maintenant,
        };
        // « publiee » is a fact from the same instant: before it, readers see the status they saw (Edition.StatutVu).
        if (version.EstPremiere && statutAvant != StatutEdition.Publiee)
            yield return StatutChange(edition.Annee, edition.StatutVu(resultatsVisibles: false), StatutEdition.Publiee, version.PublieLe, maintenant);
    }

    public static Evenement StatutChange(int annee, StatutEdition avant, StatutEdition apres, DateTimeOffset survenuLe, DateTimeOffset maintenant) => new()
    {
        Id = Guid.CreateVersion7(),
        Type = TypesEvenement.EditionStatut,
        EditionAnnee = annee,
        StatutAvant = Edition.Nom(avant),
        Statut = Edition.Nom(apres),
        SurvenuLe = survenuLe,
        CreeLe = maintenant,
    };

    public static Evenement Ping(Guid abonnementId, DateTimeOffset maintenant) => new()
    {
        Id = Guid.CreateVersion7(),
        Type = TypesEvenement.Ping,
        AbonnementId = abonnementId,
        SurvenuLe = maintenant,
        CreeLe = maintenant,
    };

    public bool EstPour(Abonnement abonnement)
    {
        ArgumentNullException.ThrowIfNull(abonnement);
        return Type == TypesEvenement.Ping ? abonnement.Id == AbonnementId && abonnement.Etat != EtatAbonnement.Desactive
            : abonnement.Attend(Type, EditionAnnee);
    }

    /// <summary>Sent out: its body is fixed from now on.</summary>
    public void Diffuser(string contenu, DateTimeOffset maintenant)
    {
        if (DiffuseLe is not null) throw new InvalidOperationException("Un événement n'est diffusé qu'une fois.");
        (Contenu, DiffuseLe) = (contenu, maintenant);
    }
}
