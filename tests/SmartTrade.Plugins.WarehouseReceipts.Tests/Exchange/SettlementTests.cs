using SmartTrade.Plugins.WarehouseReceipts.Exchange;
using SmartTrade.Plugins.WarehouseReceipts.Trading;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Exchange.ExchangeFixture;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Exchange;

public sealed class SettlementTests
{
    [Fact]
    public void A_buy_order_freezes_its_value_at_the_limit_plus_the_fee_rounded_up()
    {
        var x = WithTwoTraders(buyerCash: 10_000_000);
        // 3 t at 8,000.00 yuan/t = 2,400,000 fen; fee 5 bp = 1,200 fen.
        var reply = x.Ok(ExchangeCommand.Limit(Buyer, Pp, Side.Buy, Settlement, 3_000));

        Assert.Equal(OrderOutcome.Resting, reply.Outcome);
        Assert.Equal(new CashAccount(10_000_000, 2_401_200), x.State.Cash(Buyer));
        Assert.Equal(2_401_200, ExchangeState.Cost(Settlement, 3_000, 5));
        Assert.Equal(3_902, ExchangeState.Cost(3_900, 1_000, 5)); // 3,900 fen value, 1.95 fen fee rounds up to 2
    }

    [Fact]
    public void A_sell_order_freezes_the_receipt_quantity_it_offers()
    {
        var x = WithTwoTraders(sellerKg: 10_000);
        x.Ok(ExchangeCommand.Limit(Seller, Pp, Side.Sell, Settlement, 4_000));

        Assert.Equal(new Position(10_000, 4_000), x.State.Receipts(Seller, Pp));
        Assert.Equal(6_000, x.State.FreeReceipts(Seller, Pp));
    }

    [Fact]
    public void A_match_settles_delivery_versus_payment_at_the_makers_price_with_fees_on_both_sides()
    {
        var x = WithTwoTraders(buyerCash: 10_000_000, sellerKg: 10_000);
        x.Ok(ExchangeCommand.Limit(Seller, Pp, Side.Sell, 799_000, 2_000));
        var reply = x.Ok(ExchangeCommand.Limit(Buyer, Pp, Side.Buy, 801_000, 2_000));

        var trade = Assert.Single(x.Trades);
        Assert.Equal(799_000, trade.Price);
        Assert.Equal(1_598_000, trade.Value);
        Assert.Equal(799, trade.BuyerFee);
        Assert.Equal(799, trade.SellerFee);
        Assert.Equal((Buyer, Seller), (trade.BuyerId, trade.SellerId));
        Assert.Equal(OrderOutcome.Filled, reply.Outcome);

        Assert.Equal(new CashAccount(10_000_000 - 1_598_000 - 799, 0), x.State.Cash(Buyer)); // the rest of the freeze is released
        Assert.Equal(new CashAccount(1_598_000 - 799, 0), x.State.Cash(Seller));
        Assert.Equal(1_598, x.State.Cash(ExchangeState.FeeAccountId).Balance);
        Assert.Equal(new Position(2_000, 0), x.State.Receipts(Buyer, Pp));
        Assert.Equal(new Position(8_000, 0), x.State.Receipts(Seller, Pp));
    }

    [Fact]
    public void A_partly_filled_buy_order_keeps_enough_frozen_for_its_rest_and_a_cancel_releases_it()
    {
        var x = WithTwoTraders(buyerCash: 10_000_000, sellerKg: 10_000);
        var buy = x.Ok(ExchangeCommand.Limit(Buyer, Pp, Side.Buy, 810_000, 5_000));
        x.Ok(ExchangeCommand.Limit(Seller, Pp, Side.Sell, 805_000, 2_000));

        var open = Assert.Single(x.State.OpenOrders);
        Assert.Equal(3_000, open.Remaining);
        Assert.True(open.FrozenCash >= ExchangeState.Cost(810_000, 3_000, 5));
        Assert.Equal(open.FrozenCash, x.State.Cash(Buyer).Frozen);

        x.Ok(ExchangeCommand.Cancel(Buyer, buy.OrderId));

        Assert.Equal(0, x.State.Cash(Buyer).Frozen);
        Assert.Equal(10_000_000 - 1_620_000 - 810, x.State.Cash(Buyer).Balance); // traded at the resting buy's price
        Assert.Equal(ExchangeEventKind.OrderCancelled, x.Events.Events[0].Kind);
    }

