using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Security.Claims;
using System.Threading.Channels;
using MediatR;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Orders;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Scaling;

namespace SmartTrade.Host.Storefront;

/// <summary>
/// Live order status for open order pages: committed order events (from the outbox, through MediatR) are handed to
/// every page watching that order, over Server-Sent Events at <c>/orders/{id}/live</c>. The events travel through
/// <see cref="IEventFanOut"/> (topic <see cref="Topic"/>), so a page open on any host sees a change made on any other.
/// </summary>
internal sealed class OrderStatusFeed : IDisposable
{
    /// <summary>The fan-out topic of order status changes.</summary>
    public const string Topic = "orders.status";

    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<Channel<OrderStatusChange>, byte>> _watchers = new();
    private readonly IEventFanOut _fanOut;
    private readonly IDisposable _subscription;

    /// <summary>A feed for one process (tests).</summary>
    public OrderStatusFeed()
        : this(new InProcessEventFanOut())
    {
    }

    /// <summary>A feed on the host's fan-out.</summary>
    public OrderStatusFeed(IEventFanOut fanOut)
    {
        _fanOut = fanOut;
        _subscription = fanOut.Subscribe<OrderStatusChange>(Topic, Deliver);
    }

    /// <summary>Sends an order's new status to every host.</summary>
    public void Publish(OrderEvent orderEvent) => _fanOut.Publish(Topic, new OrderStatusChange(orderEvent.OrderId, StatusAfter(orderEvent)));

    /// <inheritdoc />
    public void Dispose() => _subscription.Dispose();

    private void Deliver(OrderStatusChange change)
    {
        if (_watchers.TryGetValue(change.OrderId, out var channels))
        {
            foreach (var channel in channels.Keys)
            {
                channel.Writer.TryWrite(change);
            }
        }
    }

    /// <summary>
    /// Starts watching an order. Watch before reading the order's current status: an event published between the
    /// read and the watch would otherwise be lost, and the page would keep showing the old status.
    /// </summary>
    public Watcher Watch(Guid orderId)
    {
        // A small bounded buffer: a slow page only ever needs the latest status.
        var channel = Channel.CreateBounded<OrderStatusChange>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        _watchers.GetOrAdd(orderId, _ => new())[channel] = 0;
        return new Watcher(this, orderId, channel);
    }

    private void Stop(Guid orderId, Channel<OrderStatusChange> channel)
    {
        if (_watchers.TryGetValue(orderId, out var channels))
        {
            channels.TryRemove(channel, out _);
        }
    }

    /// <summary>One open order page's subscription.</summary>
    internal sealed class Watcher(OrderStatusFeed feed, Guid orderId, Channel<OrderStatusChange> channel) : IDisposable
    {
        /// <summary>The status read after watching began, then the status after each later event, until the page goes.</summary>
        public async IAsyncEnumerable<SseItem<string>> ReadAsync(OrderStatus current, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            try
            {
                yield return new SseItem<string>(current.ToString(), "status");
                await foreach (var change in channel.Reader.ReadAllAsync(cancellationToken))
                {
                    yield return new SseItem<string>(change.Status.ToString(), "status");
                }
            }
            finally
            {
                Dispose();
            }
        }

        public void Dispose() => feed.Stop(orderId, channel);
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
            {
                var watcher = feed.Watch(id);
                OrderEntity? order;
                try
                {
                    order = await OrderEndpoints.FindVisibleAsync(id, user, db, tracking: false, cancellationToken);
                }
                catch
                {
                    watcher.Dispose();
                    throw;
                }

                if (order is null)
                {
                    watcher.Dispose();
                    return Results.NotFound();
                }

                return TypedResults.ServerSentEvents(watcher.ReadAsync(order.Status, cancellationToken));
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
}

/// <summary>An order's status after a committed event, as it crosses hosts.</summary>
/// <param name="OrderId">The order.</param>
/// <param name="Status">Its status now.</param>
internal sealed record OrderStatusChange(Guid OrderId, OrderStatus Status);

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
