using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Plugins;

namespace SmartTrade.Platform.Hosting;

/// <summary>
/// Ready when the platform database (SQLite or PostgreSQL) answers a query. After a failure the PostgreSQL connection
/// pool is emptied, so connections broken by the outage are not handed out again and the host is ready again as soon as
/// the server answers.
/// </summary>
internal sealed class DatabaseHealthCheck(PlatformDbContext db, PlatformDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["provider"] = database.Provider };
        try
        {
            // A query rather than opening a connection: a pooled connection opens without asking the server.
            await db.Database.ExecuteSqlRawAsync("SELECT 1", cancellationToken);
            return HealthCheckResult.Healthy("The database answers.", data);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (db.Database.GetDbConnection() is NpgsqlConnection connection)
            {
                NpgsqlConnection.ClearPool(connection);
            }

            return HealthCheckResult.Unhealthy("The database does not answer.", ex, data);
        }
    }
}

/// <summary>Ready once the plugins have been loaded; reports how many are in each state.</summary>
internal sealed class PluginsHealthCheck(PluginRuntime runtime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!runtime.Started)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Plugins are still loading."));
        }

        var states = runtime.List().GroupBy(p => p.State).ToDictionary(g => g.Key.ToString(), g => (object)g.Count());
        return Task.FromResult(HealthCheckResult.Healthy("Plugins loaded.", states));
    }
}
