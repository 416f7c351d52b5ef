using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Scaling;
using SmartTrade.Sdk.Scaling;

namespace SmartTrade.Platform.Outbox;

/// <summary>Handles one type of outbox message. Handlers must tolerate repeats (at-least-once delivery).</summary>
public interface IOutboxHandler
{
    /// <summary>The message type handled.</summary>
    string Type { get; }

    /// <summary>Handles a message.</summary>
    /// <param name="message">The message.</param>
    /// <param name="services">A scope's services.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    Task HandleAsync(OutboxMessage message, IServiceProvider services, CancellationToken cancellationToken);
}

/// <summary>
/// Does, once for all of a drained batch's messages of one type, the part of their handling that depends only on the
/// state at the time of handling (such as bringing the search index up to date with the listings they name), before
/// the batch's messages are handed one by one to the <see cref="IOutboxHandler"/>s. Like those, it must tolerate
/// repeats. When it throws for a batch, the processor hands it each message alone, in order, so a failure stops the
/// drain at the message it belongs to.
/// </summary>
public interface IOutboxBatchHandler
{
    /// <summary>The message type handled.</summary>
    string Type { get; }

    /// <summary>Handles messages of <see cref="Type"/>, in id order, together.</summary>
    /// <param name="messages">The messages (at least one).</param>
    /// <param name="services">A scope's services.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    Task HandleBatchAsync(IReadOnlyList<OutboxMessage> messages, IServiceProvider services, CancellationToken cancellationToken);
}

/// <summary>Writes outbox messages into the current unit of work.</summary>
public static class OutboxWriter
{
    /// <summary>Adds a message to be saved with the caller's other changes.</summary>
    public static void Enqueue<T>(this PlatformDbContext db, string type, T payload, DateTimeOffset now)
        => db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Type = type,
            Payload = JsonSerializer.Serialize(payload, JsonSerializerOptions.Web),
            OccurredAt = now,
        });
}

