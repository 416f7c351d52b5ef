namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>
/// Everything the engine needs to carry on exactly where it was: the day's band, the trade sequence, the
/// last price and the resting orders in priority order (bids best first, then asks best first; within a
/// price, oldest first). The same engine state always gives an equal snapshot.
/// </summary>
/// <param name="Band">The trading day's price band.</param>
/// <param name="LastTradeSequence">The sequence number of the last trade (0 before the first).</param>
/// <param name="LastTradePrice">The price of the last trade, if any.</param>
/// <param name="Orders">The resting orders in priority order.</param>
public sealed record EngineSnapshot(PriceBand Band, long LastTradeSequence, long? LastTradePrice, IReadOnlyList<RestingOrder> Orders);
