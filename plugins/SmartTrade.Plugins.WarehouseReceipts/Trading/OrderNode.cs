namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>
/// A resting order in the <see cref="OrderPool"/>. <see cref="Previous"/> and <see cref="Next"/> link it into
/// its price level's queue (indices into the pool), so queues need no allocation of their own.
/// </summary>
internal struct OrderNode
{
    public long OrderId;
    public long TraderId;
    public long Price;
    public long Quantity;
    public long Remaining;
    public int Previous;
    public int Next;
    public Side Side;
    public TimeInForce TimeInForce;
    public SelfTradePrevention SelfTradePrevention;

    public readonly RestingOrder ToRestingOrder() =>
        new(OrderId, TraderId, Side, Price, Quantity, Remaining, TimeInForce, SelfTradePrevention);
}
