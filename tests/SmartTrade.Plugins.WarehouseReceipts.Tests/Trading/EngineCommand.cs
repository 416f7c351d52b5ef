using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

/// <summary>One command to the engine, as a value the property tests can generate, print and replay.</summary>
internal abstract record EngineCommand
{
    public abstract void ApplyTo(MatchingEngine engine, EngineEventBuffer events);

    public sealed record Submit(NewOrder Order) : EngineCommand
    {
        public override void ApplyTo(MatchingEngine engine, EngineEventBuffer events) => engine.Submit(Order, events);
    }

    public sealed record Cancel(long OrderId) : EngineCommand
    {
        public override void ApplyTo(MatchingEngine engine, EngineEventBuffer events) => engine.Cancel(OrderId, events);
    }

    public sealed record Amend(long OrderId, long Price, long Quantity) : EngineCommand
    {
        public override void ApplyTo(MatchingEngine engine, EngineEventBuffer events) => engine.Amend(OrderId, Price, Quantity, events);
    }

    /// <summary>Cancels the resting order at position <see cref="Pick"/> (wrapping) in priority order, as a trader picks an open order.</summary>
    public sealed record CancelResting(int Pick) : EngineCommand
    {
        public override void ApplyTo(MatchingEngine engine, EngineEventBuffer events) => engine.Cancel(Target(engine, Pick).OrderId, events);
    }

    /// <summary>Amends a picked resting order: its price moved by <see cref="PriceTicks"/> ticks, a new quantity.</summary>
    public sealed record AmendResting(int Pick, long PriceTicks, long Quantity) : EngineCommand
    {
        public override void ApplyTo(MatchingEngine engine, EngineEventBuffer events)
        {
            RestingOrder order = Target(engine, Pick);
            engine.Amend(order.OrderId, order.Price + PriceTicks * engine.Spec.TickSize, Quantity, events);
        }
    }

    /// <summary>The picked resting order; with an empty book, an order id nothing has.</summary>
    private static RestingOrder Target(MatchingEngine engine, int pick)
    {
        IReadOnlyList<RestingOrder> orders = engine.ExportSnapshot().Orders;
        return orders.Count == 0 ? default : orders[pick % orders.Count];
    }

    public sealed record EndDay : EngineCommand
    {
        public override void ApplyTo(MatchingEngine engine, EngineEventBuffer events) => engine.EndDay(events);
    }

    public sealed record StartDay(PriceBand Band) : EngineCommand
    {
        public override void ApplyTo(MatchingEngine engine, EngineEventBuffer events) => engine.StartDay(Band, events);
    }
}
