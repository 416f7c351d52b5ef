using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Outbox;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Orders;

/// <summary>
/// Order transitions after checkout: cancel (releasing stock, and returning the payment of a paid order), ship,
/// deliver, complete (the buyer confirms receipt, or time does), and expiry of unpaid orders. Each transition is
/// checked by <see cref="OrderEntity.TryMove"/> and raises its event through the outbox in the same commit.
/// </summary>
public sealed class OrderLifecycle(PlatformDbContext db, OutboxProcessor outbox, OrderRefunds refunds, TimeProvider time, IOptions<OrderOptions> options)
{
    /// <summary>
    /// Cancels an order that has not shipped and puts its stock back. A paid order's payment is returned in full
    /// first; if the order changes meanwhile (shipped at the same moment), the refund is still recorded on it.
    /// </summary>
    /// <returns>Null when cancelled, else why not.</returns>
    public async Task<OrderRefusal?> CancelAsync(OrderEntity order, string reason, CancellationToken cancellationToken)
    {
        if (!OrderTransitions.CanTransition(order.ToOrder(), OrderStatus.Cancelled))
        {
            return new OrderRefusal(409, ProblemTypes.Conflict, $"An order that is {order.Status} cannot be cancelled.");
        }

        if (order.Status == OrderStatus.Paid)
        {
            var refusal = await refunds.ReturnPaymentAsync(
                order, order.TotalMinor - order.RefundedMinor, OrderRefunds.CancellationReason, $"order-{order.Id:N}-cancel", cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }
        }

        var now = time.GetUtcNow();
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            order.TryMove(OrderStatus.Cancelled, now);
            await Checkout.ReleaseStockAsync(db, order, now, cancellationToken);
            Raise(new OrderCancelled { Reason = reason, OrderId = order.Id, OrderNumber = order.Number, MarketId = order.MarketId, MerchantId = order.MerchantId, BuyerId = order.BuyerId, OccurredAt = now }, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException) when (order.PaidAt is not null)
        {
            // Changed under us after the money went back: record the refund on the order as it now is.
            db.ChangeTracker.Clear();
            var current = await db.Set<OrderEntity>().Include(o => o.Lines).SingleAsync(o => o.Id == order.Id, cancellationToken);
            await refunds.CatchUpAsync(current, cancellationToken);
            return new OrderRefusal(409, ProblemTypes.Conflict, $"The order changed meanwhile and is now {current.Status}; its payment was returned.");
        }

        // The payment returned for a paid order is recorded now (the status stays Cancelled).
        await refunds.CatchUpAsync(order, cancellationToken);
        outbox.Notify();
        return null;
    }

    /// <summary>Marks a paid order shipped with its tracking number.</summary>
    public async Task<bool> ShipAsync(OrderEntity order, string trackingNumber, string? carrier, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!order.TryMove(OrderStatus.Shipped, now))
        {
            return false;
        }

