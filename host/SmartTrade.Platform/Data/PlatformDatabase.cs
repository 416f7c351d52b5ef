using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Npgsql;
using SmartTrade.Platform.Data.PostgreSql;
using SmartTrade.Platform.Hosting;
using SmartTrade.Sdk.Data;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Platform.Data;

/// <summary>
/// The database the host and its plugins share, chosen by configuration alone: <c>SmartTrade:Database:Provider</c> is
/// <c>Sqlite</c> (the default: a file in the data directory) or <c>PostgreSQL</c>, which needs
/// <c>ConnectionStrings:SmartTrade</c>. Validated when the host is built, so a wrong setting stops it with a clear message.
/// </summary>
internal sealed class PlatformDatabase
{
    /// <summary>The configuration section of the database settings.</summary>
    public const string Section = "SmartTrade:Database";

    /// <summary>The name of the connection string (<c>ConnectionStrings:SmartTrade</c>) used with PostgreSQL.</summary>
    public const string ConnectionStringName = "SmartTrade";

    private PlatformDatabase(string provider, string connectionString)
    {
        Provider = provider;
        ConnectionString = connectionString;
    }

    /// <summary><see cref="PluginDatabaseProviders.Sqlite"/> or <see cref="PluginDatabaseProviders.PostgreSql"/>.</summary>
    public string Provider { get; }

    /// <summary>Whether the host runs on PostgreSQL.</summary>
    public bool IsPostgreSql => Provider == PluginDatabaseProviders.PostgreSql;

    /// <summary>The connection string; it may hold a password, so it is never logged.</summary>
    public string ConnectionString { get; }

    /// <summary>Reads and validates the database settings.</summary>
    /// <exception cref="InvalidOperationException">The provider is unknown, or PostgreSQL lacks a usable connection string.</exception>
    public static PlatformDatabase FromConfiguration(IConfiguration configuration, DataDirectory data)
    {
        var provider = configuration[$"{Section}:Provider"];
        if (string.IsNullOrWhiteSpace(provider) || provider.Equals(PluginDatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return new PlatformDatabase(PluginDatabaseProviders.Sqlite, $"Data Source={data.DatabasePath};Pooling=True");
        }

        if (!provider.Equals(PluginDatabaseProviders.PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{Section}:Provider must be {PluginDatabaseProviders.Sqlite} or {PluginDatabaseProviders.PostgreSql}, not '{provider}'.");
        }

        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"{Section}:Provider is {PluginDatabaseProviders.PostgreSql}, so ConnectionStrings:{ConnectionStringName} must be set " +
                $"(environment: ConnectionStrings__{ConnectionStringName}), e.g. 'Host=db.internal;Port=5432;Database=smarttrade;Username=smarttrade;Password=...'.");
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            // The message names the offending keyword, never the value (it may be a password).
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not a valid PostgreSQL connection string: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(parsed.Host))
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} must name the PostgreSQL server (Host=...).");
        }

        if (string.IsNullOrWhiteSpace(parsed.Database))
        {
            throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} must name the database (Database=...).");
        }

        return new PlatformDatabase(PluginDatabaseProviders.PostgreSql, connectionString);
    }

    /// <summary>Points a context at the database, with the migrations history table and assembly given.</summary>
    /// <param name="options">The context's options builder.</param>
    /// <param name="historyTable">The migrations history table, or <see langword="null"/> for EF Core's default.</param>
    /// <param name="migrationsAssembly">The assembly holding the context's migrations, or <see langword="null"/> for the context's own.</param>
    public void Configure(DbContextOptionsBuilder options, string? historyTable = null, System.Reflection.Assembly? migrationsAssembly = null)
    {
        if (IsPostgreSql)
        {
            options.ReplaceService<IModelCustomizer, UtcTimestampModelCustomizer>();
            options.UseNpgsql(ConnectionString, npgsql =>
            {
                if (historyTable is not null)
                {
                    npgsql.MigrationsHistoryTable(historyTable);
                }

                if (migrationsAssembly is not null)
                {
                    npgsql.MigrationsAssembly(migrationsAssembly);
                }
            });
        }
        else
        {
            options.UseSqlite(ConnectionString, sqlite =>
            {
                if (historyTable is not null)
                {
                    sqlite.MigrationsHistoryTable(historyTable);
                }

                if (migrationsAssembly is not null)
                {
                    sqlite.MigrationsAssembly(migrationsAssembly);
                }
            });
        }
    }
}

/// <summary>
/// Plugins keep their tables in the host's database (whichever provider), each with its own migrations history table
/// (<c>__{id}_migrations</c>) beside the host's.
/// </summary>
internal sealed class HostPluginDatabase(PlatformDatabase database) : IPluginDatabase
{
    public string Provider => database.Provider;

    public void Configure(DbContextOptionsBuilder options, PluginManifest plugin, System.Reflection.Assembly migrationsAssembly)
        => database.Configure(options, $"__{plugin.Id.Replace('-', '_')}_migrations", migrationsAssembly);
}
