using System.Threading.Channels;
using SmartTrade.Plugins.WarehouseReceipts.Trading;
using SmartTrade.Sdk.Scaling;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>An instrument's market at a moment: the day's statistics, limits and five levels each side. Prices fen/t, quantities kg.</summary>
public sealed record MarketSnapshot(
    int InstrumentId,
    long Sequence,
    DateTimeOffset UpdatedAt,
    long? Last,
    long PreviousSettlement,
    long? Change,
    long? Open,
    long? High,
    long? Low,
    long Volume,
    long Turnover,
    long LowerLimit,
    long UpperLimit,
    IReadOnlyList<DepthLevel> Bids,
    IReadOnlyList<DepthLevel> Asks);

/// <summary>A trade on the tape.</summary>
public sealed record TapeTrade(int InstrumentId, long TradeSequence, DateTimeOffset Time, long Price, long Quantity, Side Aggressor);

/// <summary>K-line intervals.</summary>
public enum CandleInterval
{
    /// <summary>One minute.</summary>
    OneMinute,

    /// <summary>Five minutes.</summary>
    FiveMinutes,

    /// <summary>One hour.</summary>
    OneHour,

    /// <summary>One trading day (market date, Asia/Shanghai).</summary>
    OneDay,
}

/// <summary>One K-line candle: open, high, low, close of the trades in it, volume in kg and turnover in fen.</summary>
public sealed record Candle(DateTimeOffset Start, long Open, long High, long Low, long Close, long Volume, long Turnover);

/// <summary>What a live market-data subscriber receives after each durable batch that touched its instrument.</summary>
public sealed record MarketUpdate(MarketSnapshot Snapshot, IReadOnlyList<TapeTrade> Trades);

/// <summary>
/// Market data derived from the exchange's durable events: snapshots (statistics and depth), the trades tape and
/// K-line candles per instrument, plus live subscriptions. It is an <see cref="IExchangeListener"/>, so replaying the
/// journal at start rebuilds all of it; readers on any thread see the state after the last durable batch.
/// </summary>
/// <remarks>
/// Live updates travel through the host's <see cref="IEventFanOut"/> (topic <see cref="Topic"/>): the host whose engine
/// made them publishes, and the subscribers on every host receive them, so a market-data stream open on any host
/// follows the instrument wherever it is traded.
/// </remarks>
public sealed class MarketData : IExchangeListener, IDisposable
{
    /// <summary>The fan-out topic of live market updates (one message per instrument per durable batch).</summary>
    public const string Topic = "warehouse-receipts.exchange.market";

    /// <summary>Depth levels shown each side.</summary>
    public const int DepthLevels = 5;

    /// <summary>Trades kept on each instrument's tape.</summary>
    public const int TapeLength = 500;

    /// <summary>Candles kept per instrument and interval.</summary>
    public const int CandlesKept = 2_000;

    private static readonly TimeSpan MarketOffset = TimeSpan.FromHours(8);

    private readonly Dictionary<int, InstrumentData> _instruments = [];
    private readonly Lock _instrumentsLock = new();
    private readonly DepthLevel[] _depth = new DepthLevel[DepthLevels];
    private readonly IEventFanOut _fanOut;
    private readonly IDisposable _subscription;

    /// <summary>Market data whose live updates stay in this process (tests, tools).</summary>
    public MarketData()
        : this(new InProcessEventFanOut())
    {
    }

    /// <summary>Market data whose live updates go through the host's fan-out.</summary>
    public MarketData(IEventFanOut fanOut)
    {
        _fanOut = fanOut;
        _subscription = fanOut.Subscribe<MarketUpdate>(Topic, Deliver);
    }

    /// <summary>The instruments with market data.</summary>
    public IReadOnlyList<int> InstrumentIds
    {
        get
        {
            lock (_instrumentsLock)
            {
                return [.. _instruments.Keys.Order()];
            }
        }
    }

