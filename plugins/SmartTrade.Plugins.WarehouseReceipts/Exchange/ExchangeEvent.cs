using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>What an <see cref="ExchangeEvent"/> reports.</summary>
public enum ExchangeEventKind : byte
{
    /// <summary>A command was refused; see <see cref="ExchangeEvent.Error"/>. Nothing changed.</summary>
    Rejected = 1,

    /// <summary>An instrument was listed.</summary>
    InstrumentAdded,

    /// <summary>An order passed the checks; its cash or receipts are frozen.</summary>
    OrderAccepted,

    /// <summary>A trade, settled at once: cash to the seller, receipt quantity to the buyer, fees booked.</summary>
    Trade,

    /// <summary>The open part of an order was cancelled and its frozen cash or receipts released.</summary>
    OrderCancelled,

    /// <summary>A DAY order expired at the close.</summary>
    OrderExpired,

    /// <summary>An order's price or quantity changed.</summary>
    OrderAmended,

    /// <summary>Cash came into a trading account.</summary>
    CashDeposited,

    /// <summary>Cash left a trading account.</summary>
    CashWithdrawn,

    /// <summary>Receipt quantity came into trading.</summary>
    ReceiptsCredited,

    /// <summary>Receipt quantity left trading.</summary>
    ReceiptsDebited,

    /// <summary>A trading day closed for an instrument: its settlement price and the next day's limits.</summary>
    DaySettled,
}

/// <summary>
/// One thing the exchange did, a flat value (no allocation to write it). Which fields are set depends on
/// <see cref="Kind"/>. Events are derived from commands deterministically, so replaying the journal gives the
/// same events again.
/// </summary>
public readonly record struct ExchangeEvent
{
    /// <summary>What happened.</summary>
    public ExchangeEventKind Kind { get; init; }

    /// <summary>The journal sequence of the command that caused it.</summary>
    public long Sequence { get; init; }

    /// <summary>The command's time, Unix milliseconds.</summary>
    public long Timestamp { get; init; }

    /// <summary>The instrument, when there is one.</summary>
    public int InstrumentId { get; init; }

    /// <summary>The account concerned; for a trade the taker's (the incoming order's).</summary>
    public long TraderId { get; init; }

    /// <summary>The order concerned; for a trade the taker's.</summary>
    public long OrderId { get; init; }

    /// <summary>The order's side; for a trade the aggressor's.</summary>
    public Side Side { get; init; }

    /// <summary>Order events: the limit price. Trade: the trade price. DaySettled: the settlement price.</summary>
    public long Price { get; init; }

    /// <summary>Order events: the order (or cancelled) quantity in kg. Trade: traded kg. Receipts: kg moved.</summary>
    public long Quantity { get; init; }

    /// <summary>The order's open quantity afterwards; for a trade, the taker's.</summary>
    public long Remaining { get; init; }

    /// <summary>Rejected: why.</summary>
    public TradingError Error { get; init; }

    /// <summary>Cancelled: why.</summary>
    public CancelReason CancelReason { get; init; }

    /// <summary>Trade: the instrument's trade number, from 1.</summary>
    public long TradeSequence { get; init; }

    /// <summary>Trade: the resting order.</summary>
    public long MakerOrderId { get; init; }

    /// <summary>Trade: the resting order's account.</summary>
    public long MakerTraderId { get; init; }

    /// <summary>Trade: the resting order's open quantity afterwards.</summary>
    public long MakerRemaining { get; init; }

    /// <summary>Trade: traded value in fen (price x kg / 1000). Cash events: the amount.</summary>
    public long Value { get; init; }

    /// <summary>Trade: the buyer's fee in fen.</summary>
    public long BuyerFee { get; init; }

    /// <summary>Trade: the seller's fee in fen.</summary>
    public long SellerFee { get; init; }

    /// <summary>The command's reference (payments, registry entries).</summary>
    public long Reference { get; init; }

    /// <summary>DaySettled: the day closed (yyyyMMdd).</summary>
    public int TradingDay { get; init; }

    /// <summary>DaySettled: the next day's lower limit.</summary>
    public long LowerLimit { get; init; }

    /// <summary>DaySettled: the next day's upper limit.</summary>
    public long UpperLimit { get; init; }

    /// <summary>Trade: the buying account.</summary>
    public long BuyerId => Side == Side.Buy ? TraderId : MakerTraderId;

    /// <summary>Trade: the selling account.</summary>
    public long SellerId => Side == Side.Sell ? TraderId : MakerTraderId;

    /// <summary>Trade: the buy order.</summary>
    public long BuyOrderId => Side == Side.Buy ? OrderId : MakerOrderId;

    /// <summary>Trade: the sell order.</summary>
    public long SellOrderId => Side == Side.Sell ? OrderId : MakerOrderId;
}

/// <summary>A growable array of <see cref="ExchangeEvent"/> the caller reuses; writing allocates nothing once it has grown.</summary>
public sealed class ExchangeEventBuffer
{
    private ExchangeEvent[] _events;
    private int _count;

    /// <summary>A buffer with room for <paramref name="capacity"/> events before it grows.</summary>
    public ExchangeEventBuffer(int capacity = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _events = new ExchangeEvent[capacity];
    }

    /// <summary>How many events are in the buffer.</summary>
    public int Count => _count;

    /// <summary>The events in the order they happened.</summary>
    public ReadOnlySpan<ExchangeEvent> Events => _events.AsSpan(0, _count);

    /// <summary>Forgets the events, keeping the storage.</summary>
    public void Clear() => _count = 0;

    internal void Add(in ExchangeEvent exchangeEvent)
    {
        if (_count == _events.Length)
        {
            Array.Resize(ref _events, _events.Length * 2);
        }
        _events[_count++] = exchangeEvent;
    }
}
