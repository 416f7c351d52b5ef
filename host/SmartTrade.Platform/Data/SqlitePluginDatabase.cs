using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Hosting;
using SmartTrade.Sdk.Data;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Platform.Data;

/// <summary>Plugins keep their tables in the host's SQLite file, each with its own migrations history table.</summary>
internal sealed class SqlitePluginDatabase(DataDirectory data) : IPluginDatabase
{
    public string Provider => PluginDatabaseProviders.Sqlite;

    public void Configure(DbContextOptionsBuilder options, PluginManifest plugin, System.Reflection.Assembly migrationsAssembly)
        => options.UseSqlite(
            PlatformDatabase.ConnectionString(data),
            sqlite => sqlite
                .MigrationsAssembly(migrationsAssembly)
                .MigrationsHistoryTable($"__{plugin.Id.Replace('-', '_')}_migrations"));
}

/// <summary>The platform database's connection settings.</summary>
internal static class PlatformDatabase
{
    public static string ConnectionString(DataDirectory data) => $"Data Source={data.DatabasePath};Pooling=True";
}