    [Fact]
    public void Not_enough_free_cash_refuses_the_buy_and_changes_nothing()
    {
        var x = WithTwoTraders(buyerCash: 2_400_000);
        var reply = x.Do(ExchangeCommand.Limit(Buyer, Pp, Side.Buy, Settlement, 3_000)); // needs 2,401,200

        Assert.Equal(TradingError.InsufficientCash, reply.Error);
        Assert.Equal(new CashAccount(2_400_000, 0), x.State.Cash(Buyer));
        Assert.Empty(x.State.OpenOrders);
        Assert.Equal(4, x.State.LastSequence);
    }

    [Fact]
    public void Selling_more_than_the_free_receipts_is_refused_even_when_the_rest_is_offered_already()
    {
        var x = WithTwoTraders(sellerKg: 5_000);
        x.Ok(ExchangeCommand.Limit(Seller, Pp, Side.Sell, 820_000, 4_000));

        Assert.Equal(TradingError.InsufficientReceipts, x.Do(ExchangeCommand.Limit(Seller, Pp, Side.Sell, 820_000, 2_000)).Error);
        Assert.Equal(TradingError.InsufficientReceipts, x.Do(ExchangeCommand.Limit(Other, Pp, Side.Sell, 820_000, 1_000)).Error);
        Assert.Equal(TradingError.InsufficientReceipts, x.Do(ExchangeCommand.DebitReceipts(Seller, Pp, 2_000)).Error);
        Assert.Equal(new Position(5_000, 4_000), x.State.Receipts(Seller, Pp));
    }

    [Theory]
    [InlineData(99, 801_000, 1_000, TradingError.UnknownInstrument)]
    [InlineData(Pp, 800_050, 1_000, TradingError.OffTick)]
    [InlineData(Pp, 800_000, 0, TradingError.InvalidQuantity)]
    [InlineData(Pp, 800_000, -1_000, TradingError.InvalidQuantity)]
    [InlineData(Pp, 800_000, 1_500, TradingError.InvalidQuantity)]
    [InlineData(Pp, 800_000, 1_001_000, TradingError.AboveMaxOrderSize)]
    [InlineData(Pp, 832_100, 1_000, TradingError.OutsidePriceLimit)] // limit up is 832,000
    [InlineData(Pp, 767_900, 1_000, TradingError.OutsidePriceLimit)] // limit down is 768,000
    public void Bad_orders_get_their_error_and_change_nothing(int instrument, long price, long quantity, TradingError expected)
    {
        var x = WithTwoTraders();
        var before = x.State.Cash(Buyer);

        var reply = x.Do(ExchangeCommand.Limit(Buyer, instrument, Side.Buy, price, quantity));

        Assert.Equal(expected, reply.Error);
        Assert.Equal(ExchangeEventKind.Rejected, Assert.Single(x.Events.Events.ToArray()).Kind);
        Assert.Equal(before, x.State.Cash(Buyer));
        Assert.Empty(x.State.OpenOrders);
    }

    [Fact]
    public void Only_the_orders_trader_may_cancel_or_amend_it()
    {
        var x = WithTwoTraders();
        var buy = x.Ok(ExchangeCommand.Limit(Buyer, Pp, Side.Buy, Settlement, 1_000));

        Assert.Equal(TradingError.NotYourOrder, x.Do(ExchangeCommand.Cancel(Other, buy.OrderId)).Error);
        Assert.Equal(TradingError.NotYourOrder, x.Do(ExchangeCommand.Amend(Other, buy.OrderId, Settlement, 2_000)).Error);
        Assert.Equal(TradingError.OrderNotFound, x.Do(ExchangeCommand.Cancel(Buyer, 999)).Error);
        Assert.Single(x.State.OpenOrders);
    }

