using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartTrade.Platform.Data;

namespace SmartTrade.Platform.Payments.Tests;

/// <summary>A real SQLite file holding the platform schema, deleted after the test.</summary>
public sealed class PaymentsDatabase : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "smarttrade-payments-" + Guid.NewGuid().ToString("N"));

    public PaymentsDatabase()
    {
        Directory.CreateDirectory(_directory);
        FilePath = Path.Combine(_directory, "platform.db");
        using var db = NewContext();
        db.Database.EnsureCreated();
    }

    public string FilePath { get; }

    /// <summary>A fresh context, as a new request scope would get.</summary>
    public PlatformDbContext NewContext()
        => new(new DbContextOptionsBuilder<PlatformDbContext>().UseSqlite($"Data Source={FilePath}").Options);

    /// <summary>Every byte SQLite wrote for the database (the file and its journals), after closing all connections.</summary>
    public byte[] ReadAllBytes()
    {
        SqliteConnection.ClearAllPools();
        return Directory.GetFiles(_directory).SelectMany(File.ReadAllBytes).ToArray();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine is left to the temp cleaner.
        }
    }
}

/// <summary>Keeps every log line written, so tests can check what was (not) logged.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return _lines.ToList();
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(RecordingLoggerProvider owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lines)
            {
                owner._lines.Add(formatter(state, exception) + (exception is null ? string.Empty : " " + exception));
            }
        }
    }
}
