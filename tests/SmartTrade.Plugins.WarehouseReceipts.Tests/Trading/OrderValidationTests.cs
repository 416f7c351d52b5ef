using SmartTrade.Plugins.WarehouseReceipts.Trading;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Trading.TestMarket;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

public sealed class OrderValidationTests
{
    private readonly TestMarket _market = new();

    private RejectReason RejectionOf(NewOrder order)
    {
        EngineEvent rejected = Assert.Single(_market.Submit(order));
        Assert.Equal(EngineEventKind.Rejected, rejected.Kind);
        return rejected.RejectReason;
    }

    private static NewOrder Bid(long price = 8000, long tonnes = 1) => NewOrder.Limit(1, 1, Side.Buy, Yuan(price), Tonnes(tonnes));

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Order_id_must_be_positive(long orderId)
    {
        Assert.Equal(RejectReason.InvalidOrderId, RejectionOf(Bid() with { OrderId = orderId }));
    }

    [Fact]
    public void Order_id_of_a_resting_order_cannot_be_used_again()
    {
        _market.Buy(1, 1, 7990, 1);

        Assert.Equal(RejectReason.DuplicateOrderId, RejectionOf(NewOrder.Limit(1, 2, Side.Sell, Yuan(8100), Tonnes(1))));
        Assert.Equal(1, _market.Engine.RestingOrderCount);
    }

    [Fact]
    public void Order_id_of_an_order_no_longer_in_the_book_may_be_used_again()
    {
        _market.Buy(1, 1, 7990, 1);
        _market.Cancel(1);

        Assert.Equal(EngineEventKind.Accepted, _market.Buy(1, 1, 7990, 1)[0].Kind);
    }

    [Fact]
    public void Unknown_side_type_time_in_force_or_self_trade_mode_is_unsupported()
    {
        Assert.Equal(RejectReason.UnsupportedOrder, RejectionOf(Bid() with { Side = default }));
        Assert.Equal(RejectReason.UnsupportedOrder, RejectionOf(Bid() with { Type = (OrderType)9 }));
        Assert.Equal(RejectReason.UnsupportedOrder, RejectionOf(Bid() with { TimeInForce = default }));
        Assert.Equal(RejectReason.UnsupportedOrder, RejectionOf(Bid() with { SelfTradePrevention = (SelfTradePrevention)4 }));
    }

