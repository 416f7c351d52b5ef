namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>What an <see cref="EngineEvent"/> reports.</summary>
public enum EngineEventKind : byte
{
    /// <summary>A new order passed validation; fills, a cancel, or nothing (it rests) follow.</summary>
    Accepted = 1,

    /// <summary>A command was refused; see <see cref="EngineEvent.RejectReason"/>.</summary>
    Rejected,

    /// <summary>A trade between a resting (maker) order and an incoming (taker) order.</summary>
    Fill,

    /// <summary>The rest of an order was cancelled; see <see cref="EngineEvent.CancelReason"/>.</summary>
    Cancelled,

    /// <summary>A resting order's price or quantity changed.</summary>
    Amended,

    /// <summary>A DAY order reached the end of its trading day.</summary>
    Expired,
}
