namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>Why (part of) an accepted order was cancelled.</summary>
public enum CancelReason : byte
{
    /// <summary>Not cancelled.</summary>
    None = 0,

    /// <summary>The trader (or the operator) asked for it.</summary>
    Requested,

    /// <summary>What an IOC or market order could not trade at once.</summary>
    ImmediateOrCancel,

    /// <summary>A FOK order that could not be filled completely at once.</summary>
    FillOrKill,

    /// <summary>Self-trade prevention: the order would have traded with its own trader's order.</summary>
    SelfTrade,

    /// <summary>A resting order whose price is outside the new trading day's price band.</summary>
    OutsidePriceBand,

    /// <summary>An amend asked for a quantity no larger than what had already been filled.</summary>
    AmendedBelowFilled,
}
