using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Labels.Api.Tests.Outils;

/// <summary>A logger provider that keeps what a test host writes, after the host's own filters (Logging:LogLevel).</summary>
public sealed class JournalCapture : ILoggerProvider
{
    public sealed record Entree(string Categorie, LogLevel Niveau, EventId Evenement, string Message);

    public ConcurrentQueue<Entree> Entrees { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Journal(this, categoryName);

    public void Dispose() { }

    private sealed class Journal(JournalCapture capture, string categorie) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Entrees.Enqueue(new Entree(categorie, logLevel, eventId, formatter(state, exception)));
    }
}