    [Fact]
    public void Amending_a_buy_order_up_freezes_more_cash_and_down_releases_it()
    {
        var x = WithTwoTraders(buyerCash: 3_000_000);
        var buy = x.Ok(ExchangeCommand.Limit(Buyer, Pp, Side.Buy, Settlement, 2_000));
        Assert.Equal(1_600_800, x.State.Cash(Buyer).Frozen);

        Assert.Equal(TradingError.InsufficientCash, x.Do(ExchangeCommand.Amend(Buyer, buy.OrderId, Settlement, 4_000)).Error);
        Assert.Equal(1_600_800, x.State.Cash(Buyer).Frozen);

        x.Ok(ExchangeCommand.Amend(Buyer, buy.OrderId, 810_000, 3_000));
        Assert.Equal(ExchangeState.Cost(810_000, 3_000, 5), x.State.Cash(Buyer).Frozen);

        x.Ok(ExchangeCommand.Amend(Buyer, buy.OrderId, 790_000, 1_000));
        Assert.Equal(ExchangeState.Cost(790_000, 1_000, 5), x.State.Cash(Buyer).Frozen);
    }

    [Fact]
    public void Withdrawing_frozen_cash_is_refused_and_free_cash_leaves()
    {
        var x = WithTwoTraders(buyerCash: 2_000_000);
        x.Ok(ExchangeCommand.Limit(Buyer, Pp, Side.Buy, Settlement, 2_000)); // freezes 1,600,800

        Assert.Equal(TradingError.InsufficientCash, x.Do(ExchangeCommand.Withdraw(Buyer, 400_000)).Error);
        Assert.Equal(TradingError.InvalidAmount, x.Do(ExchangeCommand.Withdraw(Buyer, 0)).Error);
        x.Ok(ExchangeCommand.Withdraw(Buyer, 399_200));
        Assert.Equal(new CashAccount(1_600_800, 1_600_800), x.State.Cash(Buyer));
    }

    [Fact]
    public void The_close_fixes_the_volume_weighted_settlement_price_expires_day_orders_and_sets_the_next_limits()
    {
        var x = WithTwoTraders(buyerCash: 100_000_000, sellerKg: 20_000);
        x.Ok(ExchangeCommand.Limit(Seller, Pp, Side.Sell, 801_000, 1_000));
        x.Ok(ExchangeCommand.Limit(Seller, Pp, Side.Sell, 804_000, 2_000));
        x.Ok(ExchangeCommand.Limit(Buyer, Pp, Side.Buy, 804_000, 3_000)); // trades 1 t at 8,010 and 2 t at 8,040
        var day = x.Ok(ExchangeCommand.Limit(Buyer, Pp, Side.Buy, 790_000, 1_000, TimeInForce.Day));
        Assert.Equal(ExchangeState.Cost(790_000, 1_000, 5), x.State.Cash(Buyer).Frozen);

        x.Ok(ExchangeCommand.CloseDay(20261127));

        var settled = x.Events.Events.ToArray().Where(e => e.Kind == ExchangeEventKind.DaySettled).ToDictionary(e => e.InstrumentId);
        // VWAP = (8,010 x 1 + 8,040 x 2) / 3 = 8,030.00 yuan/t exactly.
        Assert.Equal(803_000, settled[Pp].Price);
        Assert.Equal((770_900, 835_100), (settled[Pp].LowerLimit, settled[Pp].UpperLimit));
        Assert.Equal(900_000, settled[Hdpe].Price); // no trades: the previous settlement stays
        Assert.Contains(x.Events.Events.ToArray(), e => e.Kind == ExchangeEventKind.OrderExpired && e.OrderId == day.OrderId);
        Assert.Equal(0, x.State.Cash(Buyer).Frozen);
        Assert.Equal(TradingError.InvalidTradingDay, x.Do(ExchangeCommand.CloseDay(20261127)).Error);
    }

