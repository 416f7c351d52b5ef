using Npgsql;
using Xunit;

namespace SmartTrade.Host.Tests.PostgreSql;

/// <summary>
/// A database of its own on the PostgreSQL server that <c>scripts/test.sh</c> starts (<c>SMARTTRADE_TEST_POSTGRES</c>,
/// a connection string to its maintenance database): created empty, dropped (connections and all) when disposed.
/// </summary>
public sealed class PostgreSqlTestDatabase : IAsyncDisposable
{
    public const string Variable = "SMARTTRADE_TEST_POSTGRES";

    private readonly string _server;

    private PostgreSqlTestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>The database's name, <c>smarttrade_test_…</c>.</summary>
    public string Name { get; }

    /// <summary>A connection string to this database.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates an empty database with a unique name.</summary>
    public static async Task<PostgreSqlTestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(server))
        {
            Assert.Fail($"{Variable} is not set: run the tests with scripts/test.sh, which starts PostgreSQL");
        }

        var database = new PostgreSqlTestDatabase(server, $"smarttrade_test_{Guid.NewGuid():N}");
        await database.OnServerAsync($"CREATE DATABASE \"{database.Name}\"");
        return database;
    }

    /// <summary>The settings that put a test host on this database (or on <paramref name="connectionString"/>, such as a relay to it).</summary>
    public Dictionary<string, string?> HostSettings(string? connectionString = null) => new()
    {
        ["SmartTrade:Database:Provider"] = "PostgreSQL",
        ["ConnectionStrings:SmartTrade"] = connectionString ?? ConnectionString,
    };

    /// <summary>Runs a scalar query on this database.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await OnServerAsync($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
    }

    private async Task OnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
