namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>
/// A command to enter an order. Ids come from the caller (the journal's sequence, say); the engine only
/// requires that no order in the book already has the id.
/// </summary>
public readonly record struct NewOrder
{
    /// <summary>The order's id, positive.</summary>
    public long OrderId { get; init; }

    /// <summary>The trader (account) entering the order; self-trade prevention compares it.</summary>
    public long TraderId { get; init; }

    /// <summary>Buy or sell.</summary>
    public Side Side { get; init; }

    /// <summary>Limit or market.</summary>
    public OrderType Type { get; init; }

    /// <summary>How long the order stays; a market order is always <see cref="TimeInForce.Ioc"/>.</summary>
    public TimeInForce TimeInForce { get; init; }

    /// <summary>
    /// Limit price in fen per tonne, on the tick and inside the day's band. For a market order, the protection
    /// price (the worst price it may trade at, same rules), or 0 to let the engine use the edge of the band.
    /// </summary>
    public long Price { get; init; }

    /// <summary>Quantity in kg, a positive multiple of the lot.</summary>
    public long Quantity { get; init; }

    /// <summary>Self-trade prevention for this order; <see cref="SelfTradePrevention.EngineDefault"/> uses the engine's.</summary>
    public SelfTradePrevention SelfTradePrevention { get; init; }

    /// <summary>A limit order.</summary>
    public static NewOrder Limit(long orderId, long traderId, Side side, long price, long quantity, TimeInForce timeInForce = TimeInForce.Gtc) =>
        new() { OrderId = orderId, TraderId = traderId, Side = side, Type = OrderType.Limit, TimeInForce = timeInForce, Price = price, Quantity = quantity };

    /// <summary>A market order: IOC up to <paramref name="protectionPrice"/>, or up to the band's edge when it is 0.</summary>
    public static NewOrder Market(long orderId, long traderId, Side side, long quantity, long protectionPrice = 0) =>
        new() { OrderId = orderId, TraderId = traderId, Side = side, Type = OrderType.Market, TimeInForce = TimeInForce.Ioc, Price = protectionPrice, Quantity = quantity };
}
