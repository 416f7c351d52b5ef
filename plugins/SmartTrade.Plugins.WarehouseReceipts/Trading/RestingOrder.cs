namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>An order resting in the book, as the engine reports it and as a snapshot stores it.</summary>
/// <param name="OrderId">The order's id.</param>
/// <param name="TraderId">The order's trader.</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="Price">Limit price in fen per tonne.</param>
/// <param name="Quantity">Order quantity in kg (after amends); filled = quantity - remaining.</param>
/// <param name="Remaining">Open quantity in kg.</param>
/// <param name="TimeInForce">GTC or DAY (nothing else rests).</param>
/// <param name="SelfTradePrevention">The mode it was entered with, resolved against the engine's default.</param>
public readonly record struct RestingOrder(
    long OrderId,
    long TraderId,
    Side Side,
    long Price,
    long Quantity,
    long Remaining,
    TimeInForce TimeInForce,
    SelfTradePrevention SelfTradePrevention);
