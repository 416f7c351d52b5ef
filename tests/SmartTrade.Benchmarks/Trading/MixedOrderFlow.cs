using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Benchmarks.Trading;

/// <summary>One command of a recorded order flow.</summary>
internal readonly record struct FlowStep(NewOrder Order, long CancelOrderId)
{
    public bool IsCancel => CancelOrderId != 0;
}

/// <summary>
/// A realistic order flow for one instrument, made once from a fixed seed: about 55% passive limit orders a few
/// ticks from 8,000 yuan/t, 30% cancels of resting orders, 15% orders that cross (limit GTC or IOC through one
/// or more levels, and market orders), 50 traders. It ends with every still-resting order cancelled, so that
/// replaying it leaves the book as it found it and each replay does the same work.
/// </summary>
internal static class MixedOrderFlow
{
    public static readonly InstrumentSpec Spec = new();

    public static readonly PriceBand Band = PriceBand.FromSettlement(800_000, Spec.TickSize);

    private const long Mid = 800_000;

    /// <summary>A flow of exactly <paramref name="length"/> commands.</summary>
    public static FlowStep[] Create(int length, int seed)
    {
        var random = new Random(seed);
        var engine = new MatchingEngine(Spec, Band);
        var events = new EngineEventBuffer();
        var steps = new List<FlowStep>(length);
        var resting = new List<long>();
        long nextId = 1;

        // Each step adds one command and at most one resting order, so this stops at length - 1 or length.
        while (steps.Count + resting.Count < length - 1)
        {
            int kind = random.Next(100);
            FlowStep step = kind switch
            {
                < 55 => new(Passive(random, nextId++), 0),
                < 85 when resting.Count > 0 => new(default, resting[random.Next(resting.Count)]),
                < 85 => new(Passive(random, nextId++), 0),
                _ => new(Crossing(random, nextId++), 0),
            };
            Apply(engine, events, step);
            Track(engine, events, step, resting);
            steps.Add(step);
        }
        if (steps.Count + resting.Count < length)
        {
            steps.Add(new(default, long.MaxValue)); // one unknown-order cancel makes the count exact
        }
        resting.Sort();
        foreach (long orderId in resting)
        {
            steps.Add(new(default, orderId));
        }
        return [.. steps];
    }

    public static void Apply(MatchingEngine engine, EngineEventBuffer events, in FlowStep step)
    {
        if (step.IsCancel)
        {
            engine.Cancel(step.CancelOrderId, events);
        }
        else
        {
            engine.Submit(step.Order, events);
        }
    }

    private static NewOrder Passive(Random random, long orderId)
    {
        Side side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
        long ticksAway = 1 + random.Next(15);
        long price = side == Side.Buy ? Mid - ticksAway * Spec.TickSize : Mid + ticksAway * Spec.TickSize;
        TimeInForce timeInForce = random.Next(5) == 0 ? TimeInForce.Day : TimeInForce.Gtc;
        return NewOrder.Limit(orderId, Trader(random), side, price, Lots(random, 10), timeInForce);
    }

    private static NewOrder Crossing(Random random, long orderId)
    {
        Side side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
        if (random.Next(10) < 3)
        {
            return NewOrder.Market(orderId, Trader(random), side, Lots(random, 20));
        }
        long ticksThrough = 2 + random.Next(6);
        long price = side == Side.Buy ? Mid + ticksThrough * Spec.TickSize : Mid - ticksThrough * Spec.TickSize;
        TimeInForce timeInForce = random.Next(2) == 0 ? TimeInForce.Ioc : TimeInForce.Gtc;
        return NewOrder.Limit(orderId, Trader(random), side, price, Lots(random, 20), timeInForce);
    }

    private static long Trader(Random random) => 1 + random.Next(50);

    private static long Lots(Random random, int most) => (1 + random.Next(most)) * Spec.LotSize;

    private static void Track(MatchingEngine engine, EngineEventBuffer events, in FlowStep step, List<long> resting)
    {
        foreach (EngineEvent e in events.Events)
        {
            if ((e.Kind == EngineEventKind.Fill && e.MakerRemaining == 0) || e.Kind == EngineEventKind.Cancelled)
            {
                resting.Remove(e.Kind == EngineEventKind.Fill ? e.MakerOrderId : e.OrderId);
            }
        }
        if (!step.IsCancel && engine.TryGetOrder(step.Order.OrderId, out _))
        {
            resting.Add(step.Order.OrderId);
        }
        events.Clear();
    }
}