    /// <summary>The latest snapshot of an instrument, or <see langword="null"/> when it is not listed.</summary>
    public MarketSnapshot? Snapshot(int instrumentId) => Find(instrumentId)?.Snapshot;

    /// <summary>The latest trades, newest first.</summary>
    public IReadOnlyList<TapeTrade> Tape(int instrumentId, int limit = 50)
    {
        var data = Find(instrumentId);
        if (data is null)
        {
            return [];
        }
        lock (data.Lock)
        {
            int count = Math.Min(Math.Clamp(limit, 1, TapeLength), data.Tape.Count);
            var trades = new TapeTrade[count];
            for (int i = 0; i < count; i++)
            {
                trades[i] = data.Tape[data.Tape.Count - 1 - i];
            }
            return trades;
        }
    }

    /// <summary>Candles of an interval whose start is in [<paramref name="from"/>, <paramref name="to"/>), oldest first.</summary>
    public IReadOnlyList<Candle> Candles(int instrumentId, CandleInterval interval, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var data = Find(instrumentId);
        if (data is null)
        {
            return [];
        }
        lock (data.Lock)
        {
            var candles = data.Candles[(int)interval];
            var result = new List<Candle>();
            foreach (var candle in candles)
            {
                if ((from is null || candle.Start >= from) && (to is null || candle.Start < to))
                {
                    result.Add(candle);
                }
            }
            return result;
        }
    }

