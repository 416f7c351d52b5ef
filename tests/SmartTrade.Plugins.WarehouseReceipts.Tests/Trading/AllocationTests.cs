using SmartTrade.Plugins.WarehouseReceipts.Trading;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Trading.TestMarket;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

public sealed class AllocationTests
{
    /// <summary>Rests, crosses, amends and cancels, leaving the book empty as it found it.</summary>
    private static void TradingRound(MatchingEngine engine, EngineEventBuffer events)
    {
        for (long id = 1; id <= 100; id++)
        {
            engine.Submit(NewOrder.Limit(id, id % 5 + 1, Side.Buy, Yuan(7990 - id % 10), Tonnes(1 + id % 3), TimeInForce.Day), events);
            engine.Submit(NewOrder.Limit(100 + id, id % 7 + 1, Side.Sell, Yuan(8000 + id % 10), Tonnes(1 + id % 4)), events);
            events.Clear();
        }
        for (long id = 1; id <= 20; id++)
        {
            engine.Amend(id, Yuan(7985), Tonnes(2), events);
            engine.Submit(NewOrder.Limit(200 + id, 9, Side.Buy, Yuan(8004), Tonnes(3), TimeInForce.Ioc), events);
            engine.Submit(NewOrder.Market(300 + id, 10, Side.Sell, Tonnes(2)), events);
            engine.Submit(NewOrder.Limit(400 + id, 11, Side.Buy, Yuan(8009), Tonnes(5), TimeInForce.Fok), events);
            events.Clear();
        }
        engine.Cancel(150, events);
        engine.EndDay(events);
        for (long id = 1; id <= 500; id++)
        {
            engine.Cancel(id, events);
            events.Clear();
        }
    }

    [Fact]
    public void Trading_allocates_nothing_once_the_book_has_grown_to_its_working_size()
    {
        var engine = new MatchingEngine(new InstrumentSpec(), DefaultBand, orderCapacity: 16);
        var events = new EngineEventBuffer(capacity: 4);
        TradingRound(engine, events);
        Assert.Equal(0, engine.RestingOrderCount);

        long before = GC.GetAllocatedBytesForCurrentThread();
        TradingRound(engine, events);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(engine.LastTradeSequence > 0);
    }
}
