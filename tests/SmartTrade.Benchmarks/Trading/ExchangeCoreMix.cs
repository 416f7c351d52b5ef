using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Benchmarks.Trading;

/// <summary>What a <see cref="MixStep"/> does.</summary>
internal enum MixStepKind : byte
{
    Submit,
    Cancel,
    Move,
}

/// <summary>One command of the exchange-core mix.</summary>
internal readonly record struct MixStep(MixStepKind Kind, NewOrder Order, long OrderId, long Price, long Quantity);

/// <summary>
/// The order mix exchange-core publishes its figures with: 9% GTC limit orders, 3% IOC orders, 6% cancels and 82%
/// moves (an amend to a new price, which loses priority and may trade), over a book kept at about 1,000 resting
/// orders on about 750 price levels. Made once from a fixed seed with a real engine to track what rests. It starts
/// with the book filled and ends with every resting order cancelled, so every replay does the same work from an
/// empty book.
/// </summary>
internal static class ExchangeCoreMix
{
    public static readonly InstrumentSpec Spec = new();

    /// <summary>Wide enough for 750 levels: ±10% of 8,000 yuan/t.</summary>
    public static readonly PriceBand Band = PriceBand.FromSettlement(Mid, Spec.TickSize, limitBasisPoints: 1_000);

    private const long Mid = 800_000;
    private const int TargetResting = 1_000;
    private const int HalfSpreadTicks = 375; // 750 levels across both sides

    public static MixStep[] Create(int length, int seed)
    {
        var random = new Random(seed);
        var engine = new MatchingEngine(Spec, Band, orderCapacity: 8_192);
        var events = new EngineEventBuffer();
        var steps = new List<MixStep>(length + TargetResting * 2);
        var resting = new List<long>(TargetResting * 2);
        var restingIndex = new Dictionary<long, int>(TargetResting * 2);
        long nextId = 1;

        void Run(in MixStep step)
        {
            switch (step.Kind)
            {
                case MixStepKind.Submit:
                    engine.Submit(step.Order, events);
                    break;
                case MixStepKind.Cancel:
                    engine.Cancel(step.OrderId, events);
                    break;
                default:
                    engine.Amend(step.OrderId, step.Price, step.Quantity, events);
                    break;
            }
            foreach (EngineEvent e in events.Events)
            {
                long gone = e.Kind switch
                {
                    EngineEventKind.Fill when e.MakerRemaining == 0 => e.MakerOrderId,
                    EngineEventKind.Cancelled => e.OrderId,
                    _ => 0,
                };
                if (gone != 0 && restingIndex.Remove(gone, out int index))
                {
                    long last = resting[^1];
                    resting[index] = last;
                    resting.RemoveAt(resting.Count - 1);
                    if (last != gone)
                    {
                        restingIndex[last] = index;
                    }
                }
            }
            if (step.Kind == MixStepKind.Submit && engine.TryGetOrder(step.Order.OrderId, out _) && !restingIndex.ContainsKey(step.Order.OrderId))
            {
                restingIndex[step.Order.OrderId] = resting.Count;
                resting.Add(step.Order.OrderId);
            }
            events.Clear();
            steps.Add(step);
        }

        while (resting.Count < TargetResting)
        {
            Run(new MixStep(MixStepKind.Submit, Passive(random, nextId++, engine), 0, 0, 0));
        }
        while (steps.Count < length)
        {
            int roll = random.Next(100);
            if (roll < 9 || resting.Count < TargetResting / 2)
            {
                Run(new MixStep(MixStepKind.Submit, Passive(random, nextId++, engine), 0, 0, 0));
            }
            else if (roll < 12)
            {
                Side side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
                long best = (side == Side.Buy ? engine.BestAsk : engine.BestBid) ?? Mid;
                long price = side == Side.Buy ? best + Spec.TickSize * random.Next(3) : best - Spec.TickSize * random.Next(3);
                Run(new MixStep(MixStepKind.Submit, NewOrder.Limit(nextId++, Trader(random), side, price, Lots(random, 5), TimeInForce.Ioc), 0, 0, 0));
            }
            else if (roll < 18)
            {
                Run(new MixStep(MixStepKind.Cancel, default, resting[random.Next(resting.Count)], 0, 0));
            }
            else
            {
                long orderId = resting[random.Next(resting.Count)];
                engine.TryGetOrder(orderId, out var order);
                // Move a few ticks either way, as market makers re-quote; some moves cross and trade.
                long price = Math.Clamp(order.Price + Spec.TickSize * (random.Next(9) - 4), Band.Lower, Band.Upper);
                Run(new MixStep(MixStepKind.Move, default, orderId, price, order.Quantity));
            }
        }
        var remaining = resting.ToArray();
        Array.Sort(remaining);
        foreach (long orderId in remaining)
        {
            Run(new MixStep(MixStepKind.Cancel, default, orderId, 0, 0));
        }
        return [.. steps];
    }

    public static void Apply(MatchingEngine engine, EngineEventBuffer events, in MixStep step)
    {
        switch (step.Kind)
        {
            case MixStepKind.Submit:
                engine.Submit(step.Order, events);
                break;
            case MixStepKind.Cancel:
                engine.Cancel(step.OrderId, events);
                break;
            default:
                engine.Amend(step.OrderId, step.Price, step.Quantity, events);
                break;
        }
    }

    private static NewOrder Passive(Random random, long orderId, MatchingEngine engine)
    {
        Side side = random.Next(2) == 0 ? Side.Buy : Side.Sell;
        long ticksAway = 1 + random.Next(HalfSpreadTicks);
        long price = side == Side.Buy ? Mid - ticksAway * Spec.TickSize : Mid + ticksAway * Spec.TickSize;
        // Keep passive orders passive: never through the other side.
        if (side == Side.Buy && engine.BestAsk is { } ask && price >= ask)
        {
            price = ask - Spec.TickSize;
        }
        else if (side == Side.Sell && engine.BestBid is { } bid && price <= bid)
        {
            price = bid + Spec.TickSize;
        }
        return NewOrder.Limit(orderId, Trader(random), side, price, Lots(random, 10), TimeInForce.Gtc);
    }

    private static long Trader(Random random) => 1 + random.Next(100);

    private static long Lots(Random random, int most) => (1 + random.Next(most)) * Spec.LotSize;
}
