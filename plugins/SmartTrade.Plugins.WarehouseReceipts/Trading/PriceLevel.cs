namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>The queue of orders at one price: first and last node (oldest first), with running totals.</summary>
internal struct PriceLevel
{
    public static readonly PriceLevel Empty = new() { Head = OrderPool.None, Tail = OrderPool.None };

    public int Head;
    public int Tail;
    public long Quantity;
    public int OrderCount;

    public readonly bool IsEmpty => OrderCount == 0;
}
