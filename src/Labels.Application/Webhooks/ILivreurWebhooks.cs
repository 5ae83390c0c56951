namespace Labels.Application.Webhooks;

/// <summary>The delivery workers, told that something was written for them rather than finding it at their next look.</summary>
public interface ILivreurWebhooks
{
    /// <summary>
    /// Tells the workers of every instance, when this use case's transaction commits — not before, when they could not see
    /// what it wrote, and not at all if it rolls back.
    /// </summary>
    Task SignalerAsync(CancellationToken ct);
}
