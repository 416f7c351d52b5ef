using MediatR;
using Microsoft.Extensions.Logging;
using SmartTrade.Samples.MouldMarket.Market;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Orders;

namespace SmartTrade.Samples.MouldMarket.Orders;

/// <summary>
/// Logs each order placed in the mould market. The host publishes order events to every enabled plugin and
/// registers the handlers it finds in the plugin assembly, so orders of other markets are skipped here.
/// </summary>
/// <param name="logger">The plugin's logger.</param>
public sealed partial class MouldOrderPlacedHandler(ILogger<MouldOrderPlacedHandler> logger) : INotificationHandler<OrderPlaced>
{
    /// <inheritdoc />
    public Task Handle(OrderPlaced notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (string.Equals(notification.MarketId, MouldMarketDescriptor.MarketId, StringComparison.Ordinal))
        {
            LogOrderPlaced(notification.OrderNumber, notification.Total, notification.MerchantId);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Mould order {OrderNumber} placed for {Total} with merchant {MerchantId}")]
    private partial void LogOrderPlaced(string orderNumber, Money total, string merchantId);
}
