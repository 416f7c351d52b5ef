using SmartTrade.Plugins.WarehouseReceipts.Trading;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Trading.TestMarket;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

public sealed class MatchingTests
{
    private readonly TestMarket _market = new();

    [Fact]
    public void Order_that_does_not_cross_rests_after_being_accepted()
    {
        EngineEvent accepted = Assert.Single(_market.Buy(1, 1, 7990, 2));

        Assert.Equal(
            new EngineEvent { Kind = EngineEventKind.Accepted, OrderId = 1, TraderId = 1, Side = Side.Buy, Price = Yuan(7990), Quantity = Tonnes(2), Remaining = Tonnes(2) },
            accepted);
        Assert.Equal(2, _market.OpenTonnes(1));
        Assert.Equal(Yuan(7990), _market.Engine.BestBid);
        Assert.Null(_market.Engine.BestAsk);
    }

    [Fact]
    public void Crossing_order_trades_at_the_resting_order_price()
    {
        _market.Sell(1, 2, 8000, 1);

        EngineEvent fill = _market.Buy(2, 1, 8050, 1).Single(EngineEventKind.Fill);

        Assert.Equal(
            new EngineEvent
            {
                Kind = EngineEventKind.Fill, OrderId = 2, TraderId = 1, Side = Side.Buy, Price = Yuan(8000), Quantity = Tonnes(1), Remaining = 0,
                TradeSequence = 1, MakerOrderId = 1, MakerTraderId = 2, MakerRemaining = 0,
            },
            fill);
        Assert.Equal((2L, 1L, Side.Buy), (fill.TakerOrderId, fill.TakerTraderId, fill.AggressorSide));
        Assert.Equal(0, _market.Engine.RestingOrderCount);
        Assert.Equal(Yuan(8000), _market.Engine.LastTradePrice);
    }

    [Fact]
    public void Incoming_sell_trades_at_the_resting_bid_price()
    {
        _market.Buy(1, 2, 8010, 1);

        EngineEvent fill = _market.Sell(2, 1, 7950, 1).Single(EngineEventKind.Fill);

        Assert.Equal(Yuan(8010), fill.Price);
        Assert.Equal(Side.Sell, fill.AggressorSide);
    }

    [Fact]
    public void Better_prices_trade_first()
    {
        _market.Sell(1, 2, 8020, 1);
        _market.Sell(2, 2, 8000, 1);
        _market.Sell(3, 2, 8010, 1);

        EngineEvent[] fills = _market.Buy(4, 1, 8020, 3).Fills();

        Assert.Equal([2L, 3L, 1L], fills.Select(f => f.MakerOrderId));
        Assert.Equal([Yuan(8000), Yuan(8010), Yuan(8020)], fills.Select(f => f.Price));
    }

    [Fact]
    public void At_one_price_the_oldest_order_trades_first()
    {
        _market.Buy(1, 2, 8000, 1);
        _market.Buy(2, 3, 8000, 1);
        _market.Buy(3, 4, 8000, 1);

        EngineEvent[] fills = _market.Sell(4, 1, 8000, 2).Fills();

        Assert.Equal([1L, 2L], fills.Select(f => f.MakerOrderId));
        Assert.Equal(1, _market.OpenTonnes(3));
    }

    [Fact]
    public void Order_stops_at_its_limit_and_rests_the_remainder()
    {
        _market.Sell(1, 2, 8000, 1);
        _market.Sell(2, 2, 8010, 1);

        EngineEvent[] events = _market.Buy(3, 1, 8000, 3);

        Assert.Equal([EngineEventKind.Accepted, EngineEventKind.Fill], events.Kinds());
        Assert.Equal(2, _market.OpenTonnes(3));
        Assert.Equal(Yuan(8000), _market.Engine.BestBid);
        Assert.Equal(Yuan(8010), _market.Engine.BestAsk);
    }

