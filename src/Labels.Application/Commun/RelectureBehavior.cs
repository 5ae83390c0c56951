using Mediator;

namespace Labels.Application.Commun;

/// <summary>
/// A query that meets a passing failure of the database (a connection cut by a restart or a failover) is read again, at
/// most twice, before the request gives up (503). Reads change nothing, so reading twice is harmless; commands are never
/// run again: a write whose outcome is unknown is answered 503 and left to the caller.
/// </summary>
public sealed class RelectureBehavior<TMessage, TResponse>(ILabelsDbContext db) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private static readonly TimeSpan[] Attentes = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400)];

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        if (message is not IBaseQuery) return await next(message, ct);
        for (var essai = 0; ; essai++)
        {
            try
            {
                return await next(message, ct);
            }
            catch (Exception e) when (essai < Attentes.Length && PanneDeBase.Est(e) && !ct.IsCancellationRequested)
            {
                db.ChangeTrackerClear();
                await Task.Delay(Attentes[essai], ct);
            }
        }
    }
}
