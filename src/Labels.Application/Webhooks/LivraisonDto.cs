using Labels.Domain.Webhooks;

namespace Labels.Application.Webhooks;

/// <summary>One event to one subscription: where it stands.</summary>
public sealed record LivraisonDto(
    Guid Id,
    string WebhookId,
    string Type,
    int? Edition,
    int? Version,
    EtatLivraison Etat,
    int Tentatives,
    DateTimeOffset? ProchaineTentative,
    DateTimeOffset CreeLe,
    DateTimeOffset? TermineeLe);

/// <summary>
/// One attempt: when, the receiver's status code or why there was none, how long it took, what comes next; <c>enCours</c> while
/// its answer has not come (its status, error and latency are then absent or zero).
/// </summary>
public sealed record TentativeDto(
    Guid Id,
    Guid LivraisonId,
    string WebhookId,
    string Type,
    int Numero,
    DateTimeOffset Le,
    int? StatutHttp,
    string? Erreur,
    int LatenceMs,
    string? ExtraitReponse,
    DateTimeOffset? ProchaineTentative,
    bool EnCours)
{
    public static TentativeDto De(TentativeLivraison t, string webhookId) => new(t.Id, t.LivraisonId, webhookId, t.Type, t.Numero, t.Le,
        t.StatutHttp, t.Erreur, t.LatenceMs, t.ExtraitReponse, t.ProchaineTentative, t.EnCours);
}
