using SmartTrade.Plugins.WarehouseReceipts.Trading;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Trading.TestMarket;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

public sealed class SelfTradePreventionTests
{
    private const long Trader = 7;
    private const long Other = 8;

    /// <summary>The trader's own ask at 8,000 sits between two asks of another trader.</summary>
    private static TestMarket BookWithOwnAskInTheMiddle(SelfTradePrevention engineDefault = SelfTradePrevention.CancelNewest)
    {
        var market = new TestMarket(engineDefault);
        market.Sell(1, Other, 7990, 1);
        market.Sell(2, Trader, 8000, 1);
        market.Sell(3, Other, 8010, 1);
        return market;
    }

    private static NewOrder Bid(SelfTradePrevention mode = SelfTradePrevention.EngineDefault) =>
        NewOrder.Limit(10, Trader, Side.Buy, Yuan(8010), Tonnes(3)) with { SelfTradePrevention = mode };

    [Fact]
    public void Cancel_newest_is_the_default_and_cancels_the_rest_of_the_incoming_order()
    {
        TestMarket market = BookWithOwnAskInTheMiddle();

        EngineEvent[] events = market.Submit(Bid());

        Assert.Equal([EngineEventKind.Accepted, EngineEventKind.Fill, EngineEventKind.Cancelled], events.Kinds());
        Assert.Equal(1L, events[1].MakerOrderId);
        Assert.Equal((10L, CancelReason.SelfTrade, Tonnes(2)), (events[2].OrderId, events[2].CancelReason, events[2].Quantity));
        Assert.Equal(1, market.OpenTonnes(2));
        Assert.Equal(1, market.OpenTonnes(3));
        Assert.Null(market.OpenTonnes(10));
    }

    [Fact]
    public void Cancel_oldest_cancels_the_resting_order_and_keeps_matching()
    {
        TestMarket market = BookWithOwnAskInTheMiddle();

        EngineEvent[] events = market.Submit(Bid(SelfTradePrevention.CancelOldest));

        Assert.Equal([EngineEventKind.Accepted, EngineEventKind.Fill, EngineEventKind.Cancelled, EngineEventKind.Fill], events.Kinds());
        Assert.Equal((2L, CancelReason.SelfTrade, Tonnes(1)), (events[2].OrderId, events[2].CancelReason, events[2].Quantity));
        Assert.Equal(3L, events[3].MakerOrderId);
        Assert.Null(market.OpenTonnes(2));
        Assert.Equal(1, market.OpenTonnes(10));
    }

    [Fact]
    public void Cancel_both_cancels_the_resting_order_and_the_rest_of_the_incoming_order()
    {
        TestMarket market = BookWithOwnAskInTheMiddle();

        EngineEvent[] events = market.Submit(Bid(SelfTradePrevention.CancelBoth));

        Assert.Equal([EngineEventKind.Accepted, EngineEventKind.Fill, EngineEventKind.Cancelled, EngineEventKind.Cancelled], events.Kinds());
        Assert.Equal([2L, 10L], events[2..].Select(e => e.OrderId));
        Assert.All(events[2..], e => Assert.Equal(CancelReason.SelfTrade, e.CancelReason));
        Assert.Null(market.OpenTonnes(2));
        Assert.Null(market.OpenTonnes(10));
        Assert.Equal(1, market.OpenTonnes(3));
    }

    [Theory]
    [InlineData(SelfTradePrevention.CancelOldest, new long[] { 1, 3 })]
    [InlineData(SelfTradePrevention.CancelBoth, new long[] { 1 })]
    public void Engine_default_applies_to_orders_that_name_no_mode(SelfTradePrevention engineDefault, long[] makers)
    {
        TestMarket market = BookWithOwnAskInTheMiddle(engineDefault);

        Assert.Equal(makers, market.Submit(Bid()).Fills().Select(f => f.MakerOrderId));
    }

    [Fact]
    public void Order_mode_overrides_the_engine_default()
    {
        TestMarket market = BookWithOwnAskInTheMiddle(SelfTradePrevention.CancelOldest);

        Assert.Equal([1L], market.Submit(Bid(SelfTradePrevention.CancelNewest)).Fills().Select(f => f.MakerOrderId));
        Assert.Equal(1, market.OpenTonnes(2));
    }

    [Fact]
    public void Own_orders_never_trade_with_each_other_whatever_the_mode()
    {
        foreach (SelfTradePrevention mode in new[] { SelfTradePrevention.CancelNewest, SelfTradePrevention.CancelOldest, SelfTradePrevention.CancelBoth })
        {
            var market = new TestMarket();
            market.Sell(1, Trader, 8000, 1);

            Assert.Empty(market.Submit(Bid(mode)).Fills());
        }
    }

    [Fact]
    public void Fill_or_kill_counts_only_what_it_could_trade_before_meeting_its_own_order()
    {
        TestMarket market = BookWithOwnAskInTheMiddle();

        EngineEvent[] events = market.Submit(Bid() with { TimeInForce = TimeInForce.Fok, Quantity = Tonnes(2) });

        Assert.Equal([EngineEventKind.Accepted, EngineEventKind.Cancelled], events.Kinds());
        Assert.Equal(CancelReason.FillOrKill, events[1].CancelReason);
        Assert.Equal(1, market.OpenTonnes(2));
    }

    [Fact]
    public void Fill_or_kill_with_cancel_oldest_looks_past_its_own_order()
    {
        TestMarket market = BookWithOwnAskInTheMiddle();

        EngineEvent[] events = market.Submit(Bid(SelfTradePrevention.CancelOldest) with { TimeInForce = TimeInForce.Fok, Quantity = Tonnes(2) });

        Assert.Equal([1L, 3L], events.Fills().Select(f => f.MakerOrderId));
        Assert.Null(market.OpenTonnes(2));
    }

    [Fact]
    public void Amended_order_that_meets_its_own_trader_follows_its_mode()
    {
        var market = new TestMarket();
        market.Sell(1, Trader, 8000, 1);
        market.Buy(2, Trader, 7990, 1);

        EngineEvent[] events = market.Amend(2, 8000, 1);

        Assert.Equal([EngineEventKind.Amended, EngineEventKind.Cancelled], events.Kinds());
        Assert.Equal((2L, CancelReason.SelfTrade), (events[1].OrderId, events[1].CancelReason));
        Assert.Equal(1, market.OpenTonnes(1));
    }
}
