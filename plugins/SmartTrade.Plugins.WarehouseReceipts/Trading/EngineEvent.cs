namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>
/// One thing the engine did, as a flat value so that writing it allocates nothing. Which fields are set
/// depends on <see cref="Kind"/>; the others are zero. Every event about an order carries that order's
/// remaining quantity afterwards, so a caller can unfreeze cash or receipts from events alone.
/// </summary>
public readonly record struct EngineEvent
{
    /// <summary>What happened.</summary>
    public EngineEventKind Kind { get; init; }

    /// <summary>The order concerned; for a fill, the taker (incoming) order.</summary>
    public long OrderId { get; init; }

    /// <summary>The order's trader; for a fill, the taker's trader.</summary>
    public long TraderId { get; init; }

    /// <summary>The order's side; for a fill, the aggressor's (taker's) side.</summary>
    public Side Side { get; init; }

    /// <summary>
    /// Accepted: the limit price (a market order's protection price). Fill: the trade price, always the
    /// maker's price. Cancelled, Expired: the order's price. Amended: the new price. Rejected: the price asked for.
    /// </summary>
    public long Price { get; init; }

    /// <summary>
    /// Accepted: the order quantity. Fill: the traded quantity. Cancelled, Expired: the quantity taken out of
    /// the book (or not traded, for an incoming order). Amended: the new order quantity. Rejected: the quantity asked for.
    /// </summary>
    public long Quantity { get; init; }

    /// <summary>The order's quantity still open after this event (for a fill, the taker's).</summary>
    public long Remaining { get; init; }

    /// <summary>Rejected only: why.</summary>
    public RejectReason RejectReason { get; init; }

    /// <summary>Cancelled only: why.</summary>
    public CancelReason CancelReason { get; init; }

    /// <summary>Fill only: the trade's sequence number, 1, 2, 3, ... for the life of the engine.</summary>
    public long TradeSequence { get; init; }

    /// <summary>Fill only: the resting order.</summary>
    public long MakerOrderId { get; init; }

    /// <summary>Fill only: the resting order's trader.</summary>
    public long MakerTraderId { get; init; }

    /// <summary>Fill only: the resting order's quantity still open after the fill.</summary>
    public long MakerRemaining { get; init; }

    /// <summary>Amended only: the price before the amend.</summary>
    public long PreviousPrice { get; init; }

    /// <summary>Amended only: the open quantity before the amend.</summary>
    public long PreviousRemaining { get; init; }

    /// <summary>Amended only: whether the order kept its place in the queue (only a quantity reduction does).</summary>
    public bool PriorityKept { get; init; }

    /// <summary>Fill: the incoming order (same as <see cref="OrderId"/>).</summary>
    public long TakerOrderId => OrderId;

    /// <summary>Fill: the incoming order's trader (same as <see cref="TraderId"/>).</summary>
    public long TakerTraderId => TraderId;

    /// <summary>Fill: the side of the incoming order (same as <see cref="Side"/>).</summary>
    public Side AggressorSide => Side;
}