/// <summary>
/// Drains the outbox in order: woken after each commit, and every second to catch up after a crash or failure.
/// Messages are read in batches; each batch first goes to the <see cref="IOutboxBatchHandler"/>s (one call per type),
/// then message by message to the <see cref="IOutboxHandler"/>s, and is marked handled when all of that succeeded.
/// </summary>
/// <remarks>
/// Hosts sharing a database share its outbox, so one host at a time drains it: the holder of the lease
/// <see cref="LeaseName"/>. It is the one search index writer (the index is brought up to date by a batch handler) and
/// the one publisher of the committed events (the live feeds carry them to every host). The others only try to take
/// the lease, each second. When the holder stops, its lease is released and another host takes over within a second;
/// when it dies, within the lease's time to live. The new holder starts from the first message not marked handled,
/// which is where the old one stopped, so nothing is missed; a batch the old holder had handled but not yet marked is
/// handled again, which the handlers tolerate (they write the current state, and the search index refuses older
/// listing versions). A host on SQLite (a database of its own) or without Redis holds a lease of its own process, which
/// is always granted.
/// </remarks>
public sealed class OutboxProcessor(
    IServiceScopeFactory scopes,
    ILeaseProvider leases,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxProcessor> logger) : BackgroundService
{
    /// <summary>The lease of the host that drains the outbox, so writes the search index and publishes the events.</summary>
    public const string LeaseName = "search-index-writer";

    private const int BatchSize = 200;
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SemaphoreSlim _draining = new(1, 1);
    private bool _leaseUnavailable;

    /// <summary>Whether this host holds <see cref="LeaseName"/> and drains the outbox now.</summary>
    public bool IsDraining { get; private set; }
    /// <summary>Asks for a drain soon (after a commit that wrote messages).</summary>
    public void Notify()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    /// <summary>
    /// Handles every message committed so far; returns how many were handled. The background loop calls it only while
    /// this host holds <see cref="LeaseName"/>; a direct call (a test's) drains regardless.
    /// </summary>
    /// <param name="cancellationToken">Cancelled when the caller gives up.</param>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        await _draining.WaitAsync(cancellationToken);
        try
        {
            var handled = 0;
            while (true)
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
                var batch = await db.Set<OutboxMessage>()
                    .Where(m => m.ProcessedAt == null)
                    .OrderBy(m => m.Id)
                    .Take(BatchSize)
                    .ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    return handled;
                }

                var handlers = scope.ServiceProvider.GetServices<IOutboxHandler>().ToLookup(h => h.Type);
                var batchHandlers = scope.ServiceProvider.GetServices<IOutboxBatchHandler>().ToLookup(h => h.Type);
                var handledTogether = await HandleTogetherAsync(batch, batchHandlers, scope.ServiceProvider, cancellationToken);
                foreach (var message in batch)
                {
                    try
                    {
                        if (!handledTogether)
                        {
                            foreach (var handler in batchHandlers[message.Type])
                            {
                                await handler.HandleBatchAsync([message], scope.ServiceProvider, cancellationToken);
                            }
                        }

                        foreach (var handler in handlers[message.Type])
                        {
                            await handler.HandleAsync(message, scope.ServiceProvider, cancellationToken);
                        }

                        message.ProcessedAt = time.GetUtcNow();
                        handled++;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // Order matters (a later change must not overtake an earlier one): stop here, retry later.
                        message.Attempts++;
                        message.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                        logger.LogError(ex, "Outbox message {Id} ({Type}) failed, attempt {Attempt}", message.Id, message.Type, message.Attempts);
                        await db.SaveChangesAsync(CancellationToken.None);
                        return handled;
                    }
                }

                await db.SaveChangesAsync(CancellationToken.None);
            }
        }
        finally
        {
            _draining.Release();
        }
    }

    /// <summary>
    /// Hands each batch handler all of the batch's messages of its type at once; false (after logging) when one of
    /// them failed, and the messages are then handed over one at a time.
    /// </summary>
    private async Task<bool> HandleTogetherAsync(List<OutboxMessage> batch, ILookup<string, IOutboxBatchHandler> batchHandlers, IServiceProvider services, CancellationToken cancellationToken)
    {
        foreach (var group in batch.GroupBy(m => m.Type))
        {
            foreach (var handler in batchHandlers[group.Key])
            {
                try
                {
                    await handler.HandleBatchAsync(group.ToList(), services, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Outbox batch of {Count} {Type} messages from {Id} failed; handling them one at a time", group.Count(), group.Key, group.First().Id);
                    return false;
                }
            }
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var lease = await TryAcquireAsync(stoppingToken);
            if (lease is null)
            {
                if (!await WaitAsync(stoppingToken))
                {
                    return;
                }

                continue;
            }

            await using (lease)
            {
                logger.LogInformation("This host drains the outbox and writes the search index (lease {Lease}, fencing token {Token})", LeaseName, lease.FencingToken);
                using var holding = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                IsDraining = true;
                try
                {
                    await DrainWhileHoldingAsync(holding.Token);
                }
                finally
                {
                    IsDraining = false;
                }

                if (!stoppingToken.IsCancellationRequested)
                {
                    logger.LogWarning("Lost the lease {Lease}; this host stopped draining the outbox until it holds it again", LeaseName);
                }
            }
        }
    }

    private async Task<ILease?> TryAcquireAsync(CancellationToken stoppingToken)
    {
        try
        {
            var lease = await leases.TryAcquireAsync(LeaseName, options.Value.LeaseTime, stoppingToken);
            _leaseUnavailable = false;
            return lease;
        }
        catch (Exception ex) when (ex is SharedStoreUnavailableException || RedisFailures.IsUnavailable(ex))
        {
            if (!_leaseUnavailable)
            {
                logger.LogWarning(ex, "The lease {Lease} cannot be taken while Redis is unavailable; the outbox waits", LeaseName);
                _leaseUnavailable = true;
            }

            return null;
        }
    }

    private async Task DrainWhileHoldingAsync(CancellationToken holding)
    {
        while (!holding.IsCancellationRequested)
        {
            try
            {
                await DrainAsync(holding);
            }
            catch (OperationCanceledException) when (holding.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Outbox drain failed");
            }

            if (!await WaitAsync(holding))
            {
                return;
            }
        }
    }

    /// <summary>Waits for a commit's wake-up or the next poll; false once <paramref name="cancellationToken"/> is cancelled.</summary>
    private async Task<bool> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _wake.WaitAsync(Poll, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>How the outbox is drained (<c>SmartTrade:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "SmartTrade:Outbox";

    /// <summary>
    /// The time to live of the lease <see cref="OutboxProcessor.LeaseName"/>: how long the outbox may stand still after
    /// its drainer died before another host takes over. It renews itself every third of this while the host lives.
    /// </summary>
    public TimeSpan LeaseTime { get; set; } = TimeSpan.FromSeconds(15);
}
