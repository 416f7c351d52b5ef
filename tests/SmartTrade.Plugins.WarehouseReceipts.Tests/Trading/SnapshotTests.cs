using SmartTrade.Plugins.WarehouseReceipts.Trading;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Trading.TestMarket;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

public sealed class SnapshotTests
{
    private static readonly InstrumentSpec Spec = new();

    private static TestMarket BusyMarket()
    {
        var market = new TestMarket();
        market.Buy(1, 1, 8000, 2);
        market.Buy(2, 2, 7990, 1, TimeInForce.Day);
        market.Buy(3, 3, 8000, 1);
        market.Sell(4, 4, 8020, 3);
        market.Sell(5, 5, 8010, 1, TimeInForce.Day);
        market.Sell(6, 6, 8000, 1);
        market.Amend(3, 8000, 3);
        return market;
    }

    [Fact]
    public void Snapshot_lists_resting_orders_bids_then_asks_in_priority_order()
    {
        EngineSnapshot snapshot = BusyMarket().Engine.ExportSnapshot();

        // Order 3 went behind order 1 when its quantity grew; order 1 has traded 1 t of 2 t.
        Assert.Equal([1L, 3L, 2L, 5L, 4L], snapshot.Orders.Select(o => o.OrderId));
        Assert.Equal(new RestingOrder(1, 1, Side.Buy, Yuan(8000), Tonnes(2), Tonnes(1), TimeInForce.Gtc, SelfTradePrevention.CancelNewest), snapshot.Orders[0]);
        Assert.Equal((DefaultBand, 1L, (long?)Yuan(8000)), (snapshot.Band, snapshot.LastTradeSequence, snapshot.LastTradePrice));
    }

    [Fact]
    public void Restored_engine_exports_the_same_snapshot()
    {
        EngineSnapshot original = BusyMarket().Engine.ExportSnapshot();

        EngineSnapshot restored = MatchingEngine.FromSnapshot(Spec, original).ExportSnapshot();

        Assert.Equal(original.Orders, restored.Orders);
        Assert.Equal(original with { Orders = restored.Orders }, restored);
    }

    [Fact]
    public void Restored_engine_answers_later_commands_with_the_same_events()
    {
        TestMarket original = BusyMarket();
        var restored = new TestMarket(MatchingEngine.FromSnapshot(Spec, original.Engine.ExportSnapshot()));

        foreach (TestMarket market in new[] { original, restored })
        {
            market.Buy(7, 9, 8000, 1);
        }
        EngineEvent[][] Later(TestMarket market) =>
        [
            market.Sell(10, 9, 7990, 5),
            market.Amend(4, 8010, 2),
            market.Buy(11, 8, 8020, 4, TimeInForce.Ioc),
            market.StartDay(new PriceBand(Yuan(7900), Yuan(8100))),
            market.Cancel(2),
        ];

        Assert.Equal(Later(original).SelectMany(e => e), Later(restored).SelectMany(e => e));
    }

    [Fact]
    public void Empty_engine_round_trips()
    {
        var engine = new MatchingEngine(Spec, DefaultBand);

        EngineSnapshot snapshot = MatchingEngine.FromSnapshot(Spec, engine.ExportSnapshot()).ExportSnapshot();

        Assert.Empty(snapshot.Orders);
        Assert.Equal((0L, (long?)null), (snapshot.LastTradeSequence, snapshot.LastTradePrice));
    }

    public static TheoryData<RestingOrder[]> InvalidBooks()
    {
        RestingOrder bid = new(1, 1, Side.Buy, Yuan(8000), Tonnes(2), Tonnes(1), TimeInForce.Gtc, SelfTradePrevention.CancelNewest);
        RestingOrder ask = bid with { OrderId = 2, Side = Side.Sell, Price = Yuan(8010) };
        return new()
        {
            new[] { bid, ask with { Price = Yuan(8000) } },              // crossed
            new[] { bid, ask with { OrderId = 1 } },                     // duplicate id
            new[] { bid with { OrderId = 0 } },                          // id not positive
            new[] { bid with { Price = Yuan(8000) + 1 } },               // off tick
            new[] { bid with { Price = Yuan(9000) } },                   // outside the band
            new[] { bid with { Remaining = Tonnes(3) } },                // more open than ordered
            new[] { bid with { Remaining = 0 } },                        // nothing open
            new[] { bid with { Remaining = 500 } },                      // not a whole lot
            new[] { bid with { TimeInForce = TimeInForce.Ioc } },        // an order that never rests
            new[] { bid with { SelfTradePrevention = SelfTradePrevention.EngineDefault } }, // mode not resolved
        };
    }

    [Theory]
    [MemberData(nameof(InvalidBooks))]
    public void Snapshot_the_book_cannot_hold_is_refused(RestingOrder[] orders)
    {
        var snapshot = new EngineSnapshot(DefaultBand, 0, null, orders);

        Assert.Throws<ArgumentException>(() => MatchingEngine.FromSnapshot(Spec, snapshot));
    }
}
