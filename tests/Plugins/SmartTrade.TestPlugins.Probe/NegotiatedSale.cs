using SmartTrade.Sdk;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Orders;

namespace SmartTrade.TestPlugins.Probe;

/// <summary>
/// Places an order at a negotiated price through the host's <see cref="IOrderService"/>, taken in the constructor
/// as a plugin service would (an accepted quote becoming an order).
/// </summary>
/// <param name="orders">The host's order service.</param>
public sealed class NegotiatedSale(IOrderService orders)
{
    /// <summary>Places one line for the buyer at the price, keeping a chosen delivery date on the line.</summary>
    /// <param name="buyerId">The buyer.</param>
    /// <param name="marketId">The market.</param>
    /// <param name="listingId">The listing.</param>
    /// <param name="quantity">How many.</param>
    /// <param name="unitPriceMinor">The agreed unit price in fen.</param>
    /// <param name="key">The idempotency key.</param>
    /// <param name="cancellationToken">Cancels.</param>
    public Task<PlaceOrderResult> PlaceAsync(string buyerId, string marketId, Guid listingId, long quantity, long unitPriceMinor, string key, CancellationToken cancellationToken)
        => orders.PlaceAsync(new PlaceOrderRequest
        {
            BuyerId = buyerId,
            MarketId = marketId,
            Lines =
            [
                new PlaceOrderLine
                {
                    ListingId = listingId,
                    Quantity = quantity,
                    UnitPrice = new Money(unitPriceMinor, Money.Cny),
                    Attributes = new Dictionary<string, AttributeValue> { ["deliveryDate"] = AttributeValue.Date(new DateOnly(2027, 6, 18)) },
                },
            ],
        }, key, cancellationToken);
}
