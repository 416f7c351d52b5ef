using MediatR;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.TestPlugins.Probe;

/// <summary>
/// The order numbers of the <see cref="OrderPlaced"/> notifications this plugin received, kept in its data
/// directory so they outlive a disable/enable cycle.
/// </summary>
/// <param name="context">The plugin's context.</param>
public sealed class ReceivedNotifications(PluginContext context)
{
    private readonly Lock _lock = new();
    private readonly string _path = Path.Combine(context.DataDirectory, "received.log");

    /// <summary>Records one.</summary>
    /// <param name="orderNumber">The order's number.</param>
    public void Add(string orderNumber)
    {
        lock (_lock)
        {
            File.AppendAllLines(_path, [orderNumber]);
        }
    }

    /// <summary>What was received, in order.</summary>
    public IReadOnlyList<string> Snapshot()
    {
        lock (_lock)
        {
            return File.Exists(_path) ? File.ReadAllLines(_path) : [];
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
        return Task.CompletedTask;
    }
}