    [Fact]
    public void Partial_fill_leaves_the_resting_order_with_its_place_and_the_rest_of_its_quantity()
    {
        _market.Sell(1, 2, 8000, 5);
        _market.Sell(2, 3, 8000, 1);

        EngineEvent fill = _market.Buy(3, 1, 8000, 2).Single(EngineEventKind.Fill);
        Assert.Equal(Tonnes(3), fill.MakerRemaining);
        Assert.Equal(0, fill.Remaining);

        Assert.Equal(1L, _market.Buy(4, 1, 8000, 1).Single(EngineEventKind.Fill).MakerOrderId);
        Assert.Equal(2, _market.OpenTonnes(1));
    }

    [Fact]
    public void Fills_report_both_orders_remaining_quantities()
    {
        _market.Sell(1, 2, 8000, 2);
        _market.Sell(2, 3, 8010, 2);

        EngineEvent[] fills = _market.Buy(3, 1, 8010, 3).Fills();

        Assert.Equal([(Tonnes(2), 0L, Tonnes(1)), (Tonnes(1), Tonnes(1), 0L)], fills.Select(f => (f.Quantity, f.MakerRemaining, f.Remaining)));
    }

    [Fact]
    public void Trade_sequence_increases_by_one_per_fill()
    {
        _market.Sell(1, 2, 8000, 1);
        _market.Sell(2, 3, 8000, 1);
        _market.Sell(3, 4, 8000, 1);

        long[] sequences = [.. _market.Buy(4, 1, 8000, 2).Fills().Select(f => f.TradeSequence), .. _market.Buy(5, 1, 8000, 1).Fills().Select(f => f.TradeSequence)];

        Assert.Equal([1L, 2L, 3L], sequences);
        Assert.Equal(3, _market.Engine.LastTradeSequence);
    }

    [Fact]
    public void Day_order_rests_like_a_good_till_cancelled_order()
    {
        _market.Buy(1, 1, 7990, 1, TimeInForce.Day);

        Assert.True(_market.Engine.TryGetOrder(1, out RestingOrder order));
        Assert.Equal(TimeInForce.Day, order.TimeInForce);
    }

    [Fact]
    public void Immediate_or_cancel_trades_what_it_can_and_cancels_the_rest()
    {
        _market.Sell(1, 2, 8000, 1);

        EngineEvent[] events = _market.Buy(2, 1, 8000, 3, TimeInForce.Ioc);

        Assert.Equal([EngineEventKind.Accepted, EngineEventKind.Fill, EngineEventKind.Cancelled], events.Kinds());
        EngineEvent cancelled = events[^1];
        Assert.Equal((CancelReason.ImmediateOrCancel, Tonnes(2), 0L), (cancelled.CancelReason, cancelled.Quantity, cancelled.Remaining));
        Assert.Equal(0, _market.Engine.RestingOrderCount);
    }

    [Fact]
    public void Immediate_or_cancel_with_nothing_to_trade_is_cancelled_whole()
    {
        EngineEvent cancelled = _market.Buy(1, 1, 8000, 3, TimeInForce.Ioc).Single(EngineEventKind.Cancelled);

        Assert.Equal(Tonnes(3), cancelled.Quantity);
        Assert.Null(_market.Engine.BestBid);
    }

    [Fact]
    public void Fill_or_kill_trades_completely_across_levels_when_it_can()
    {
        _market.Sell(1, 2, 8000, 1);
        _market.Sell(2, 3, 8010, 2);

        EngineEvent[] events = _market.Buy(3, 1, 8010, 3, TimeInForce.Fok);

        Assert.Equal([EngineEventKind.Accepted, EngineEventKind.Fill, EngineEventKind.Fill], events.Kinds());
        Assert.Equal(0, _market.Engine.RestingOrderCount);
    }

