namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>One price level of the book as market data shows it.</summary>
/// <param name="Price">Price in fen per tonne.</param>
/// <param name="Quantity">Total open quantity at the price, in kg.</param>
/// <param name="OrderCount">How many orders rest at the price.</param>
public readonly record struct DepthLevel(long Price, long Quantity, int OrderCount);
