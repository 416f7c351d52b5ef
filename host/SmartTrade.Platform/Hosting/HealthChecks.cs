using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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

/// <summary>
/// Ready once the plugins have been loaded; reports how many are in each state, and what the enabled plugins report of
/// their own health: a plugin registers <see cref="IHealthCheck"/> services in its own container (the receipt exchange
/// reports its role, fencing token and replica lag), and each one's result appears under the plugin's id. The worst
/// plugin result is this check's status, so a plugin that says it cannot serve makes the host not ready.
/// </summary>
internal sealed class PluginsHealthCheck(PluginRuntime runtime) : IHealthCheck
{
    private static readonly TimeSpan PluginCheckTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!runtime.Started)
        {
            return HealthCheckResult.Unhealthy("Plugins are still loading.");
        }

        var data = runtime.List().GroupBy(p => p.State).ToDictionary(g => g.Key.ToString(), g => (object)g.Count());
        var status = HealthStatus.Healthy;
        foreach (var services in runtime.EnabledPluginServices())
        {
            var id = services.GetService<SmartTrade.Sdk.Plugins.PluginManifest>()?.Id ?? "plugin";
            foreach (var check in services.GetServices<IHealthCheck>())
            {
                var result = await RunAsync(id, check, cancellationToken);
                status = result.Status < status ? result.Status : status;
                data[id] = new { status = result.Status.ToString(), description = result.Description, data = result.Data };
            }
        }

        return new HealthCheckResult(status, status == HealthStatus.Healthy ? "Plugins loaded." : "A plugin reports a problem.", data: data);
    }

    private static async Task<HealthCheckResult> RunAsync(string id, IHealthCheck check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PluginCheckTimeout);
        try
        {
            var registration = new HealthCheckRegistration(id, check, HealthStatus.Unhealthy, ["ready"], PluginCheckTimeout);
            return await check.CheckHealthAsync(new HealthCheckContext { Registration = registration }, timeout.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A plugin's check that throws or hangs reports its plugin unhealthy; it never fails the host's report.
            return HealthCheckResult.Unhealthy($"The health check of plugin '{id}' failed.", ex);
        }
    }
}
