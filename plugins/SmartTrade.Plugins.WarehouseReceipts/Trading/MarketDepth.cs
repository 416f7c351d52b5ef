namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>
/// A reusable picture of the top of the book: the best levels of each side and the last trade price.
/// Create one per reader and refresh it with <see cref="MatchingEngine.ReadDepth"/>; refreshing allocates nothing.
/// </summary>
public sealed class MarketDepth
{
    /// <summary>The market's default depth: five levels each side.</summary>
    public const int DefaultLevels = 5;

    private readonly DepthLevel[] _bids;
    private readonly DepthLevel[] _asks;
    private int _bidCount;
    private int _askCount;

    /// <summary>A picture with room for <paramref name="levels"/> levels per side.</summary>
    public MarketDepth(int levels = DefaultLevels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(levels);
        _bids = new DepthLevel[levels];
        _asks = new DepthLevel[levels];
    }

    /// <summary>Bids, best (highest) first.</summary>
    public ReadOnlySpan<DepthLevel> Bids => _bids.AsSpan(0, _bidCount);

    /// <summary>Asks, best (lowest) first.</summary>
    public ReadOnlySpan<DepthLevel> Asks => _asks.AsSpan(0, _askCount);

    /// <summary>The price of the last trade, if any trade happened.</summary>
    public long? LastTradePrice { get; private set; }

    internal void Refresh(MatchingEngine engine)
    {
        _bidCount = engine.WriteDepth(Side.Buy, _bids);
        _askCount = engine.WriteDepth(Side.Sell, _asks);
        LastTradePrice = engine.LastTradePrice;
    }
}
