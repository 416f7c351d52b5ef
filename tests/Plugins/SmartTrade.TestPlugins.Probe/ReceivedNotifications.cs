using MediatR;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.TestPlugins.Probe;

/// <summary>
/// The order numbers of the <see cref="OrderPlaced"/> notifications this plugin received (<c>received.log</c>), and
/// every order event as "number type" (<c>events.log</c>), kept in its data directory so they outlive a
/// disable/enable cycle.
/// </summary>
/// <param name="context">The plugin's context.</param>
public sealed class ReceivedNotifications(PluginContext context)
{
    private readonly Lock _lock = new();
    private readonly string _placed = Path.Combine(context.DataDirectory, "received.log");
    private readonly string _events = Path.Combine(context.DataDirectory, "events.log");
    private readonly string _trades = Path.Combine(context.DataDirectory, "trades.log");

    /// <summary>Records a placed order.</summary>
    /// <param name="orderNumber">The order's number.</param>
    public void Add(string orderNumber) => Append(_placed, orderNumber);

    /// <summary>Records any order event.</summary>
    /// <param name="orderEvent">The event.</param>
    public void AddEvent(OrderEvent orderEvent) => Append(_events, $"{orderEvent.OrderNumber} {orderEvent.GetType().Name}");

    /// <summary>Records a trade of a market as "id price quantity executedAt".</summary>
    /// <param name="trade">The trade.</param>
    public void AddTrade(SmartTrade.Sdk.Trading.TradeExecuted trade)
        => Append(_trades, FormattableString.Invariant($"{trade.TradeId} {trade.PriceMinor} {trade.Quantity} {trade.ExecutedAt:O}"));

    /// <summary>Every trade received, in order.</summary>
    public IReadOnlyList<string> Trades() => Read(_trades);

    /// <summary>The placed orders received, in order.</summary>
    public IReadOnlyList<string> Snapshot() => Read(_placed);

    /// <summary>Every order event received, in order.</summary>
    public IReadOnlyList<string> Events() => Read(_events);

    private void Append(string path, string line)
    {
        lock (_lock)
        {
            File.AppendAllLines(path, [line]);
        }
    }

    private string[] Read(string path)
    {
        lock (_lock)
        {
            return File.Exists(path) ? File.ReadAllLines(path) : [];
        }
    }
}

/// <summary>Records every placed order it is told about.</summary>
/// <param name="received">Where to record.</param>
public sealed class OrderPlacedRecorder(ReceivedNotifications received) : INotificationHandler<OrderPlaced>
{
    /// <inheritdoc />
    public Task Handle(OrderPlaced notification, CancellationToken cancellationToken)
    {
        received.Add(notification.OrderNumber);
        received.AddEvent(notification);
        return Task.CompletedTask;
    }
}

/// <summary>Records the events after placement, one handler per event type as MediatR resolves them.</summary>
/// <param name="received">Where to record.</param>
public sealed class OrderProgressRecorder(ReceivedNotifications received) :
    INotificationHandler<OrderPaid>,
    INotificationHandler<OrderShipped>,
    INotificationHandler<OrderDelivered>,
    INotificationHandler<OrderCompleted>,
    INotificationHandler<OrderCancelled>,
    INotificationHandler<OrderRefunded>
{
    /// <inheritdoc />
    public Task Handle(OrderPaid notification, CancellationToken cancellationToken) => Record(notification);

    /// <inheritdoc />
    public Task Handle(OrderShipped notification, CancellationToken cancellationToken) => Record(notification);

    /// <inheritdoc />
    public Task Handle(OrderDelivered notification, CancellationToken cancellationToken) => Record(notification);

    /// <inheritdoc />
    public Task Handle(OrderCompleted notification, CancellationToken cancellationToken) => Record(notification);

    /// <inheritdoc />
    public Task Handle(OrderCancelled notification, CancellationToken cancellationToken) => Record(notification);

    /// <inheritdoc />
    public Task Handle(OrderRefunded notification, CancellationToken cancellationToken) => Record(notification);

    private Task Record(OrderEvent orderEvent)
    {
        received.AddEvent(orderEvent);
        return Task.CompletedTask;
    }
}

/// <summary>Records every trade a market publishes.</summary>
/// <param name="received">Where it is recorded.</param>
public sealed class TradeRecorder(ReceivedNotifications received) : INotificationHandler<SmartTrade.Sdk.Trading.TradeExecuted>
{
    /// <inheritdoc />
    public Task Handle(SmartTrade.Sdk.Trading.TradeExecuted notification, CancellationToken cancellationToken)
    {
        received.AddTrade(notification);
        return Task.CompletedTask;
    }
}
