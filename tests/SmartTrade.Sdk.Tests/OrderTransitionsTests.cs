using SmartTrade.Sdk.Orders;

namespace SmartTrade.Sdk.Tests;

public sealed class OrderTransitionsTests
{
    public static TheoryData<OrderStatus, OrderStatus> AllowedTransitions => new()
    {
        { OrderStatus.PendingPayment, OrderStatus.Paid },
        { OrderStatus.PendingPayment, OrderStatus.Cancelled },
        { OrderStatus.Paid, OrderStatus.Shipped },
        { OrderStatus.Paid, OrderStatus.Cancelled },
        { OrderStatus.Paid, OrderStatus.Refunded },
        { OrderStatus.Paid, OrderStatus.PartiallyRefunded },
        { OrderStatus.Shipped, OrderStatus.Delivered },
        { OrderStatus.Shipped, OrderStatus.Refunded },
        { OrderStatus.Shipped, OrderStatus.PartiallyRefunded },
        { OrderStatus.Delivered, OrderStatus.Completed },
        { OrderStatus.Delivered, OrderStatus.Refunded },
        { OrderStatus.Delivered, OrderStatus.PartiallyRefunded },
        { OrderStatus.PartiallyRefunded, OrderStatus.PartiallyRefunded },
        { OrderStatus.PartiallyRefunded, OrderStatus.Refunded },
        { OrderStatus.PartiallyRefunded, OrderStatus.Shipped },
        { OrderStatus.PartiallyRefunded, OrderStatus.Delivered },
        { OrderStatus.PartiallyRefunded, OrderStatus.Completed },
    };

    public static TheoryData<OrderStatus, OrderStatus> RefusedTransitions => new()
    {
        { OrderStatus.PendingPayment, OrderStatus.Shipped },
        { OrderStatus.PendingPayment, OrderStatus.Refunded },
        { OrderStatus.PendingPayment, OrderStatus.PartiallyRefunded },
        { OrderStatus.PendingPayment, OrderStatus.Completed },
        { OrderStatus.PendingPayment, OrderStatus.PendingPayment },
        { OrderStatus.Paid, OrderStatus.PendingPayment },
        { OrderStatus.Paid, OrderStatus.Delivered },
        { OrderStatus.Paid, OrderStatus.Completed },
        { OrderStatus.Paid, OrderStatus.Paid },
        { OrderStatus.Shipped, OrderStatus.Cancelled },
        { OrderStatus.Shipped, OrderStatus.Paid },
        { OrderStatus.Shipped, OrderStatus.Completed },
        { OrderStatus.Delivered, OrderStatus.Cancelled },
        { OrderStatus.Delivered, OrderStatus.Shipped },
        { OrderStatus.Completed, OrderStatus.Refunded },
        { OrderStatus.Completed, OrderStatus.PartiallyRefunded },
        { OrderStatus.Completed, OrderStatus.Cancelled },
        { OrderStatus.Cancelled, OrderStatus.Paid },
        { OrderStatus.Cancelled, OrderStatus.PendingPayment },
        { OrderStatus.Cancelled, OrderStatus.Refunded },
        { OrderStatus.Refunded, OrderStatus.PartiallyRefunded },
        { OrderStatus.Refunded, OrderStatus.Shipped },
        { OrderStatus.Refunded, OrderStatus.Refunded },
        { OrderStatus.PartiallyRefunded, OrderStatus.Cancelled },
        { OrderStatus.PartiallyRefunded, OrderStatus.Paid },
        { OrderStatus.PartiallyRefunded, OrderStatus.PendingPayment },
    };

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void An_allowed_transition_is_accepted(OrderStatus from, OrderStatus to)
        => Assert.True(OrderTransitions.CanTransition(from, to));

    [Theory]
    [MemberData(nameof(RefusedTransitions))]
    public void A_refused_transition_is_rejected(OrderStatus from, OrderStatus to)
        => Assert.False(OrderTransitions.CanTransition(from, to));

