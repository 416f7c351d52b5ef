using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>What an <see cref="ExchangeCommand"/> asks for.</summary>
public enum ExchangeCommandKind : byte
{
    /// <summary>Lists an instrument with its rules and previous settlement price (reference data enters through the journal too).</summary>
    AddInstrument = 1,

    /// <summary>Enters an order: risk checks, freeze, match, settle.</summary>
    PlaceOrder,

    /// <summary>Cancels the trader's own resting order.</summary>
    CancelOrder,

    /// <summary>Changes the price and quantity of the trader's own resting order.</summary>
    AmendOrder,

    /// <summary>Adds cash to a trading account (after the payment that funds it succeeded).</summary>
    DepositCash,

    /// <summary>Takes free cash out of a trading account.</summary>
    WithdrawCash,

    /// <summary>Brings receipt quantity into a trader's tradable position (a receipt accepted or released from a pledge).</summary>
    CreditReceipts,

    /// <summary>Takes free receipt quantity out of trading (for a pledge or a load-out).</summary>
    DebitReceipts,

    /// <summary>Closes the trading day: DAY orders expire, settlement prices are fixed, the next day's limits set.</summary>
    CloseDay,
}

/// <summary>
/// One input of the exchange, as the journal stores it. The exchange's state is a function of its commands in
/// sequence order, so replaying the journal rebuilds books, frozen amounts, positions and cash exactly. Fields a
/// kind does not use are zero. Checks that depend on the wall clock (the trading session) run before a command is
/// journaled, never during replay.
/// </summary>
public readonly record struct ExchangeCommand
{
    /// <summary>The kind of command.</summary>
    public ExchangeCommandKind Kind { get; init; }

    /// <summary>The journal's sequence number, from 1; assigned when the command is journaled.</summary>
    public long Sequence { get; init; }

    /// <summary>When the exchange received it, in Unix milliseconds.</summary>
    public long Timestamp { get; init; }

    /// <summary>The instrument concerned.</summary>
    public int InstrumentId { get; init; }

    /// <summary>The trading account concerned.</summary>
    public long TraderId { get; init; }

    /// <summary>Cancel and amend: the order to change.</summary>
    public long OrderId { get; init; }

    /// <summary>Place: buy or sell.</summary>
    public Side Side { get; init; }

    /// <summary>Place: limit or market.</summary>
    public OrderType OrderType { get; init; }

    /// <summary>Place: how long the order stays.</summary>
    public TimeInForce TimeInForce { get; init; }

    /// <summary>Place: self-trade prevention.</summary>
    public SelfTradePrevention SelfTradePrevention { get; init; }

    /// <summary>Place and amend: price in fen per tonne (a market order's protection price, or 0). AddInstrument: the previous settlement price.</summary>
    public long Price { get; init; }

    /// <summary>Place and amend: quantity in kg. Credit and debit: kg of receipts.</summary>
    public long Quantity { get; init; }

    /// <summary>Deposit and withdraw: amount in fen.</summary>
    public long Amount { get; init; }

    /// <summary>
    /// Cash and receipt movements: the caller's reference (a payment, a registry entry), unique per kind; a movement
    /// with a reference already applied is refused with <see cref="TradingError.DuplicateReference"/>. 0: none.
    /// </summary>
    public long Reference { get; init; }

    /// <summary>
    /// Place: the trader's key for this order (a hash of its Idempotency-Key); a second order with the same key on the
    /// same trading day is refused with <see cref="TradingError.DuplicateClientKey"/> and the first order's id. 0: none.
    /// </summary>
    public long ClientKey { get; init; }

    /// <summary>AddInstrument: tick in fen per tonne.</summary>
    public long TickSize { get; init; }

    /// <summary>AddInstrument: lot in kg.</summary>
    public long LotSize { get; init; }

    /// <summary>AddInstrument: largest order in lots.</summary>
    public long MaxOrderLots { get; init; }

    /// <summary>AddInstrument: fee on traded value for each side, in basis points.</summary>
    public int FeeBasisPoints { get; init; }

    /// <summary>AddInstrument: daily price limit around the previous settlement, in basis points.</summary>
    public int LimitBasisPoints { get; init; }

    /// <summary>CloseDay: the trading day closed, as yyyyMMdd.</summary>
    public int TradingDay { get; init; }

    /// <summary>A limit order.</summary>
    public static ExchangeCommand Limit(long traderId, int instrumentId, Side side, long price, long quantity, TimeInForce timeInForce = TimeInForce.Gtc) =>
        new()
        {
            Kind = ExchangeCommandKind.PlaceOrder, TraderId = traderId, InstrumentId = instrumentId, Side = side,
            OrderType = OrderType.Limit, TimeInForce = timeInForce, Price = price, Quantity = quantity,
        };

    /// <summary>A market order, IOC up to <paramref name="protectionPrice"/> (0: the edge of the day's limits).</summary>
    public static ExchangeCommand Market(long traderId, int instrumentId, Side side, long quantity, long protectionPrice = 0) =>
        new()
        {
            Kind = ExchangeCommandKind.PlaceOrder, TraderId = traderId, InstrumentId = instrumentId, Side = side,
            OrderType = OrderType.Market, TimeInForce = TimeInForce.Ioc, Price = protectionPrice, Quantity = quantity,
        };

    /// <summary>A cancel of the trader's order.</summary>
    public static ExchangeCommand Cancel(long traderId, long orderId) =>
        new() { Kind = ExchangeCommandKind.CancelOrder, TraderId = traderId, OrderId = orderId };

    /// <summary>An amend of the trader's order to <paramref name="price"/> and order quantity <paramref name="quantity"/>.</summary>
    public static ExchangeCommand Amend(long traderId, long orderId, long price, long quantity) =>
        new() { Kind = ExchangeCommandKind.AmendOrder, TraderId = traderId, OrderId = orderId, Price = price, Quantity = quantity };

    /// <summary>Cash into a trading account.</summary>
    public static ExchangeCommand Deposit(long traderId, long amount, long reference = 0) =>
        new() { Kind = ExchangeCommandKind.DepositCash, TraderId = traderId, Amount = amount, Reference = reference };

    /// <summary>Cash out of a trading account.</summary>
    public static ExchangeCommand Withdraw(long traderId, long amount, long reference = 0) =>
        new() { Kind = ExchangeCommandKind.WithdrawCash, TraderId = traderId, Amount = amount, Reference = reference };

    /// <summary>Receipt quantity into trading.</summary>
    public static ExchangeCommand CreditReceipts(long traderId, int instrumentId, long kilograms, long reference = 0) =>
        new() { Kind = ExchangeCommandKind.CreditReceipts, TraderId = traderId, InstrumentId = instrumentId, Quantity = kilograms, Reference = reference };

    /// <summary>Free receipt quantity out of trading.</summary>
    public static ExchangeCommand DebitReceipts(long traderId, int instrumentId, long kilograms, long reference = 0) =>
        new() { Kind = ExchangeCommandKind.DebitReceipts, TraderId = traderId, InstrumentId = instrumentId, Quantity = kilograms, Reference = reference };

    /// <summary>The end of trading day <paramref name="tradingDay"/> (yyyyMMdd).</summary>
    public static ExchangeCommand CloseDay(int tradingDay) =>
        new() { Kind = ExchangeCommandKind.CloseDay, TradingDay = tradingDay };

    /// <summary>An instrument with the market's default rules unless given.</summary>
    public static ExchangeCommand AddInstrument(
        int instrumentId,
        long previousSettlementPrice,
        long tickSize = 100,
        long lotSize = 1000,
        long maxOrderLots = 1000,
        int feeBasisPoints = 5,
        int limitBasisPoints = PriceBand.DefaultLimitBasisPoints) =>
        new()
        {
            Kind = ExchangeCommandKind.AddInstrument, InstrumentId = instrumentId, Price = previousSettlementPrice,
            TickSize = tickSize, LotSize = lotSize, MaxOrderLots = maxOrderLots,
            FeeBasisPoints = feeBasisPoints, LimitBasisPoints = limitBasisPoints,
        };
}
