namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>
/// The checks an order passes before it may match, needing nothing but the instrument and the day's band.
/// Checks run in a fixed order and the first failure is the reason, so a command always gets the same answer.
/// Account checks (cash, receipts, session) belong to the caller.
/// </summary>
internal static class OrderRules
{
    /// <summary>Checks a new order's shape, quantity and price; on success gives the price it may trade up to.</summary>
    public static RejectReason Check(in NewOrder order, InstrumentSpec spec, PriceBand band, out long limitPrice)
    {
        limitPrice = 0;
        if (!IsSupported(order))
        {
            return RejectReason.UnsupportedOrder;
        }
        RejectReason quantity = CheckQuantity(order.Quantity, spec);
        if (quantity != RejectReason.None)
        {
            return quantity;
        }
        if (order.Type == OrderType.Market && order.Price == 0)
        {
            // No protection price given: the band's edge, beyond which nothing can rest anyway.
            limitPrice = order.Side == Side.Buy ? band.Upper : band.Lower;
            return RejectReason.None;
        }
        limitPrice = order.Price;
        return CheckPrice(order.Price, spec, band);
    }

    public static RejectReason CheckQuantity(long quantity, InstrumentSpec spec)
    {
        if (quantity <= 0 || quantity % spec.LotSize != 0)
        {
            return RejectReason.InvalidQuantity;
        }
        return quantity > spec.MaxOrderQuantity ? RejectReason.AboveMaxOrderSize : RejectReason.None;
    }

    public static RejectReason CheckPrice(long price, InstrumentSpec spec, PriceBand band)
    {
        if (price % spec.TickSize != 0)
        {
            return RejectReason.OffTick;
        }
        return band.Contains(price) ? RejectReason.None : RejectReason.OutsidePriceBand;
    }

    private static bool IsSupported(in NewOrder order) =>
        order.Side is Side.Buy or Side.Sell
        && order.TimeInForce is TimeInForce.Gtc or TimeInForce.Day or TimeInForce.Ioc or TimeInForce.Fok
        && order.SelfTradePrevention is >= SelfTradePrevention.EngineDefault and <= SelfTradePrevention.CancelBoth
        && (order.Type == OrderType.Limit || (order.Type == OrderType.Market && order.TimeInForce == TimeInForce.Ioc));
}
