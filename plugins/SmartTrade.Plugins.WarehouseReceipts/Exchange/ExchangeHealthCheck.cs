using Microsoft.Extensions.Diagnostics.HealthChecks;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Cluster;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>
/// The exchange's part of <c>/health/ready</c> (the host reports a plugin's <see cref="IHealthCheck"/> services under
/// the plugin's id): this host's role (owner or follower), the fencing token of the owner, the journal sequence this
/// host's state holds and, on a follower, how many committed commands its replica has yet to apply.
/// </summary>
public sealed class ExchangeHealthCheck(ExchangeService exchange) : IHealthCheck
{
    /// <summary>A follower further behind the journal than this many commands reports itself degraded.</summary>
    public const long LagTolerated = 10_000;

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!exchange.IsRunning)
        {
            return HealthCheckResult.Unhealthy("The exchange has not started.");
        }

        if (exchange.Cluster is not { } cluster)
        {
            var sequence = await exchange.Sequencer.ReadAsync(state => state.LastSequence);
            return HealthCheckResult.Healthy("This host runs the exchange on its own (file journal).", new Dictionary<string, object>
            {
                ["role"] = ExchangeRole.Owner.ToString(),
                ["journalSequence"] = sequence,
                ["replicaLag"] = 0L,
            });
        }

        var status = await cluster.StatusAsync(cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["role"] = status.Role.ToString(),
            ["holder"] = cluster.HolderId,
            ["journalSequence"] = status.AppliedSequence,
            ["replicaLag"] = status.ReplicaLag,
        };
        if (status.FencingToken is { } token)
        {
            data["fencingToken"] = token;
        }

        return status.Role switch
        {
            ExchangeRole.Owner => HealthCheckResult.Healthy("This host owns the exchange.", data),
            ExchangeRole.Follower when status.ReplicaLag <= LagTolerated => HealthCheckResult.Healthy("This host follows the exchange and forwards orders to its owner.", data),
            ExchangeRole.Follower => HealthCheckResult.Degraded($"This host's replica is {status.ReplicaLag} commands behind the journal.", data: data),
            _ => HealthCheckResult.Degraded($"This host is changing its part in the exchange ({status.Role}).", data: data),
        };
    }
}
