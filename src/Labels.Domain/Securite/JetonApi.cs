using Labels.Domain.Commun;

namespace Labels.Domain.Securite;

/// <summary>
/// A named token for scripts: limited to its scopes, expiring, revocable. Only the SHA-256 of its
/// secret is kept; the secret is shown once, at creation.
/// </summary>
public sealed class JetonApi
{
    public const string Prefixe = "lbl_";
    public const int DureeMaxJours = 366;

    /// <summary>Imports of dossiers (POST /editions/{annee}/imports and the runs).</summary>
    public const string ScopeImports = "imports:write";

    /// <summary>Releases under embargo, as the staff sees them.</summary>
    public const string ScopePalmares = "palmares:read";

    /// <summary>The audit journal.</summary>
    public const string ScopeAudit = "audit:read";

    /// <summary>The webhook subscriptions: create, read, change, delete, their deliveries.</summary>
    public const string ScopeWebhooks = "webhooks:write";

    /// <summary>The operators' metrics (the Prometheus scrape endpoint), for a scraper outside the networks allowed without a token.</summary>
    public const string ScopeMetriques = "metriques:read";

    /// <summary>What a token may be given: each names the routes it opens.</summary>
    public static readonly IReadOnlyList<string> ScopesConnus = [ScopeImports, ScopePalmares, ScopeAudit, ScopeWebhooks, ScopeMetriques];

    private JetonApi() { Nom = Empreinte = Debut = null!; Scopes = []; }

    public Guid Id { get; private set; }
    public string Nom { get; private set; }
    /// <summary>The first characters of the secret, to recognise a token in a list without revealing it.</summary>
    public string Debut { get; private set; }
    public string Empreinte { get; private set; }
    public string[] Scopes { get; private set; }
    public Guid CreeParId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpireLe { get; private set; }
    public DateTimeOffset? RevoqueLe { get; private set; }

    public static string? DefautDeScopes(IReadOnlyCollection<string> scopes) =>
        scopes.Count == 0 ? "Au moins un scope."
        : scopes.FirstOrDefault(s => !ScopesConnus.Contains(s)) is { } inconnu ? $"Scope inconnu : {inconnu} ; scopes possibles : {string.Join(", ", ScopesConnus)}."
        : null;

    /// <summary>Why a token cannot expire then, or null: in the future, within <see cref="DureeMaxJours"/> days.</summary>
    public static string? DefautDExpiration(DateTimeOffset expireLe, DateTimeOffset maintenant) =>
        expireLe <= maintenant || expireLe > maintenant.AddDays(DureeMaxJours)
            ? $"Un jeton expire dans le futur, dans {DureeMaxJours} jours au plus." : null;

    public static JetonApi Creer(string nom, IReadOnlyCollection<string> scopes, DateTimeOffset expireLe, Guid creeParId, string secret,
        string empreinte, DateTimeOffset maintenant)
    {
        if (string.IsNullOrWhiteSpace(nom) || nom.Length > 100) throw new DomainException("Un jeton a un nom (100 caractères au plus).");
        if (DefautDeScopes(scopes) is { } defaut) throw new DomainException(defaut);
        if (DefautDExpiration(expireLe, maintenant) is { } expiration) throw new DomainException(expiration);
        if (!secret.StartsWith(Prefixe, StringComparison.Ordinal)) throw new ArgumentException("Secret mal formé.", nameof(secret));
        return new JetonApi
        {
            Id = Guid.CreateVersion7(maintenant),
            Nom = nom.Trim(),
            Debut = secret[..(Prefixe.Length + 6)],
            Empreinte = empreinte,
            Scopes = scopes.Distinct().Order(StringComparer.Ordinal).ToArray(),
            CreeParId = creeParId,
            CreatedAt = maintenant,
            ExpireLe = expireLe,
        };
    }

    public bool EstValide(DateTimeOffset maintenant) => RevoqueLe is null && maintenant < ExpireLe;

    public void Revoquer(DateTimeOffset maintenant)
    {
        if (RevoqueLe is not null) throw new DomainException("Ce jeton est déjà révoqué.");
        RevoqueLe = maintenant;
    }
}
