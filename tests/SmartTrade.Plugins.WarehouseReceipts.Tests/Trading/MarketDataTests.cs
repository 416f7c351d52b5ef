using SmartTrade.Plugins.WarehouseReceipts.Trading;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Trading.TestMarket;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

public sealed class MarketDataTests
{
    private readonly TestMarket _market = new();

    [Fact]
    public void Depth_shows_the_best_five_levels_each_side_with_totals_and_order_counts()
    {
        for (long i = 0; i < 7; i++)
        {
            _market.Buy(100 + i, 1, 7990 - 10 * i, 1 + i);
            _market.Sell(200 + i, 2, 8010 + 10 * i, 1);
        }
        _market.Buy(300, 3, 7990, 4);

        var depth = new MarketDepth();
        _market.Engine.ReadDepth(depth);

        Assert.Equal(
            [new(Yuan(7990), Tonnes(5), 2), new(Yuan(7980), Tonnes(2), 1), new(Yuan(7970), Tonnes(3), 1), new(Yuan(7960), Tonnes(4), 1), new DepthLevel(Yuan(7950), Tonnes(5), 1)],
            depth.Bids.ToArray());
        Assert.Equal([Yuan(8010), Yuan(8020), Yuan(8030), Yuan(8040), Yuan(8050)], depth.Asks.ToArray().Select(l => l.Price));
        Assert.Null(depth.LastTradePrice);
    }

    [Fact]
    public void Depth_has_fewer_levels_when_the_book_is_thin()
    {
        _market.Sell(1, 2, 8010, 1);

        var depth = new MarketDepth(levels: 3);
        _market.Engine.ReadDepth(depth);

        Assert.True(depth.Bids.IsEmpty);
        Assert.Equal([new DepthLevel(Yuan(8010), Tonnes(1), 1)], depth.Asks.ToArray());
    }

    [Fact]
    public void Depth_reflects_trades_and_shows_the_last_price()
    {
        _market.Sell(1, 2, 8010, 3);
        _market.Sell(2, 2, 8020, 1);
        _market.Buy(3, 1, 8010, 2);

        var depth = new MarketDepth();
        _market.Engine.ReadDepth(depth);

        Assert.Equal([new DepthLevel(Yuan(8010), Tonnes(1), 1), new DepthLevel(Yuan(8020), Tonnes(1), 1)], depth.Asks.ToArray());
        Assert.Equal(Yuan(8010), depth.LastTradePrice);
    }

    [Fact]
    public void Depth_can_be_written_into_any_span()
    {
        _market.Buy(1, 1, 7990, 1);
        _market.Buy(2, 1, 7980, 1);
        Span<DepthLevel> one = stackalloc DepthLevel[1];

        Assert.Equal(1, _market.Engine.WriteDepth(Side.Buy, one));
        Assert.Equal(Yuan(7990), one[0].Price);
        Assert.Equal(0, _market.Engine.WriteDepth(Side.Sell, one));
    }

    [Fact]
    public void Reading_depth_into_a_reused_buffer_allocates_nothing()
    {
        for (long i = 0; i < 10; i++)
        {
            _market.Buy(100 + i, 1, 7990 - 10 * i, 1);
            _market.Sell(200 + i, 2, 8010 + 10 * i, 1);
        }
        var depth = new MarketDepth();
        _market.Engine.ReadDepth(depth);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            _market.Engine.ReadDepth(depth);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
