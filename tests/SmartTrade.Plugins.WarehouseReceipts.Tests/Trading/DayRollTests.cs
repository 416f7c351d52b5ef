using SmartTrade.Plugins.WarehouseReceipts.Trading;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Trading.TestMarket;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

public sealed class DayRollTests
{
    private static readonly PriceBand BandAround8100 = PriceBand.FromSettlement(Yuan(8100), tickSize: 100); // 7,776-8,424 yuan/t

    private readonly TestMarket _market = new();

    [Fact]
    public void End_of_day_expires_day_orders_and_keeps_good_till_cancelled_ones()
    {
        _market.Buy(1, 1, 7900, 1, TimeInForce.Day);
        _market.Buy(2, 1, 7900, 2);
        _market.Sell(3, 2, 8100, 3, TimeInForce.Day);

        EngineEvent[] events = _market.EndDay();

        Assert.Equal([EngineEventKind.Expired, EngineEventKind.Expired], events.Kinds());
        Assert.Equal([(1L, Tonnes(1)), (3L, Tonnes(3))], events.Select(e => (e.OrderId, e.Quantity)));
        Assert.All(events, e => Assert.Equal(0, e.Remaining));
        Assert.Equal(2, _market.OpenTonnes(2));
        Assert.Equal(1, _market.Engine.RestingOrderCount);
    }

    [Fact]
    public void Expiry_reports_only_the_open_quantity_of_a_partly_filled_day_order()
    {
        _market.Buy(1, 1, 8000, 3, TimeInForce.Day);
        _market.Sell(2, 2, 8000, 1);

        Assert.Equal(Tonnes(2), Assert.Single(_market.EndDay()).Quantity);
    }

    [Fact]
    public void Start_of_day_expires_day_orders_left_from_the_day_before()
    {
        _market.Buy(1, 1, 7900, 1, TimeInForce.Day);

        EngineEvent expired = Assert.Single(_market.StartDay(BandAround8100));

        Assert.Equal((EngineEventKind.Expired, 1L), (expired.Kind, expired.OrderId));
        Assert.Equal(0, _market.Engine.RestingOrderCount);
    }

    [Fact]
    public void Start_of_day_cancels_good_till_cancelled_orders_outside_the_new_band()
    {
        _market.Buy(1, 1, 7700, 1);
        _market.Buy(2, 1, 7776, 1);
        _market.Sell(3, 2, 8320, 1);

        EngineEvent cancelled = Assert.Single(_market.StartDay(BandAround8100));

        Assert.Equal((EngineEventKind.Cancelled, 1L, CancelReason.OutsidePriceBand, Tonnes(1)), (cancelled.Kind, cancelled.OrderId, cancelled.CancelReason, cancelled.Quantity));
        Assert.Equal(1, _market.OpenTonnes(2));
        Assert.Equal(1, _market.OpenTonnes(3));
        Assert.Equal(BandAround8100, _market.Engine.Band);
    }

    [Fact]
    public void Orders_kept_over_the_day_roll_keep_their_priority()
    {
        _market.Buy(1, 1, 8000, 1);
        _market.Buy(2, 2, 8000, 1);
        _market.Buy(3, 3, 8000, 1);
        _market.Buy(4, 4, 7990, 1);

        _market.StartDay(BandAround8100);

        Assert.Equal([1L, 2L, 3L, 4L], _market.Sell(5, 5, 7990, 4).Fills().Select(f => f.MakerOrderId));
    }

    [Fact]
    public void New_band_decides_which_prices_are_accepted()
    {
        _market.StartDay(BandAround8100);

        Assert.Equal(RejectReason.OutsidePriceBand, _market.Buy(1, 1, 7700, 1)[0].RejectReason);
        Assert.Equal(EngineEventKind.Accepted, _market.Sell(2, 1, 8424, 1)[0].Kind);
        Assert.Equal(Yuan(8424), _market.Engine.BestAsk);
    }

    [Fact]
    public void Invalid_band_is_refused_before_anything_changes()
    {
        _market.Buy(1, 1, 7900, 1, TimeInForce.Day);

        Assert.Throws<ArgumentException>(() => _market.StartDay(new PriceBand(Yuan(7800) + 1, Yuan(8400))));

        Assert.Equal(1, _market.OpenTonnes(1));
        Assert.Equal(DefaultBand, _market.Engine.Band);
    }

    [Fact]
    public void Day_roll_events_come_bids_first_then_asks_each_in_priority_order()
    {
        _market.Buy(1, 1, 7990, 1, TimeInForce.Day);
        _market.Buy(2, 1, 8000, 1, TimeInForce.Day);
        _market.Sell(3, 2, 8300, 1);
        _market.Sell(4, 2, 8200, 1, TimeInForce.Day);
        _market.Buy(5, 1, 8000, 1, TimeInForce.Day);

        EngineEvent[] events = _market.StartDay(new PriceBand(Yuan(7900), Yuan(8250)));

        Assert.Equal([2L, 5L, 1L, 4L, 3L], events.Select(e => e.OrderId));
        Assert.Equal(EngineEventKind.Cancelled, events[^1].Kind);
    }
}
