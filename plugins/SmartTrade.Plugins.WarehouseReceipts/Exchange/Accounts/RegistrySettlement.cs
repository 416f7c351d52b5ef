using System.Globalization;
using System.Threading.Channels;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartTrade.Plugins.WarehouseReceipts.Data;
using SmartTrade.Plugins.WarehouseReceipts.Exchange.Cluster;
using SmartTrade.Plugins.WarehouseReceipts.Market;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using SmartTrade.Sdk.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;

/// <summary>
/// Settles the exchange's trades in the receipt registry and tells the world about them. The exchange settles cash and
/// positions inside the command that matched (durable in its journal); this projection then delivers the receipts
/// seller to buyer in the registry (first-in-first-out, frozen to frozen: they stay in trading), records the trade,
/// and publishes <see cref="TradeExecuted"/>. It takes trades in batches, one database transaction per batch with a
/// checkpoint, and the registry delivers each trade reference once, so after a crash the journal's replay settles
/// exactly what was not settled yet.
/// </summary>
/// <remarks>
/// With several hosts only the exchange's owner settles (<see cref="IOwnerDuty"/>). A follower keeps the trades its
/// replica reports and drops each one once the owner's checkpoint has passed it, so when it takes the exchange over it
/// settles exactly what the old owner had not.
/// </remarks>
public sealed class RegistrySettlement : IExchangeListener, IOwnerDuty, IAsyncDisposable
{
    /// <summary>Trades settled per database transaction at most.</summary>
    public const int MaxBatch = 500;

    /// <summary>How often a follower drops the trades the owner has settled.</summary>
    public static readonly TimeSpan StandByInterval = TimeSpan.FromSeconds(1);

    private Channel<PendingTrade> _trades = NewQueue();
    private readonly IServiceScopeFactory _scopes;
    private readonly TraderAccounts _accounts;
    private readonly Func<int, string?> _codeOf;
    private readonly ILogger<RegistrySettlement> _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private CancellationTokenSource? _settling;
    private CancellationTokenSource? _standingBy;
    private Task? _standBy;
    private readonly object _progressLock = new();
    private Task? _loop;
    private long _seen;
    private long _skipBelow;
    private long _settled;
    private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A settlement that looks up instrument codes by the exchange's instrument number.</summary>
    public RegistrySettlement(IServiceScopeFactory scopes, TraderAccounts accounts, Func<int, string?> codeOf, ILogger<RegistrySettlement> logger, TimeProvider? time = null)
    {
        _scopes = scopes;
        _accounts = accounts;
        _codeOf = codeOf;
        _logger = logger;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Whether this host settles (a single host, or the owner of a cluster) rather than standing by.</summary>
    public bool IsSettling => _loop is not null;

    /// <summary>Trades settled (or found settled) since start.</summary>
    public long Settled => Interlocked.Read(ref _settled);

    /// <summary>Reads how far settlement came before the exchange replays its journal, so replay skips settled trades cheaply.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WarehouseReceiptsDbContext>();
        _skipBelow = await db.SettlementCheckpoint.AsNoTracking().Where(c => c.Id == 1).Select(c => c.JournalSequence).SingleAsync(cancellationToken);
    }

