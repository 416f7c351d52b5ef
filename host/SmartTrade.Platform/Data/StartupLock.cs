using Microsoft.Extensions.Logging;
using Npgsql;

namespace SmartTrade.Platform.Data;

/// <summary>
/// Serialises the work several hosts would otherwise race through when they start together on one database: applying
/// the host's and the plugins' migrations, creating roles and accounts, seeding demo data. On PostgreSQL it is a
/// session-level advisory lock held on a connection of its own, so it is released when the holder disposes it or when
/// its process dies (the server ends the session). SQLite is a file of one host: there is nobody to wait for.
/// </summary>
internal sealed class StartupLock(PlatformDatabase database, ILogger<StartupLock> logger)
{
    // The advisory lock key: a fixed 64-bit number, "SmartTrd" in ASCII, unlikely to collide with another application's.
    private const long LockKey = 0x536D617274547264;

    /// <summary>
    /// Waits until this host holds the lock (for as long as another host holds it, or until cancelled); dispose the
    /// result to release it.
    /// </summary>
    /// <param name="work">What the lock is taken for (logged when another host holds it).</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    public async Task<IAsyncDisposable> AcquireAsync(string work, CancellationToken cancellationToken)
    {
        if (!database.IsPostgreSql)
        {
            return NoLock.Instance;
        }

        // Not pooled: closing the connection must end the session, which is what releases a session-level lock even
        // when the unlock below never runs.
        var connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = false, CommandTimeout = 0 }.ConnectionString;
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (!await ScalarAsync<bool>(connection, "SELECT pg_try_advisory_lock(@key)", cancellationToken))
            {
                logger.LogInformation("Another host holds the start-up lock; waiting for it before {Work}", work);
                await ScalarAsync<object>(connection, "SELECT pg_advisory_lock(@key)", cancellationToken);
            }

            return new AdvisoryLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", LockKey);
        return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private sealed class AdvisoryLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (connection.State == System.Data.ConnectionState.Open)
                {
                    await ScalarAsync<bool>(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
                }
            }
            catch (NpgsqlException)
            {
                // The session is gone, and its lock with it.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
