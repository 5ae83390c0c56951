namespace Labels.Application.Webhooks;

/// <summary>The delivery worker, woken when something was just written for it rather than at its next look.</summary>
public interface ILivreurWebhooks
{
    void Signaler();
}
