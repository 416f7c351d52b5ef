using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SmartTrade.Sdk.Testing;

/// <summary>One message the host or a plugin logged.</summary>
/// <param name="Category">The logger's category, usually the full name of the class that logged.</param>
/// <param name="Level">The level.</param>
/// <param name="EventId">The event id (from <c>[LoggerMessage(EventId = ...)]</c>).</param>
/// <param name="Message">The formatted message.</param>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message);

/// <summary>Keeps every message at Information or above that the host and its plugins log, in order.</summary>
internal sealed class LogRecorder : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => _entries.ToArray();

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new LogEntry(category, logLevel, eventId, formatter(state, exception)));
            }
        }
    }
}