    [Theory]
    [InlineData(TimeInForce.Gtc)]
    [InlineData(TimeInForce.Day)]
    [InlineData(TimeInForce.Fok)]
    public void Market_order_must_be_immediate_or_cancel(TimeInForce timeInForce)
    {
        Assert.Equal(RejectReason.UnsupportedOrder, RejectionOf(NewOrder.Market(1, 1, Side.Buy, Tonnes(1)) with { TimeInForce = timeInForce }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1000)]
    [InlineData(1500)]
    [InlineData(999)]
    public void Quantity_must_be_a_positive_multiple_of_the_lot(long kg)
    {
        Assert.Equal(RejectReason.InvalidQuantity, RejectionOf(Bid() with { Quantity = kg }));
    }

    [Fact]
    public void Quantity_may_reach_but_not_exceed_the_maximum_order_size()
    {
        Assert.Equal(EngineEventKind.Accepted, _market.Buy(1, 1, 7990, 1000)[0].Kind);
        Assert.Equal(RejectReason.AboveMaxOrderSize, RejectionOf(Bid(tonnes: 1001) with { OrderId = 2 }));
    }

    [Fact]
    public void Instrument_rules_are_configurable()
    {
        var market = new TestMarket(spec: new InstrumentSpec { TickSize = 500, LotSize = 5000, MaxOrderLots = 10 });

        Assert.Equal(EngineEventKind.Accepted, market.Submit(NewOrder.Limit(1, 1, Side.Buy, Yuan(7995), Tonnes(50)))[0].Kind);
        Assert.Equal(RejectReason.OffTick, market.Submit(NewOrder.Limit(2, 1, Side.Buy, Yuan(7991), Tonnes(5)))[0].RejectReason);
        Assert.Equal(RejectReason.InvalidQuantity, market.Submit(NewOrder.Limit(3, 1, Side.Buy, Yuan(7995), Tonnes(1)))[0].RejectReason);
        Assert.Equal(RejectReason.AboveMaxOrderSize, market.Submit(NewOrder.Limit(4, 1, Side.Buy, Yuan(7995), Tonnes(55)))[0].RejectReason);
    }

    [Fact]
    public void Price_must_be_on_the_tick()
    {
        Assert.Equal(RejectReason.OffTick, RejectionOf(Bid() with { Price = Yuan(8000) + 50 }));
    }

    [Fact]
    public void Market_protection_price_must_be_on_the_tick()
    {
        Assert.Equal(RejectReason.OffTick, RejectionOf(NewOrder.Market(1, 1, Side.Buy, Tonnes(1), protectionPrice: Yuan(8000) + 1)));
    }

    [Theory]
    [InlineData(7670)]
    [InlineData(8330)]
    public void Price_must_be_inside_the_band(long yuan)
    {
        Assert.Equal(RejectReason.OutsidePriceBand, RejectionOf(Bid(price: yuan)));
    }

    [Fact]
    public void Market_protection_price_must_be_inside_the_band()
    {
        Assert.Equal(RejectReason.OutsidePriceBand, RejectionOf(NewOrder.Market(1, 1, Side.Sell, Tonnes(1), protectionPrice: Yuan(7600))));
    }

    [Fact]
    public void Prices_at_both_limits_are_accepted()
    {
        Assert.Equal(EngineEventKind.Accepted, _market.Buy(1, 1, 7680, 1)[0].Kind);
        Assert.Equal(EngineEventKind.Accepted, _market.Sell(2, 2, 8320, 1)[0].Kind);
        Assert.Equal(Yuan(7680), _market.Engine.BestBid);
        Assert.Equal(Yuan(8320), _market.Engine.BestAsk);
    }

    [Fact]
    public void Checks_run_in_a_fixed_order_and_the_first_failure_is_reported()
    {
        Assert.Equal(RejectReason.InvalidQuantity, RejectionOf(Bid() with { Quantity = 1, Price = 1 }));
        Assert.Equal(RejectReason.AboveMaxOrderSize, RejectionOf(Bid(tonnes: 2000) with { Price = 1 }));
        Assert.Equal(RejectReason.OffTick, RejectionOf(Bid() with { Price = Yuan(9000) + 1 }));
    }

    [Fact]
    public void Rejection_repeats_the_command_and_leaves_the_book_alone()
    {
        _market.Sell(1, 2, 8000, 1);

        EngineEvent rejected = Assert.Single(_market.Submit(NewOrder.Limit(2, 1, Side.Buy, Yuan(8000) + 1, Tonnes(1))));

        Assert.Equal(
            new EngineEvent { Kind = EngineEventKind.Rejected, OrderId = 2, TraderId = 1, Side = Side.Buy, Price = Yuan(8000) + 1, Quantity = Tonnes(1), RejectReason = RejectReason.OffTick },
            rejected);
        Assert.Equal(1, _market.Engine.RestingOrderCount);
        Assert.Equal(1, _market.OpenTonnes(1));
    }

    [Fact]
    public void Cancel_of_an_unknown_order_is_rejected()
    {
        EngineEvent rejected = Assert.Single(_market.Cancel(42));

        Assert.Equal(EngineEventKind.Rejected, rejected.Kind);
        Assert.Equal(RejectReason.UnknownOrderId, rejected.RejectReason);
        Assert.Equal(42, rejected.OrderId);
    }

    [Fact]
    public void Amend_of_an_unknown_order_is_rejected()
    {
        Assert.Equal(RejectReason.UnknownOrderId, Assert.Single(_market.Amend(42, 8000, 1)).RejectReason);
    }

    [Theory]
    [InlineData(8000, 0, RejectReason.InvalidQuantity)]
    [InlineData(8000, 1001, RejectReason.AboveMaxOrderSize)]
    [InlineData(8400, 1, RejectReason.OutsidePriceBand)]
    public void Amend_obeys_the_order_rules_and_a_rejected_amend_leaves_the_order_as_it_was(long yuan, long tonnes, RejectReason reason)
    {
        _market.Buy(1, 1, 7990, 3);
        RestingOrder before = Order(1);

        EngineEvent rejected = Assert.Single(_market.Amend(1, yuan, tonnes));

        Assert.Equal(reason, rejected.RejectReason);
        Assert.Equal(Tonnes(3), rejected.Remaining);
        Assert.Equal(before, Order(1));
    }

    [Fact]
    public void Amend_to_a_price_off_the_tick_is_rejected()
    {
        _market.Buy(1, 1, 7990, 3);

        EngineEvent rejected = Assert.Single(RunAmend(1, Yuan(7990) + 10, Tonnes(3)));

        Assert.Equal(RejectReason.OffTick, rejected.RejectReason);
    }

    [Fact]
    public void An_engine_needs_a_band_on_the_tick_and_a_concrete_default_self_trade_mode()
    {
        var spec = new InstrumentSpec();
        Assert.Throws<ArgumentException>(() => new MatchingEngine(spec, new PriceBand(768_050, 832_000)));
        Assert.Throws<ArgumentException>(() => new MatchingEngine(spec, new PriceBand(832_000, 768_000)));
        Assert.Throws<ArgumentException>(() => new MatchingEngine(spec, new PriceBand(0, 832_000)));
        Assert.Throws<ArgumentException>(() => new MatchingEngine(spec, new PriceBand(100, 100 * 100_000)));
        Assert.Throws<ArgumentException>(() => new MatchingEngine(spec with { LotSize = 0 }, TestMarket.DefaultBand));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MatchingEngine(spec, TestMarket.DefaultBand, SelfTradePrevention.EngineDefault));
    }

    private RestingOrder Order(long orderId)
    {
        Assert.True(_market.Engine.TryGetOrder(orderId, out RestingOrder order));
        return order;
    }

    private EngineEvent[] RunAmend(long orderId, long price, long quantity)
    {
        var events = new EngineEventBuffer();
        _market.Engine.Amend(orderId, price, quantity, events);
        return events.Events.ToArray();
    }
}