    /// <summary>
    /// Live updates of one instrument, starting with its current snapshot. A slow reader loses old updates, never
    /// the latest (each update carries a whole snapshot).
    /// </summary>
    public ChannelReader<MarketUpdate> Subscribe(int instrumentId, CancellationToken cancellationToken)
    {
        var data = Find(instrumentId) ?? throw new ArgumentException($"Instrument {instrumentId} has no market data.", nameof(instrumentId));
        var channel = Channel.CreateBounded<MarketUpdate>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (data.Lock)
        {
            data.Subscribers.Add(channel);
            if (data.Snapshot is { } snapshot)
            {
                channel.Writer.TryWrite(new MarketUpdate(snapshot, []));
            }
        }
        cancellationToken.Register(() =>
        {
            lock (data.Lock)
            {
                data.Subscribers.Remove(channel);
            }
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    /// <inheritdoc />
    public void OnEvents(ReadOnlySpan<ExchangeEvent> events, ExchangeState state, bool replay)
    {
        int lastInstrument = -1;
        InstrumentData? data = null;
        List<InstrumentData>? touched = null;
        foreach (ref readonly var e in events)
        {
            if (e.InstrumentId == 0 || e.Kind == ExchangeEventKind.Rejected)
            {
                continue;
            }
            if (e.InstrumentId != lastInstrument)
            {
                data = GetOrAdd(e.InstrumentId);
                lastInstrument = e.InstrumentId;
            }
            if (!data!.Touched)
            {
                data.Touched = true;
                (touched ??= []).Add(data);
            }
            if (e.Kind == ExchangeEventKind.Trade)
            {
                var trade = new TapeTrade(e.InstrumentId, e.TradeSequence, DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp), e.Price, e.Quantity, e.Side);
                lock (data.Lock)
                {
                    if (data.Tape.Count == TapeLength)
                    {
                        data.Tape.RemoveAt(0);
                    }
                    data.Tape.Add(trade);
                    data.NewTrades.Add(trade);
                    for (int interval = 0; interval < data.Candles.Length; interval++)
                    {
                        AddToCandle(data.Candles[interval], (CandleInterval)interval, trade, e.Value);
                    }
                }
            }
        }
        if (touched is null)
        {
            return;
        }
        foreach (var instrument in touched)
        {
            instrument.Touched = false;
            if (!state.TryGetInstrument(instrument.Id, out var market))
            {
                continue;
            }
            var snapshot = BuildSnapshot(market, events[^1]);
            MarketUpdate? update = null;
            lock (instrument.Lock)
            {
                instrument.Snapshot = snapshot;
                if (!replay)
                {
                    update = new MarketUpdate(snapshot, [.. instrument.NewTrades]);
                }
                instrument.NewTrades.Clear();
            }
            if (update is not null)
            {
                _fanOut.Publish(Topic, update);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _subscription.Dispose();

    private void Deliver(MarketUpdate update)
    {
        var data = Find(update.Snapshot.InstrumentId);
        if (data is null)
        {
            return;
        }
        lock (data.Lock)
        {
            foreach (var subscriber in data.Subscribers)
            {
                subscriber.Writer.TryWrite(update);
            }
        }
    }

    /// <summary>The start of the interval holding <paramref name="time"/>, on the market's clock.</summary>
    public static DateTimeOffset BucketStart(DateTimeOffset time, CandleInterval interval)
    {
        var local = time.ToOffset(MarketOffset);
        var start = interval switch
        {
            CandleInterval.OneMinute => new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, MarketOffset),
            CandleInterval.FiveMinutes => new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, local.Minute / 5 * 5, 0, MarketOffset),
            CandleInterval.OneHour => new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, MarketOffset),
            CandleInterval.OneDay => new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, MarketOffset),
            _ => throw new ArgumentOutOfRangeException(nameof(interval)),
        };
        return start;
    }

    private static void AddToCandle(List<Candle> candles, CandleInterval interval, TapeTrade trade, long value)
    {
        var start = BucketStart(trade.Time, interval);
        if (candles.Count > 0 && candles[^1].Start == start)
        {
            var last = candles[^1];
            candles[^1] = last with
            {
                High = Math.Max(last.High, trade.Price),
                Low = Math.Min(last.Low, trade.Price),
                Close = trade.Price,
                Volume = last.Volume + trade.Quantity,
                Turnover = last.Turnover + value,
            };
            return;
        }
        if (candles.Count == CandlesKept)
        {
            candles.RemoveAt(0);
        }
        candles.Add(new Candle(start, trade.Price, trade.Price, trade.Price, trade.Price, trade.Quantity, value));
    }

    private MarketSnapshot BuildSnapshot(Instrument market, in ExchangeEvent last)
    {
        var engine = market.Engine;
        int bids = engine.WriteDepth(Side.Buy, _depth);
        var bidLevels = _depth.AsSpan(0, bids).ToArray();
        int asks = engine.WriteDepth(Side.Sell, _depth);
        var askLevels = _depth.AsSpan(0, asks).ToArray();
        long? lastPrice = engine.LastTradePrice;
        return new MarketSnapshot(
            market.Id, last.Sequence, DateTimeOffset.FromUnixTimeMilliseconds(last.Timestamp), lastPrice, market.PreviousSettlement,
            lastPrice - market.PreviousSettlement, market.Open, market.High, market.Low, market.DayQuantity, market.DayValue,
            engine.Band.Lower, engine.Band.Upper, bidLevels, askLevels);
    }

    private InstrumentData? Find(int instrumentId)
    {
        lock (_instrumentsLock)
        {
            return _instruments.GetValueOrDefault(instrumentId);
        }
    }

    private InstrumentData GetOrAdd(int instrumentId)
    {
        lock (_instrumentsLock)
        {
            if (!_instruments.TryGetValue(instrumentId, out var data))
            {
                data = new InstrumentData(instrumentId);
                _instruments.Add(instrumentId, data);
            }
            return data;
        }
    }

    private sealed class InstrumentData(int id)
    {
        public int Id { get; } = id;

        public Lock Lock { get; } = new();

        public MarketSnapshot? Snapshot { get; set; }

        public List<TapeTrade> Tape { get; } = [];

        public List<TapeTrade> NewTrades { get; } = [];

        public List<Candle>[] Candles { get; } = [[], [], [], []];

        public List<Channel<MarketUpdate>> Subscribers { get; } = [];

        public bool Touched { get; set; }
    }
}