    [Fact]
    public void Fill_or_kill_that_cannot_trade_completely_trades_nothing_and_is_cancelled_not_rejected()
    {
        _market.Sell(1, 2, 8000, 1);
        _market.Sell(2, 3, 8010, 2);

        EngineEvent[] events = _market.Buy(3, 1, 8000, 2, TimeInForce.Fok);

        Assert.Equal([EngineEventKind.Accepted, EngineEventKind.Cancelled], events.Kinds());
        Assert.Equal((CancelReason.FillOrKill, Tonnes(2)), (events[1].CancelReason, events[1].Quantity));
        Assert.Equal(1, _market.OpenTonnes(1));
        Assert.Equal(2, _market.OpenTonnes(2));
    }

    [Fact]
    public void Market_order_sweeps_the_book_up_to_its_protection_price_and_cancels_the_rest()
    {
        _market.Sell(1, 2, 8000, 1);
        _market.Sell(2, 3, 8010, 1);
        _market.Sell(3, 4, 8020, 1);

        EngineEvent[] events = _market.Submit(NewOrder.Market(4, 1, Side.Buy, Tonnes(5), protectionPrice: Yuan(8010)));

        Assert.Equal(Yuan(8010), events[0].Price);
        Assert.Equal([Yuan(8000), Yuan(8010)], events.Fills().Select(f => f.Price));
        EngineEvent cancelled = events.Single(EngineEventKind.Cancelled);
        Assert.Equal((CancelReason.ImmediateOrCancel, Tonnes(3)), (cancelled.CancelReason, cancelled.Quantity));
        Assert.Equal(1, _market.OpenTonnes(3));
    }

    [Fact]
    public void Market_order_without_a_protection_price_is_protected_by_the_band()
    {
        _market.Buy(1, 2, 8000, 1);
        _market.Buy(2, 3, 7680, 1);

        EngineEvent[] events = _market.Submit(NewOrder.Market(3, 1, Side.Sell, Tonnes(2)));

        Assert.Equal(DefaultBand.Lower, events[0].Price);
        Assert.Equal([Yuan(8000), Yuan(7680)], events.Fills().Select(f => f.Price));
    }

    [Fact]
    public void Market_order_never_rests()
    {
        EngineEvent[] events = _market.Submit(NewOrder.Market(1, 1, Side.Buy, Tonnes(1)));

        Assert.Equal([EngineEventKind.Accepted, EngineEventKind.Cancelled], events.Kinds());
        Assert.Equal(0, _market.Engine.RestingOrderCount);
    }

    [Fact]
    public void Best_prices_follow_levels_emptying()
    {
        _market.Sell(1, 2, 8000, 1);
        _market.Sell(2, 2, 8050, 1);
        _market.Buy(3, 3, 7950, 1);
        _market.Buy(4, 3, 7900, 1);

        _market.Buy(5, 1, 8000, 1);
        _market.Cancel(3);

        Assert.Equal(Yuan(8050), _market.Engine.BestAsk);
        Assert.Equal(Yuan(7900), _market.Engine.BestBid);
    }

    [Fact]
    public void Event_buffer_grows_for_a_large_sweep()
    {
        for (long id = 1; id <= 50; id++)
        {
            _market.Sell(id, 2, 8000 + id, 1);
        }

        EngineEvent[] events = _market.Buy(100, 1, 8050, 50);

        Assert.Equal(51, events.Length);
        Assert.Equal(0, _market.Engine.RestingOrderCount);
    }

    [Fact]
    public void Book_grows_beyond_its_initial_capacity()
    {
        var market = new TestMarket(new MatchingEngine(new InstrumentSpec(), DefaultBand, orderCapacity: 2));
        for (long id = 1; id <= 10; id++)
        {
            market.Buy(id, id, 7900 + id, 1);
        }

        Assert.Equal(10, market.Engine.RestingOrderCount);
        Assert.Equal(10, market.Sell(11, 99, 7900, 10).Fills().Length);
    }
}
