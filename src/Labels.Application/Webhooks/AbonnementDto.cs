using Labels.Domain.Webhooks;

namespace Labels.Application.Webhooks;

/// <summary>A subscription as its admin reads it: never its secret, which is shown once (<see cref="AbonnementCreeDto"/>).</summary>
public sealed record AbonnementDto(
    Guid Id,
    string Url,
    IReadOnlyList<string> Types,
    int? Edition,
    string? Description,
    EtatAbonnement Etat,
    string? RaisonDesactivation,
    DateTimeOffset? AncienSecretExpireLe,
    DateTimeOffset? EchecsDepuis,
    DateTimeOffset CreeLe,
    DateTimeOffset ModifieLe)
{
    public static AbonnementDto De(Abonnement a) => new(a.Id, a.Url, a.Types, a.Edition, a.Description, a.Etat, a.RaisonDesactivation,
        a.AncienSecretExpireLe, a.EchecsDepuis, a.CreeLe, a.ModifieLe);
}

/// <summary>The subscription with its signing secret (<c>whsec_…</c>): the only time the secret is shown.</summary>
public sealed record AbonnementCreeDto(AbonnementDto Abonnement, string Secret);
