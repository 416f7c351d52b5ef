using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Cluster;
using SmartTrade.Sdk.Payments;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;

/// <summary>
/// The exchange's owner (a single host, or the host that takes the exchange over) completes the cash and receipt
/// movements that were interrupted (<see cref="TradingMovements.ReconcileAsync"/>): a movement whose host died between
/// its row and its exchange command is finished exactly once (the exchange refuses a repeated reference). While it owns
/// the exchange it then asks the payment gateway every <see cref="TradingMovements.PayoutCheckInterval"/> about
/// withdrawals still paying out (<see cref="TradingMovements.SettlePayoutsAsync"/>).
/// </summary>
public sealed class MovementReconciliation(IServiceScopeFactory scopes, ILogger<MovementReconciliation> logger, TimeProvider time) : IOwnerDuty, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private CancellationTokenSource? _owning;
    private Task _running = Task.CompletedTask;

    /// <summary>Completes when the reconciliation started by the last take-over has finished (for tests and orderly stops).</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    /// <inheritdoc />
    /// <remarks>Runs in the background: the owner takes commands meanwhile.</remarks>
    public Task BecomeOwnerAsync(IExchangeSequencer sequencer, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _owning?.Cancel();
            _owning = new CancellationTokenSource();
            var owning = _owning.Token;
            var reconciled = Task.Run(() => RunAsync((m, g) => m.ReconcileAsync(g, CancellationToken.None), "Completing interrupted trading movements failed; the next owner tries again."), CancellationToken.None);
            Running = reconciled;
            _running = Task.Run(() => CheckPayoutsAsync(reconciled, owning), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StandByAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _owning?.Cancel();
            _owning = null;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StandByAsync(CancellationToken.None);
        await _running.ConfigureAwait(false);
    }

    private async Task CheckPayoutsAsync(Task reconciled, CancellationToken owning)
    {
        await reconciled.ConfigureAwait(false);
        while (!owning.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TradingMovements.PayoutCheckInterval, time, owning).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            await RunAsync((m, g) => m.SettlePayoutsAsync(g, owning), "Asking the payment gateway about pending payouts failed; asking again later.").ConfigureAwait(false);
        }
    }

    private async Task RunAsync(Func<TradingMovements, IEnumerable<IPaymentGateway>, Task> work, string failure)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await work(scope.ServiceProvider.GetRequiredService<TradingMovements>(), scope.ServiceProvider.GetServices<IPaymentGateway>()).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stood down or stopping.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "{Failure}", failure);
        }
    }
}
