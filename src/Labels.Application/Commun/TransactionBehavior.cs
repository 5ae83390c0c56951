using Mediator;

namespace Labels.Application.Commun;

/// <summary>A command that runs its own transactions (an import streams a file through several, with its own isolation).</summary>
public interface ITransactionsPropres;

/// <summary>
/// One use case, one transaction: every command's statements — a bulk delete before SaveChanges, an index update, the
/// audit entry, Identity's own saves — commit together or not at all, so that a failure halfway writes nothing.
/// Queries read without one.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(ILabelsDbContext db) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        if (message is not IBaseCommand || message is ITransactionsPropres || db.Database.CurrentTransaction is not null)
            return await next(message, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var reponse = await next(message, ct);
        await transaction.CommitAsync(ct);
        return reponse;
    }
}