    [Fact]
    public void A_settlement_between_ticks_rounds_to_the_nearest_tick()
    {
        var x = WithTwoTraders(buyerCash: 100_000_000, sellerKg: 20_000);
        x.Ok(ExchangeCommand.Limit(Seller, Pp, Side.Sell, 800_100, 1_000));
        x.Ok(ExchangeCommand.Limit(Seller, Pp, Side.Sell, 800_200, 2_000));
        x.Ok(ExchangeCommand.Limit(Buyer, Pp, Side.Buy, 800_200, 3_000));

        x.Ok(ExchangeCommand.CloseDay(20261127));

        // (800,100 + 2 x 800,200) / 3 = 800,166.67 -> 800,200 (tick 100).
        Assert.Equal(800_200, x.Events.Events.ToArray().Single(e => e.Kind == ExchangeEventKind.DaySettled && e.InstrumentId == Pp).Price);
    }

    [Fact]
    public void Instruments_whose_lot_value_is_not_whole_fen_are_refused()
    {
        var x = new ExchangeFixture();
        Assert.Equal(TradingError.InvalidInstrument, x.Do(ExchangeCommand.AddInstrument(1, 800_001, tickSize: 1, lotSize: 1)).Error);
        Assert.Equal(TradingError.InvalidInstrument, x.Do(ExchangeCommand.AddInstrument(1, 800_050)).Error); // off tick
        x.Ok(ExchangeCommand.AddInstrument(1, 800_000));
        Assert.Equal(TradingError.DuplicateInstrument, x.Do(ExchangeCommand.AddInstrument(1, 800_000)).Error);
    }

    [Fact]
    public void A_movement_whose_reference_was_applied_already_is_refused()
    {
        var x = WithTwoTraders();
        x.Ok(ExchangeCommand.Deposit(Other, 1_000, reference: 77));
        x.Ok(ExchangeCommand.Withdraw(Other, 500, reference: 77)); // references are unique per kind

        Assert.Equal(TradingError.DuplicateReference, x.Do(ExchangeCommand.Deposit(Other, 1_000, reference: 77)).Error);
        Assert.Equal(TradingError.DuplicateReference, x.Do(ExchangeCommand.Withdraw(Other, 100, reference: 77)).Error);
        x.Ok(ExchangeCommand.CreditReceipts(Other, Pp, 1_000, reference: 5));
        Assert.Equal(TradingError.DuplicateReference, x.Do(ExchangeCommand.CreditReceipts(Other, Pp, 1_000, reference: 5)).Error);
        Assert.Equal(500, x.State.Cash(Other).Balance);
        Assert.Equal(1_000, x.State.Receipts(Other, Pp).Total);
    }

    [Fact]
    public void A_repeated_order_key_returns_the_first_order_until_the_day_closes()
    {
        var x = WithTwoTraders();
        var first = x.Ok(ExchangeCommand.Limit(Buyer, Pp, Side.Buy, Settlement, 1_000) with { ClientKey = 42 });

        var repeat = x.Do(ExchangeCommand.Limit(Buyer, Pp, Side.Buy, Settlement, 1_000) with { ClientKey = 42 });

        Assert.Equal(TradingError.DuplicateClientKey, repeat.Error);
        Assert.Equal(first.OrderId, repeat.OrderId);
        Assert.Single(x.State.OpenOrders);
        x.Ok(ExchangeCommand.Limit(Seller, Pp, Side.Sell, 810_000, 1_000) with { ClientKey = 42 }); // keys are per trader
        x.Ok(ExchangeCommand.CloseDay(20261125));
        x.Ok(ExchangeCommand.Limit(Buyer, Pp, Side.Buy, Settlement, 1_000) with { ClientKey = 42 });
    }
}
