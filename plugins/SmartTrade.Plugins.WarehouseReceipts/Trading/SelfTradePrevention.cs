namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>
/// What happens when an incoming order would trade with a resting order of the same trader. The incoming
/// order's mode decides; no trade between one trader's own orders ever happens.
/// </summary>
public enum SelfTradePrevention : byte
{
    /// <summary>Use the engine's default mode.</summary>
    EngineDefault = 0,

    /// <summary>Cancel the rest of the incoming order; the resting order stays.</summary>
    CancelNewest = 1,

    /// <summary>Cancel the resting order and keep matching the incoming one.</summary>
    CancelOldest = 2,

    /// <summary>Cancel both the resting order and the rest of the incoming order.</summary>
    CancelBoth = 3,
}
