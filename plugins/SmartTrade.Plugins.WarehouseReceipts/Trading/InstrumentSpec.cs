namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>
/// Trading rules of one instrument (one grade): prices in fen per tonne, quantities in kg.
/// The defaults are the market's: tick 1 yuan/t, lot 1 t, at most 1,000 lots per order.
/// </summary>
public sealed record InstrumentSpec
{
    /// <summary>Smallest price step, in fen per tonne.</summary>
    public long TickSize { get; init; } = 100;

    /// <summary>Smallest quantity step, in kg; every order quantity is a multiple of it.</summary>
    public long LotSize { get; init; } = 1000;

    /// <summary>Largest order, in lots.</summary>
    public long MaxOrderLots { get; init; } = 1000;

    /// <summary>Largest order, in kg.</summary>
    public long MaxOrderQuantity => LotSize * MaxOrderLots;

    internal void EnsureValid()
    {
        if (TickSize <= 0 || LotSize <= 0 || MaxOrderLots <= 0)
        {
            throw new ArgumentException($"Tick size, lot size and maximum order lots must be positive: {this}.");
        }
        _ = checked(LotSize * MaxOrderLots);
    }
}
