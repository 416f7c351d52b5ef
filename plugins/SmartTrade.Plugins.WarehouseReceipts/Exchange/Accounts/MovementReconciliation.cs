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
    private ITimer? _timer;
    private CancellationTokenSource? _owning;
    private Task _checking = Task.CompletedTask;
    private TaskCompletionSource _nextCheck = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the reconciliation started by the last take-over has finished (for tests and orderly stops).</summary>
    public Task Running { get; private set; } = Task.CompletedTask;

    /// <summary>Completes when the next periodic check of pending payouts has finished (for tests).</summary>
    public Task NextCheck
    {
        get
        {
            lock (_lock)
            {
                return _nextCheck.Task;
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>Runs in the background: the owner takes commands meanwhile.</remarks>
    public Task BecomeOwnerAsync(IExchangeSequencer sequencer, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            StopLocked();
            _owning = new CancellationTokenSource();
            var owning = _owning.Token;
            Running = Task.Run(() => RunAsync((m, g) => m.ReconcileAsync(g, CancellationToken.None), "Completing interrupted trading movements failed; the next owner tries again."), CancellationToken.None);
            _timer = time.CreateTimer(_ => Check(owning), null, TradingMovements.PayoutCheckInterval, TradingMovements.PayoutCheckInterval);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StandByAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            StopLocked();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Task checking;
        lock (_lock)
        {
            StopLocked();
            checking = _checking;
        }

        await checking.ConfigureAwait(false);
    }

    private void StopLocked()
    {
        _timer?.Dispose();
        _timer = null;
        _owning?.Cancel();
        _owning = null;
    }

    // One check at a time: a tick that finds the last one still running lets it be.
    private void Check(CancellationToken owning)
    {
        lock (_lock)
        {
            if (owning.IsCancellationRequested || !_checking.IsCompleted)
            {
                return;
            }

            var done = _nextCheck;
            _nextCheck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var reconciled = Running;
            _checking = Task.Run(
                async () =>
                {
                    await reconciled.ConfigureAwait(false);
                    await RunAsync((m, g) => m.SettlePayoutsAsync(g, owning), "Asking the payment gateway about pending payouts failed; asking again later.").ConfigureAwait(false);
                    done.TrySetResult();
                },
                CancellationToken.None);
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