    [Fact]
    public void Exactly_the_listed_transitions_are_allowed()
    {
        var allowed = AllowedTransitions.Select(row => ((OrderStatus)row[0], (OrderStatus)row[1])).ToHashSet();
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var to in Enum.GetValues<OrderStatus>())
            {
                Assert.Equal(allowed.Contains((from, to)), OrderTransitions.CanTransition(from, to));
            }
        }
    }

    [Theory]
    [InlineData(OrderStatus.Completed)]
    [InlineData(OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Refunded)]
    public void Completed_cancelled_and_refunded_are_final(OrderStatus status)
    {
        Assert.True(OrderTransitions.IsFinal(status));
        Assert.Empty(OrderTransitions.Next(status));
    }

    [Theory]
    [InlineData(OrderStatus.PendingPayment)]
    [InlineData(OrderStatus.Paid)]
    [InlineData(OrderStatus.Shipped)]
    [InlineData(OrderStatus.Delivered)]
    [InlineData(OrderStatus.PartiallyRefunded)]
    public void Open_statuses_are_not_final(OrderStatus status)
        => Assert.False(OrderTransitions.IsFinal(status));

    [Fact]
    public void Next_lists_the_statuses_a_paid_order_can_move_to()
        => Assert.Equal(
            [OrderStatus.Shipped, OrderStatus.Cancelled, OrderStatus.Refunded, OrderStatus.PartiallyRefunded],
            OrderTransitions.Next(OrderStatus.Paid));

    [Theory]
    [InlineData(false, false, OrderStatus.Shipped, true)]
    [InlineData(false, false, OrderStatus.Delivered, false)]
    [InlineData(false, false, OrderStatus.Completed, false)]
    [InlineData(true, false, OrderStatus.Shipped, false)]
    [InlineData(true, false, OrderStatus.Delivered, true)]
    [InlineData(true, false, OrderStatus.Completed, false)]
    [InlineData(true, true, OrderStatus.Shipped, false)]
    [InlineData(true, true, OrderStatus.Delivered, false)]
    [InlineData(true, true, OrderStatus.Completed, true)]
    [InlineData(true, true, OrderStatus.Refunded, true)]
    [InlineData(false, false, OrderStatus.PartiallyRefunded, true)]
    public void A_partially_refunded_order_only_moves_to_its_next_fulfilment_step(
        bool shipped, bool delivered, OrderStatus to, bool expected)
    {
        var order = NewOrder(OrderStatus.PartiallyRefunded) with
        {
            ShippedAt = shipped ? At : null,
            DeliveredAt = delivered ? At : null,
        };

        Assert.Equal(expected, OrderTransitions.CanTransition(order, to));
    }

    [Fact]
    public void An_order_outside_partial_refund_follows_the_status_graph()
    {
        var paid = NewOrder(OrderStatus.Paid);

        Assert.True(OrderTransitions.CanTransition(paid, OrderStatus.Shipped));
        Assert.False(OrderTransitions.CanTransition(paid, OrderStatus.Delivered));
    }

    [Theory]
    [InlineData(OrderStatus.PendingPayment, OrderStatus.Cancelled, false)]
    [InlineData(OrderStatus.Paid, OrderStatus.Cancelled, true)]
    [InlineData(OrderStatus.Paid, OrderStatus.PartiallyRefunded, true)]
    [InlineData(OrderStatus.Delivered, OrderStatus.Refunded, true)]
    [InlineData(OrderStatus.Paid, OrderStatus.Shipped, false)]
    [InlineData(OrderStatus.Completed, OrderStatus.Refunded, false)]
    public void Refunds_and_cancelling_a_paid_order_move_money_back(OrderStatus from, OrderStatus to, bool expected)
        => Assert.Equal(expected, OrderTransitions.MovesMoneyBack(from, to));

    private static readonly DateTimeOffset At = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static Order NewOrder(OrderStatus status) => new()
    {
        Id = Guid.NewGuid(),
        Number = "20250301-000001",
        BuyerId = "buyer-1",
        MerchantId = "merchant-1",
        MarketId = "appliances",
        Total = Money.FromFen(12_990),
        RefundedTotal = Money.Zero(),
        Status = status,
        CreatedAt = At,
        Version = 1,
    };
}
