using Xunit;

namespace SmartTrade.Host.Tests.PostgreSql;

/// <summary>
/// One test class's host on PostgreSQL: a fresh database, the given plugins, started once for the class and disposed
/// (database dropped) after its last test. Tests of the class share it, so each uses accounts and listings of its own.
/// </summary>
public abstract class PostgreSqlHost : IAsyncLifetime
{
    private readonly TestFolders _folders = new();

    public TestHost Host { get; private set; } = null!;

    public PostgreSqlTestDatabase Database { get; private set; } = null!;

    /// <summary>Project folder names of the plugins to load.</summary>
    protected abstract IEnumerable<string> Plugins { get; }

    /// <summary>Settings beyond the database's.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Database = await PostgreSqlTestDatabase.CreateAsync();
        foreach (var plugin in Plugins)
        {
            _folders.AddPlugin(plugin);
        }

        var settings = Database.HostSettings(ConnectionString(Database));
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        Host = new TestHost(_folders, settings: settings);
        _ = Host.Services; // starts it: migrations, plugins
        await StartedAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await StoppedAsync();
        await Database.DisposeAsync();
        _folders.Dispose();
    }

    /// <summary>The connection string the host gets; the database's own unless a fixture puts something in between.</summary>
    protected virtual string ConnectionString(PostgreSqlTestDatabase database) => database.ConnectionString;

    /// <summary>Runs once the host has started.</summary>
    protected virtual Task StartedAsync() => Task.CompletedTask;

    /// <summary>Runs once the host has stopped, before the database is dropped.</summary>
    protected virtual ValueTask StoppedAsync() => ValueTask.CompletedTask;
}
