using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Labels.Infrastructure.Persistance;

/// <summary>
/// EF Core logs every failing statement, and every failing save, at Error, before anyone has decided whether the failure is
/// the client's: a duplicate the API answers 409, a stale write it answers 412. Those events, and a failed connection or query
/// (the database away: 503), are demoted to Debug; the exception goes on to whoever called, and the API's exception handler, which decides what a failure means, logs the unexpected
/// ones at Error. So that such a log still shows the statement that failed, its SQL (never its parameters' values) rides on the
/// exception.
/// </summary>
public sealed class CommandesEnEchec : DbCommandInterceptor
{
    private const string Cle = "Labels.Sql";

    public static DbContextOptionsBuilder Configurer(DbContextOptionsBuilder options) => options
        .ConfigureWarnings(w => w.Log((RelationalEventId.CommandError, LogLevel.Debug), (CoreEventId.SaveChangesFailed, LogLevel.Debug),
            // A connection that fails, and the query it was for: the database away, which the handler says at Warning (503).
            (RelationalEventId.ConnectionError, LogLevel.Debug), (CoreEventId.QueryIterationFailed, LogLevel.Debug)))
        .AddInterceptors(new CommandesEnEchec());

    /// <summary>The SQL of the statement whose failure is, or caused, <paramref name="exception"/>; null when none failed.</summary>
    public static string? Sql(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e.Data[Cle] is string sql) return sql;
        return null;
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Noter(command, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Noter(command, eventData.Exception);
        return Task.CompletedTask;
    }

    private static void Noter(DbCommand command, Exception exception)
    {
        if (!exception.Data.IsReadOnly && !exception.Data.Contains(Cle)) exception.Data[Cle] = command.CommandText;
    }
}
