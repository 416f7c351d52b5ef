using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Plugins;

namespace SmartTrade.Platform.Hosting;

/// <summary>Ready when the platform database answers.</summary>
internal sealed class DatabaseHealthCheck(PlatformDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The database answers.")
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", ex);
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
