using Microsoft.EntityFrameworkCore;
using Npgsql;
using SmartTrade.Plugins.WarehouseReceipts.Data.PostgreSql;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Exchange.Cluster;

/// <summary>
/// A database of its own on the PostgreSQL server that <c>scripts/test.sh</c> starts (<c>SMARTTRADE_TEST_POSTGRES</c>),
/// with the plugin's PostgreSQL migrations applied (so the journal and fence tables are the ones the migrations make);
/// dropped when disposed.
/// </summary>
internal sealed class JournalDatabase : IAsyncDisposable
{
    private const string Variable = "SMARTTRADE_TEST_POSTGRES";

    private readonly string _server;
    private readonly string _name;

    private JournalDatabase(string server, string name)
    {
        _server = server;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        DataSource = NpgsqlDataSource.Create(ConnectionString);
    }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<JournalDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Fail($"{Variable} is not set: run the tests with scripts/test.sh, which starts PostgreSQL");
        }

        var database = new JournalDatabase(server, $"smarttrade_journal_{Guid.NewGuid():N}");
        await database.OnServerAsync($"CREATE DATABASE \"{database._name}\"");
        var options = new DbContextOptionsBuilder<WarehouseReceiptsPostgreSqlDbContext>()
            .UseNpgsql(database.ConnectionString, npgsql => npgsql.MigrationsHistoryTable("__warehouse_receipts_migrations"))
            .Options;
        await using (var context = new WarehouseReceiptsPostgreSqlDbContext(options))
        {
            await context.Database.MigrateAsync();
        }

        return database;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await OnServerAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private async Task OnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
