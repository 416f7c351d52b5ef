using System.Collections.Concurrent;
using MediatR;
using SmartTrade.Sdk.Orders;

namespace SmartTrade.TestPlugins.Probe;

/// <summary>The order numbers of the <see cref="OrderPlaced"/> notifications this plugin received.</summary>
public sealed class ReceivedNotifications
{
    private readonly ConcurrentQueue<string> _orders = new();

    /// <summary>Records one.</summary>
    /// <param name="orderNumber">The order's number.</param>
    public void Add(string orderNumber) => _orders.Enqueue(orderNumber);

    /// <summary>What was received, in order.</summary>
    public IReadOnlyList<string> Snapshot() => [.. _orders];
}

/// <summary>Records every placed order it is told about.</summary>
/// <param name="received">Where to record.</param>
public sealed class OrderPlacedRecorder(ReceivedNotifications received) : INotificationHandler<OrderPlaced>
{
    /// <inheritdoc />
    public Task Handle(OrderPlaced notification, CancellationToken cancellationToken)
    {
        received.Add(notification.OrderNumber);
        return Task.CompletedTask;
    }
}
