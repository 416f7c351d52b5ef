using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Outbox;
using SmartTrade.Sdk.Orders;

namespace SmartTrade.Platform.Orders;

/// <summary>Order transitions after checkout: cancel (releasing stock), ship, expire unpaid orders.</summary>
public sealed class OrderLifecycle(PlatformDbContext db, OutboxProcessor outbox, TimeProvider time)
{
    /// <summary>Cancels a pending or paid order that has not shipped and puts its stock back.</summary>
    public async Task<bool> CancelAsync(OrderEntity order, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!order.TryMove(OrderStatus.Cancelled, now))
        {
            return false;
        }

        await Checkout.ReleaseStockAsync(db, order, now, cancellationToken);
        db.Enqueue<OrderEvent>(Checkout.OrderEventType, new OrderCancelled
        {
            OrderId = order.Id,
            OrderNumber = order.Number,
            MarketId = order.MarketId,
            MerchantId = order.MerchantId,
            BuyerId = order.BuyerId,
            OccurredAt = now,
            Reason = reason,
        }, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        return true;
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
        db.Enqueue<OrderEvent>(Checkout.OrderEventType, new OrderShipped
        {
            OrderId = order.Id,
            OrderNumber = order.Number,
            MarketId = order.MarketId,
            MerchantId = order.MerchantId,
            BuyerId = order.BuyerId,
            OccurredAt = now,
            TrackingNumber = trackingNumber,
            Carrier = carrier,
        }, now);
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
                if (await CancelAsync(order, OrderCancellationReasons.PaymentExpired, cancellationToken))
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
}

/// <summary>Checks for expired reservations every 30 seconds of the host's clock.</summary>
internal sealed class OrderExpiryService(IServiceScopeFactory scopes, TimeProvider time, ILogger<OrderExpiryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var expired = await scope.ServiceProvider.GetRequiredService<OrderLifecycle>().ExpireDueAsync(stoppingToken);
                if (expired > 0)
                {
                    logger.LogInformation("Expired {Count} unpaid orders", expired);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Expiring unpaid orders failed");
            }
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
