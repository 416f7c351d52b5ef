using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartTrade.Platform.Data;

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
public sealed class OutboxProcessor(IServiceScopeFactory scopes, TimeProvider time, ILogger<OutboxProcessor> logger) : BackgroundService
{
    private const int BatchSize = 200;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly SemaphoreSlim _draining = new(1, 1);

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

    /// <summary>Handles every message committed so far; returns how many were handled.</summary>
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
            try
            {
                await DrainAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Outbox drain failed");
            }

            try
            {
                await _wake.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
