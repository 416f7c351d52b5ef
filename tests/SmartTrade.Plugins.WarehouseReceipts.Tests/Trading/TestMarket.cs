using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

/// <summary>
/// An engine with the market's default rules and a band of 7,680-8,320 yuan/t (8,000 ± 4%), plus short ways to
/// send commands and read back the events of the last one. Prices are written in yuan/t, quantities in tonnes.
/// </summary>
internal sealed class TestMarket
{
    public static readonly PriceBand DefaultBand = new(Yuan(7680), Yuan(8320));

    private readonly EngineEventBuffer _events = new(capacity: 4);

    public TestMarket(SelfTradePrevention defaultSelfTradePrevention = SelfTradePrevention.CancelNewest, PriceBand? band = null, InstrumentSpec? spec = null)
        : this(new MatchingEngine(spec ?? new InstrumentSpec(), band ?? DefaultBand, defaultSelfTradePrevention))
    {
    }

    public TestMarket(MatchingEngine engine) => Engine = engine;

    public MatchingEngine Engine { get; }

    public static long Yuan(long yuanPerTonne) => yuanPerTonne * 100;

    public static long Tonnes(long tonnes) => tonnes * 1000;

    public EngineEvent[] Submit(NewOrder order) => Run(events => Engine.Submit(order, events));

    public EngineEvent[] Buy(long orderId, long traderId, long yuan, long tonnes, TimeInForce timeInForce = TimeInForce.Gtc) =>
        Submit(NewOrder.Limit(orderId, traderId, Side.Buy, Yuan(yuan), Tonnes(tonnes), timeInForce));

    public EngineEvent[] Sell(long orderId, long traderId, long yuan, long tonnes, TimeInForce timeInForce = TimeInForce.Gtc) =>
        Submit(NewOrder.Limit(orderId, traderId, Side.Sell, Yuan(yuan), Tonnes(tonnes), timeInForce));

    public EngineEvent[] Cancel(long orderId) => Run(events => Engine.Cancel(orderId, events));

    public EngineEvent[] Amend(long orderId, long yuan, long tonnes) => Run(events => Engine.Amend(orderId, Yuan(yuan), Tonnes(tonnes), events));

    public EngineEvent[] EndDay() => Run(Engine.EndDay);

    public EngineEvent[] StartDay(PriceBand band) => Run(events => Engine.StartDay(band, events));

    /// <summary>The resting order's open quantity in tonnes, or null when it is not in the book.</summary>
    public long? OpenTonnes(long orderId) => Engine.TryGetOrder(orderId, out RestingOrder order) ? order.Remaining / 1000 : null;

    public DepthLevel[] Depth(Side side, int levels = MarketDepth.DefaultLevels)
    {
        var buffer = new DepthLevel[levels];
        return buffer[..Engine.WriteDepth(side, buffer)];
    }

    private EngineEvent[] Run(Action<EngineEventBuffer> command)
    {
        _events.Clear();
        command(_events);
        return _events.Events.ToArray();
    }
}