        order.TrackingNumber = trackingNumber;
        order.Carrier = carrier;
        Raise(new OrderShipped { TrackingNumber = trackingNumber, Carrier = carrier, OrderId = order.Id, OrderNumber = order.Number, MarketId = order.MarketId, MerchantId = order.MerchantId, BuyerId = order.BuyerId, OccurredAt = now }, now);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return true;
    }

    /// <summary>Marks a shipped order delivered (the merchant or its carrier reports the hand-over).</summary>
    public async Task<bool> DeliverAsync(OrderEntity order, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!MoveToDelivered(order, now))
        {
            return false;
        }

        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return true;
    }

    /// <summary>
    /// The buyer confirms receipt: a shipped order is delivered and completed at once, a delivered one completed.
    /// </summary>
    public async Task<bool> ConfirmReceiptAsync(OrderEntity order, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (order.DeliveredAt is null && !MoveToDelivered(order, now))
        {
            return false;
        }

        if (!MoveToCompleted(order, now))
        {
            return false;
        }

        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return true;
    }

    /// <summary>Cancels every unpaid order whose reservation has run out; returns how many.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await db.Set<OrderEntity>().Include(o => o.Lines)
            .Where(o => o.Status == OrderStatus.PendingPayment && o.ExpiresAt != null && o.ExpiresAt <= now)
            .ToListAsync(cancellationToken);
        var expired = 0;
        foreach (var order in due)
        {
            try
            {
                if (await CancelAsync(order, OrderCancellationReasons.PaymentExpired, cancellationToken) is null)
                {
                    expired++;
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                // Paid or cancelled meanwhile: the other change wins.
                db.ChangeTracker.Clear();
            }
        }

        return expired;
    }

    /// <summary>Completes every delivered order whose buyer has not confirmed within <see cref="OrderOptions.AutoCompleteAfter"/>.</summary>
    public async Task<int> CompleteDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var deliveredBefore = now - options.Value.AutoCompleteAfter;
        var due = await db.Set<OrderEntity>().Include(o => o.Lines)
            .Where(o => (o.Status == OrderStatus.Delivered || o.Status == OrderStatus.PartiallyRefunded)
                && o.DeliveredAt != null && o.DeliveredAt <= deliveredBefore)
            .ToListAsync(cancellationToken);
        var completed = 0;
        foreach (var order in due)
        {
            try
            {
                if (MoveToCompleted(order, now))
                {
                    await db.SaveChangesAsync(cancellationToken);
                    completed++;
                }
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
            }
        }

        if (completed > 0)
        {
            outbox.Notify();
        }

        return completed;
    }

    private bool MoveToDelivered(OrderEntity order, DateTimeOffset now)
    {
        if (!order.TryMove(OrderStatus.Delivered, now))
        {
            return false;
        }

        Raise(new OrderDelivered { OrderId = order.Id, OrderNumber = order.Number, MarketId = order.MarketId, MerchantId = order.MerchantId, BuyerId = order.BuyerId, OccurredAt = now }, now);
        return true;
    }

    private bool MoveToCompleted(OrderEntity order, DateTimeOffset now)
    {
        if (!order.TryMove(OrderStatus.Completed, now))
        {
            return false;
        }

        Raise(new OrderCompleted { OrderId = order.Id, OrderNumber = order.Number, MarketId = order.MarketId, MerchantId = order.MerchantId, BuyerId = order.BuyerId, OccurredAt = now }, now);
        return true;
    }

    // Typed as the base record so the stored JSON carries the event's type discriminator.
    private void Raise(OrderEvent orderEvent, DateTimeOffset now) => db.Enqueue(Checkout.OrderEventType, orderEvent, now);
}

/// <summary>Every 30 seconds of the host's clock: expires unpaid reservations and completes long-delivered orders.</summary>
/// <remarks>
/// Each pass waits 30 seconds from the end of the last one rather than ticking periodically: a clock that jumps (a host
/// suspended for hours, a fake clock moved by months) gets one catch-up pass, not one per interval it skipped.
/// </remarks>
internal sealed class OrderExpiryService(IServiceScopeFactory scopes, TimeProvider time, ILogger<OrderExpiryService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await NextPassAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var lifecycle = scope.ServiceProvider.GetRequiredService<OrderLifecycle>();
                var expired = await lifecycle.ExpireDueAsync(stoppingToken);
                var completed = await lifecycle.CompleteDueAsync(stoppingToken);
                if (expired + completed > 0)
                {
                    logger.LogInformation("Expired {Expired} unpaid orders, completed {Completed} delivered orders", expired, completed);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Expiring or completing orders failed");
            }
        }
    }

    private async Task<bool> NextPassAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Interval, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }
}

/// <summary>Publishes committed order events to MediatR: the host's handlers and every enabled plugin's.</summary>
internal sealed class OrderEventOutboxHandler : IOutboxHandler
{
    private static readonly System.Reflection.MethodInfo Publish = typeof(IMediator).GetMethods()
        .Single(m => m.Name == nameof(IMediator.Publish) && m.IsGenericMethodDefinition);

    public string Type => Checkout.OrderEventType;

    public Task HandleAsync(OutboxMessage message, IServiceProvider services, CancellationToken cancellationToken)
    {
        var orderEvent = JsonSerializer.Deserialize<OrderEvent>(message.Payload, JsonSerializerOptions.Web)!;
        var mediator = services.GetRequiredService<IMediator>();
        return (Task)Publish.MakeGenericMethod(orderEvent.GetType()).Invoke(mediator, [orderEvent, cancellationToken])!;
    }
}
