using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Cluster;
using SmartTrade.Sdk.Payments;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;

/// <summary>
/// With several hosts, the host that takes the exchange over completes the cash and receipt movements that were
/// interrupted (<see cref="TradingMovements.ReconcileAsync"/>), as a single host does when it starts: a movement whose
/// host died between its row and its exchange command is finished exactly once (the exchange refuses a repeated reference).
/// </summary>
public sealed class MovementReconciliation(IServiceScopeFactory scopes, ILogger<MovementReconciliation> logger) : IOwnerDuty
{
    private Task _running = Task.CompletedTask;

    /// <summary>Completes when the reconciliation started by the last take-over has finished (for tests and orderly stops).</summary>
    public Task Running => _running;

    /// <inheritdoc />
    /// <remarks>Runs in the background: the owner takes commands meanwhile.</remarks>
    public Task BecomeOwnerAsync(IExchangeSequencer sequencer, CancellationToken cancellationToken)
    {
        _running = Task.Run(
            async () =>
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<TradingMovements>().ReconcileAsync(scope.ServiceProvider.GetServices<IPaymentGateway>(), CancellationToken.None);
                }
                catch (Exception exception)
                {
                    logger.LogError(exception, "Completing interrupted trading movements failed; the next owner tries again.");
                }
            },
            CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StandByAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
