using SmartTrade.Plugins.WarehouseReceipts.Trading;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Trading.TestMarket;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

public sealed class AmendAndCancelTests
{
    private readonly TestMarket _market = new();

    /// <summary>Who trades first at 8,000 yuan/t when a seller takes the whole level.</summary>
    private long[] QueueAt8000()
    {
        return [.. _market.Sell(99, 99, 8000, 1000, TimeInForce.Ioc).Fills().Select(f => f.MakerOrderId)];
    }

    [Fact]
    public void Cancel_takes_the_order_out_and_reports_its_open_quantity()
    {
        _market.Buy(1, 1, 8000, 3);

        EngineEvent cancelled = Assert.Single(_market.Cancel(1));

        Assert.Equal(
            new EngineEvent { Kind = EngineEventKind.Cancelled, OrderId = 1, TraderId = 1, Side = Side.Buy, Price = Yuan(8000), Quantity = Tonnes(3), CancelReason = CancelReason.Requested },
            cancelled);
        Assert.Null(_market.OpenTonnes(1));
        Assert.Null(_market.Engine.BestBid);
    }

    [Fact]
    public void Cancel_after_a_partial_fill_reports_only_what_was_still_open()
    {
        _market.Buy(1, 1, 8000, 3);
        _market.Sell(2, 2, 8000, 1);

        Assert.Equal(Tonnes(2), Assert.Single(_market.Cancel(1)).Quantity);
    }

    [Fact]
    public void Cancelling_twice_is_rejected_the_second_time()
    {
        _market.Buy(1, 1, 8000, 3);
        _market.Cancel(1);

        Assert.Equal(RejectReason.UnknownOrderId, Assert.Single(_market.Cancel(1)).RejectReason);
    }

    [Fact]
    public void Cancel_from_the_middle_of_a_queue_keeps_the_others_in_order()
    {
        _market.Buy(1, 1, 8000, 1);
        _market.Buy(2, 2, 8000, 1);
        _market.Buy(3, 3, 8000, 1);

        _market.Cancel(2);

        Assert.Equal([1L, 3L], QueueAt8000());
    }

    [Fact]
    public void Reducing_quantity_keeps_priority()
    {
        _market.Buy(1, 1, 8000, 5);
        _market.Buy(2, 2, 8000, 5);

        EngineEvent amended = Assert.Single(_market.Amend(1, 8000, 2));

        Assert.Equal(
            new EngineEvent
            {
                Kind = EngineEventKind.Amended, OrderId = 1, TraderId = 1, Side = Side.Buy, Price = Yuan(8000), Quantity = Tonnes(2), Remaining = Tonnes(2),
                PreviousPrice = Yuan(8000), PreviousRemaining = Tonnes(5), PriorityKept = true,
            },
            amended);
        Assert.Equal([1L, 2L], QueueAt8000());
    }

    [Fact]
    public void Increasing_quantity_loses_priority()
    {
        _market.Buy(1, 1, 8000, 1);
        _market.Buy(2, 2, 8000, 1);

        Assert.False(Assert.Single(_market.Amend(1, 8000, 2)).PriorityKept);

        Assert.Equal([2L, 1L], QueueAt8000());
    }

    [Fact]
    public void Changing_price_loses_priority_even_when_moving_back()
    {
        _market.Buy(1, 1, 8000, 1);
        _market.Buy(2, 2, 8000, 1);

        _market.Amend(1, 7990, 1);
        _market.Amend(1, 8000, 1);

        Assert.Equal([2L, 1L], QueueAt8000());
    }

    [Fact]
    public void Amend_counts_order_quantity_so_filled_quantity_is_kept_out_of_the_open_quantity()
    {
        _market.Buy(1, 1, 8000, 5);
        _market.Sell(2, 2, 8000, 2);

        EngineEvent amended = Assert.Single(_market.Amend(1, 8000, 4));

        Assert.Equal((Tonnes(4), Tonnes(2), Tonnes(3)), (amended.Quantity, amended.Remaining, amended.PreviousRemaining));
        Assert.True(_market.Engine.TryGetOrder(1, out RestingOrder order));
        Assert.Equal((Tonnes(4), Tonnes(2)), (order.Quantity, order.Remaining));
    }

    [Fact]
    public void Amend_to_no_more_than_the_filled_quantity_cancels_the_rest()
    {
        _market.Buy(1, 1, 8000, 5);
        _market.Sell(2, 2, 8000, 2);

        EngineEvent cancelled = Assert.Single(_market.Amend(1, 8000, 2));

        Assert.Equal((EngineEventKind.Cancelled, CancelReason.AmendedBelowFilled, Tonnes(3)), (cancelled.Kind, cancelled.CancelReason, cancelled.Quantity));
        Assert.Null(_market.OpenTonnes(1));
    }

    [Fact]
    public void Amending_to_a_crossing_price_trades_at_once_at_the_resting_price()
    {
        _market.Sell(1, 2, 8000, 1);
        _market.Buy(2, 1, 7990, 3);

        EngineEvent[] events = _market.Amend(2, 8010, 3);

        Assert.Equal([EngineEventKind.Amended, EngineEventKind.Fill], events.Kinds());
        Assert.Equal((2L, 1L, Yuan(8000)), (events[1].TakerOrderId, events[1].MakerOrderId, events[1].Price));
        Assert.Equal(2, _market.OpenTonnes(2));
        Assert.Equal(Yuan(8010), _market.Engine.BestBid);
    }

    [Fact]
    public void Amend_that_changes_nothing_keeps_priority()
    {
        _market.Buy(1, 1, 8000, 1);
        _market.Buy(2, 2, 8000, 1);

        Assert.True(Assert.Single(_market.Amend(1, 8000, 1)).PriorityKept);
        Assert.Equal([1L, 2L], QueueAt8000());
    }

    [Fact]
    public void Depth_follows_amends()
    {
        _market.Buy(1, 1, 8000, 5);
        _market.Buy(2, 2, 8000, 1);

        _market.Amend(1, 8000, 2);
        _market.Amend(2, 7990, 4);

        Assert.Equal([new DepthLevel(Yuan(8000), Tonnes(2), 1), new DepthLevel(Yuan(7990), Tonnes(4), 1)], _market.Depth(Side.Buy));
    }
}
