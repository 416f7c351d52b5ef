namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>Why the engine refused a command. A rejected command changes nothing in the book.</summary>
public enum RejectReason : byte
{
    /// <summary>Not rejected.</summary>
    None = 0,

    /// <summary>The order id is zero or negative.</summary>
    InvalidOrderId,

    /// <summary>An order with this id is already in the book.</summary>
    DuplicateOrderId,

    /// <summary>No order with this id is in the book (cancel or amend).</summary>
    UnknownOrderId,

    /// <summary>The side, type, time in force or self-trade mode is not a known value, or a market order is not IOC.</summary>
    UnsupportedOrder,

    /// <summary>The quantity is not a positive multiple of the lot size.</summary>
    InvalidQuantity,

    /// <summary>The quantity is larger than the instrument's maximum order size.</summary>
    AboveMaxOrderSize,

    /// <summary>The price is not a multiple of the tick size.</summary>
    OffTick,

    /// <summary>The price is outside the trading day's price band.</summary>
    OutsidePriceBand,
}
