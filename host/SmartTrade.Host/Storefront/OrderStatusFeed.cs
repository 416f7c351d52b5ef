using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Security.Claims;
using System.Threading.Channels;
using MediatR;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Orders;
using SmartTrade.Sdk.Orders;

namespace SmartTrade.Host.Storefront;

/// <summary>
/// Live order status for open order pages: committed order events (from the outbox, through MediatR) are handed to
/// every page watching that order, over Server-Sent Events at <c>/orders/{id}/live</c>. In-process for one host;
/// several hosts fan the events out through Redis (the scale-out issue).
/// </summary>
internal sealed class OrderStatusFeed
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Channel<OrderEvent>, byte>> _watchers = new();

    public void Publish(OrderEvent orderEvent)
    {
        if (_watchers.TryGetValue(orderEvent.OrderId, out var channels))
        {
            foreach (var channel in channels.Keys)
            {
                channel.Writer.TryWrite(orderEvent);
            }
        }
    }

    public async IAsyncEnumerable<SseItem<string>> WatchAsync(Guid orderId, OrderStatus current, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // A small bounded buffer: a slow page only ever needs the latest status.
        var channel = Channel.CreateBounded<OrderEvent>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        var channels = _watchers.GetOrAdd(orderId, _ => new());
        channels[channel] = 0;
        try
        {
            yield return new SseItem<string>(current.ToString(), "status");
            await foreach (var orderEvent in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return new SseItem<string>(StatusAfter(orderEvent).ToString(), "status");
            }
        }
        finally
        {
            channels.TryRemove(channel, out _);
        }
    }

    private static OrderStatus StatusAfter(OrderEvent orderEvent) => orderEvent switch
    {
        OrderPlaced => OrderStatus.PendingPayment,
        OrderPaid => OrderStatus.Paid,
        OrderShipped => OrderStatus.Shipped,
        OrderDelivered => OrderStatus.Delivered,
        OrderCompleted => OrderStatus.Completed,
        OrderCancelled => OrderStatus.Cancelled,
        OrderRefunded { IsPartial: true } => OrderStatus.PartiallyRefunded,
        OrderRefunded => OrderStatus.Refunded,
        _ => OrderStatus.PendingPayment,
    };

    internal static void Map(WebApplication app)
        => app.MapGet("/orders/{id:guid}/live", async (Guid id, ClaimsPrincipal user, PlatformDbContext db, OrderStatusFeed feed, CancellationToken cancellationToken) =>
            await OrderEndpoints.FindVisibleAsync(id, user, db, tracking: false, cancellationToken) is { } order
                ? TypedResults.ServerSentEvents(feed.WatchAsync(order.Id, order.Status, cancellationToken))
                : Results.NotFound())
            .RequireAuthorization()
            .ExcludeFromDescription();
}

/// <summary>Hands committed order events to <see cref="OrderStatusFeed"/>.</summary>
internal sealed class OrderStatusFeedRelay(OrderStatusFeed feed) :
    INotificationHandler<OrderPaid>,
    INotificationHandler<OrderShipped>,
    INotificationHandler<OrderDelivered>,
    INotificationHandler<OrderCompleted>,
    INotificationHandler<OrderCancelled>,
    INotificationHandler<OrderRefunded>
{
    public Task Handle(OrderPaid notification, CancellationToken cancellationToken) => Relay(notification);

    public Task Handle(OrderShipped notification, CancellationToken cancellationToken) => Relay(notification);

    public Task Handle(OrderDelivered notification, CancellationToken cancellationToken) => Relay(notification);

    public Task Handle(OrderCompleted notification, CancellationToken cancellationToken) => Relay(notification);

    public Task Handle(OrderCancelled notification, CancellationToken cancellationToken) => Relay(notification);

    public Task Handle(OrderRefunded notification, CancellationToken cancellationToken) => Relay(notification);

    private Task Relay(OrderEvent orderEvent)
    {
        feed.Publish(orderEvent);
        return Task.CompletedTask;
    }
}