    /// <inheritdoc />
    public void OnEvents(ReadOnlySpan<ExchangeEvent> events, ExchangeState state, bool replay)
    {
        foreach (ref readonly var e in events)
        {
            if (e.Kind == ExchangeEventKind.Trade && !(replay && e.Sequence < _skipBelow))
            {
                _seen++;
                _trades.Writer.TryWrite(new PendingTrade(
                    e.Sequence, e.InstrumentId, e.TradeSequence, e.Price, e.Quantity, e.Value, e.BuyerFee, e.SellerFee,
                    e.BuyerId, e.SellerId, e.Side == Trading.Side.Buy, DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp)));
            }
        }
    }

    /// <summary>Starts settling in the background.</summary>
    public void Start()
    {
        if (_loop is not null)
        {
            return;
        }

        _settling = new CancellationTokenSource();
        var waiting = _settling.Token;
        _loop = Task.Run(() => RunAsync(waiting, _stopping.Token));
    }

    /// <inheritdoc />
    /// <remarks>Stops dropping settled trades and settles what the old owner left, from its checkpoint on.</remarks>
    public async Task BecomeOwnerAsync(IExchangeSequencer sequencer, CancellationToken cancellationToken)
    {
        await StopStandingByAsync().ConfigureAwait(false);
        Start();
    }

    /// <inheritdoc />
    /// <remarks>
    /// Lets the batch in hand finish (the registry delivers each trade once, so a new owner settling the same trades is
    /// harmless), forgets the queue, reads the checkpoint again and, until this host owns the exchange, drops the trades
    /// the owner settles.
    /// </remarks>
    public async Task StandByAsync(CancellationToken cancellationToken)
    {
        if (_loop is { } loop)
        {
            await _settling!.CancelAsync().ConfigureAwait(false);
            try
            {
                await loop.WaitAsync(TimeSpan.FromSeconds(10), _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                _logger.LogWarning("Settlement did not finish its batch in time on stepping down; the new owner settles it.");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            _settling.Dispose();
            _settling = null;
            _loop = null;
        }

        await StopStandingByAsync().ConfigureAwait(false);
        _trades = NewQueue();
        lock (_progressLock)
        {
            Interlocked.Exchange(ref _seen, 0);
            Interlocked.Exchange(ref _settled, 0);
            _progress.TrySetResult();
            _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        // Dropping settled trades starts first, so the queue stays bounded even when the checkpoint cannot be read now.
        _standingBy = new CancellationTokenSource();
        var stop = _standingBy.Token;
        _standBy = Task.Run(() => StandByLoopAsync(stop), CancellationToken.None);
        await PrepareAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Completes once every trade the exchange has reported so far is settled (for tests and orderly stops).</summary>
    public async Task WaitForSettledAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Task progress;
            lock (_progressLock)
            {
                if (Interlocked.Read(ref _settled) >= Volatile.Read(ref _seen))
                {
                    return;
                }

                progress = _progress.Task;
            }

            await progress.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopStandingByAsync().ConfigureAwait(false);
        _trades.Writer.TryComplete();
        if (_loop is { } loop)
        {
            try
            {
                await loop.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                await _stopping.CancelAsync();
            }
        }

        _settling?.Dispose();
        _stopping.Dispose();
    }

    private static Channel<PendingTrade> NewQueue() =>
        Channel.CreateUnbounded<PendingTrade>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });

    private async Task StopStandingByAsync()
    {
        if (_standBy is { } standBy)
        {
            await _standingBy!.CancelAsync().ConfigureAwait(false);
            await standBy.ConfigureAwait(false);
            _standingBy.Dispose();
            _standingBy = null;
            _standBy = null;
        }
    }

    // A follower: every interval, drop the queued trades the owner has settled: those of commands before its checkpoint,
    // and those of the checkpoint's own command that are recorded (a command's trades may span two batches).
    private async Task StandByLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(StandByInterval, _time, cancellationToken).ConfigureAwait(false);
                await using var scope = _scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<WarehouseReceiptsDbContext>();
                var checkpoint = await db.SettlementCheckpoint.AsNoTracking().Where(c => c.Id == 1).Select(c => c.JournalSequence).SingleAsync(cancellationToken).ConfigureAwait(false);
                var reader = _trades.Reader;
                var dropped = 0;
                while (reader.TryPeek(out var trade) && trade.JournalSequence <= checkpoint)
                {
                    if (trade.JournalSequence == checkpoint)
                    {
                        var reference = TradeRef(trade);
                        if (!await db.SettledTrades.AnyAsync(t => t.TradeRef == reference, cancellationToken).ConfigureAwait(false))
                        {
                            break;
                        }
                    }

                    reader.TryRead(out _);
                    dropped++;
                }

                if (dropped > 0)
                {
                    lock (_progressLock)
                    {
                        Interlocked.Add(ref _settled, dropped);
                        _progress.TrySetResult();
                        _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database is away: keep the trades (a follower only drops what it knows is settled) and look again.
                _logger.LogDebug(exception, "Reading the settlement checkpoint on stand-by failed.");
            }
        }
    }

    private async Task RunAsync(CancellationToken waiting, CancellationToken cancellationToken)
    {
        await PublishUnpublishedAsync(cancellationToken).ConfigureAwait(false);
        var batch = new List<PendingTrade>(MaxBatch);
        var reader = _trades.Reader;
        while (await WaitForTradesAsync(reader, waiting).ConfigureAwait(false))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var trade))
            {
                batch.Add(trade);
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await SettleAsync(batch, cancellationToken).ConfigureAwait(false);
                    break;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A database hiccup: the batch is retried as a whole; what committed is skipped by the checkpoint.
                    _logger.LogError(exception, "Settling {Count} trades failed (attempt {Attempt}); retrying.", batch.Count, attempt);
                    if (waiting.IsCancellationRequested)
                    {
                        // Stepping down: the next owner settles the batch from the checkpoint.
                        return;
                    }

                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * attempt)), cancellationToken).ConfigureAwait(false);
                }
            }

            lock (_progressLock)
            {
                Interlocked.Add(ref _settled, batch.Count);
                _progress.TrySetResult();
                _progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            batch.Clear();
        }
    }

    private string CodeOf(PendingTrade trade) => _codeOf(trade.InstrumentId) ?? trade.InstrumentId.ToString(CultureInfo.InvariantCulture);

    private string TradeRef(PendingTrade trade) => string.Create(CultureInfo.InvariantCulture, $"T-{CodeOf(trade)}-{trade.TradeSequence:D6}");

    private static async Task<bool> WaitForTradesAsync(ChannelReader<PendingTrade> reader, CancellationToken waiting)
    {
        try
        {
            return await reader.WaitToReadAsync(waiting).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (waiting.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task SettleAsync(List<PendingTrade> batch, CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WarehouseReceiptsDbContext>();
        var registry = scope.ServiceProvider.GetRequiredService<ReceiptRegistry>();
        var published = new List<TradeExecuted>(batch.Count);
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            published.Clear();
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var checkpoint = await db.SettlementCheckpoint.SingleAsync(c => c.Id == 1, cancellationToken);
            foreach (var trade in batch)
            {
                var code = CodeOf(trade);
                var tradeRef = TradeRef(trade);

                // Trades of commands before the checkpoint are settled; those of the checkpoint's own command may be in part.
                if (trade.JournalSequence < checkpoint.JournalSequence
                    || (trade.JournalSequence == checkpoint.JournalSequence && await db.SettledTrades.AnyAsync(t => t.TradeRef == tradeRef, cancellationToken)))
                {
                    continue;
                }

                var buyer = await _accounts.UserOfAsync(trade.BuyerTraderId, cancellationToken);
                var seller = await _accounts.UserOfAsync(trade.SellerTraderId, cancellationToken);
                string? problem = null;
                var delivered = string.Empty;
                if (buyer is null || seller is null)
                {
                    problem = "A party of the trade has no trading account in the registry.";
                }
                else
                {
                    var transfer = await registry.TransferAsync(seller, buyer, code, trade.Quantity, tradeRef, TransferSource.Frozen, cancellationToken, destination: TransferSource.Frozen);
                    if (transfer.Succeeded)
                    {
                        delivered = string.Join(',', transfer.Value!.DeliveredNumbers);
                    }
                    else
                    {
                        problem = transfer.Refusal!.Detail;
                    }
                }

                if (problem is not null)
                {
                    _logger.LogError("Trade {TradeRef} could not be delivered in the registry: {Problem}", tradeRef, problem);
                }

                var settled = new SettledTrade
                {
                    TradeRef = tradeRef,
                    InstrumentCode = code,
                    TradeSequence = trade.TradeSequence,
                    JournalSequence = trade.JournalSequence,
                    Price = trade.Price,
                    QuantityKg = trade.Quantity,
                    Value = trade.Value,
                    BuyerFee = trade.BuyerFee,
                    SellerFee = trade.SellerFee,
                    BuyerTraderId = trade.BuyerTraderId,
                    SellerTraderId = trade.SellerTraderId,
                    BuyerId = buyer ?? string.Empty,
                    SellerId = seller ?? string.Empty,
                    BuyerWasAggressor = trade.BuyerWasAggressor,
                    ExecutedAt = trade.ExecutedAt,
                    DeliveredNumbers = delivered.Length > 2000 ? delivered[..2000] : delivered,
                    DeliveryProblem = problem is { Length: > 300 } ? problem[..300] : problem,
                };
                db.SettledTrades.Add(settled);
                published.Add(Executed(settled));
                await db.SaveChangesAsync(cancellationToken);
            }

            var last = batch[^1].JournalSequence;
            if (last > checkpoint.JournalSequence)
            {
                var tracked = await db.SettlementCheckpoint.SingleAsync(c => c.Id == 1, cancellationToken);
                tracked.JournalSequence = last;
                await db.SaveChangesAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        });

        // After the commit: subscribers (the price index) hear of each trade once it is settled, at least once: a trade
        // not marked published (a crash or a failing subscriber) goes out again on the next start.
        await PublishAsync(scope.ServiceProvider, db, published, cancellationToken);
    }

    private async Task PublishUnpublishedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WarehouseReceiptsDbContext>();
            var waiting = await db.SettledTrades.AsNoTracking().Where(t => !t.Published).OrderBy(t => t.JournalSequence).ThenBy(t => t.TradeSequence).ToListAsync(cancellationToken);
            await PublishAsync(scope.ServiceProvider, db, waiting.Select(Executed).ToList(), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.LogError(exception, "Publishing the trades left unpublished failed; they go out on the next start.");
        }
    }

    private async Task PublishAsync(IServiceProvider services, WarehouseReceiptsDbContext db, List<TradeExecuted> trades, CancellationToken cancellationToken)
    {
        if (trades.Count == 0)
        {
            return;
        }

        var publisher = services.GetRequiredService<IMediator>();
        var sent = new List<string>(trades.Count);
        foreach (var trade in trades)
        {
            try
            {
                await publisher.Publish(trade, cancellationToken);
                sent.Add("T-" + trade.TradeId);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                _logger.LogError(exception, "Publishing trade {TradeId} failed; it goes out again on the next start.", trade.TradeId);
            }
        }

        foreach (var chunk in sent.Chunk(200))
        {
            await db.SettledTrades.Where(t => chunk.Contains(t.TradeRef)).ExecuteUpdateAsync(s => s.SetProperty(t => t.Published, true), cancellationToken);
        }
    }

    private static TradeExecuted Executed(SettledTrade trade) => new()
    {
        TradeId = trade.TradeRef[2..],
        MarketId = PlasticsReceiptMarketDescriptor.MarketId,
        InstrumentCode = trade.InstrumentCode,
        Commodity = trade.InstrumentCode[..trade.InstrumentCode.IndexOf('-', StringComparison.Ordinal)],
        Sequence = trade.TradeSequence,
        PriceMinor = trade.Price,
        Currency = "CNY",
        PriceUnit = "t",
        Quantity = trade.QuantityKg,
        QuantityUnit = "kg",
        ValueMinor = trade.Value,
        ExecutedAt = trade.ExecutedAt,
    };

    private readonly record struct PendingTrade(
        long JournalSequence, int InstrumentId, long TradeSequence, long Price, long Quantity, long Value, long BuyerFee, long SellerFee,
        long BuyerTraderId, long SellerTraderId, bool BuyerWasAggressor, DateTimeOffset ExecutedAt);
}
