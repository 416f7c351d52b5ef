namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>Which side of the book an order is on.</summary>
public enum Side : byte
{
    /// <summary>Bids: the order buys receipts.</summary>
    Buy = 1,

    /// <summary>Asks: the order sells receipts.</summary>
    Sell = 2,
}
