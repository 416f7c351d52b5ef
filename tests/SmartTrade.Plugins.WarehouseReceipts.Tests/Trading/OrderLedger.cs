using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Trading;

/// <summary>
/// Follows every order through the engine's events alone, as a caller freezing and unfreezing cash and
/// receipts would, and checks after each command that the events, the ledger and the engine agree.
/// </summary>
internal sealed class OrderLedger
{
    private sealed class Entry
    {
        public required long TraderId { get; init; }
        public required Side Side { get; init; }
        public required TimeInForce TimeInForce { get; init; }
        public required long Original { get; init; }
        public long Price { get; set; }
        public long AmendedBy { get; set; }
        public long Filled { get; set; }
        public long Cancelled { get; set; }
        public long Remaining { get; set; }
    }

    private readonly Dictionary<long, Entry> _open = [];
    private readonly List<Entry> _closed = [];
    private long _lastTradeSequence;

    /// <summary>Applies one command's events and checks every invariant.</summary>
    public void Record(EngineCommand command, ReadOnlySpan<EngineEvent> events, MatchingEngine engine)
    {
        if (events.Length > 1)
        {
            Assert.DoesNotContain(EngineEventKind.Rejected, events.ToArray().Select(e => e.Kind));
        }
        foreach (EngineEvent e in events)
        {
            Apply(command, e);
        }
        foreach (long id in _open.Where(o => o.Value.Remaining == 0).Select(o => o.Key).ToList())
        {
            _closed.Add(_open[id]);
            _open.Remove(id);
        }
        CheckConservation();
        CheckAgainstEngine(engine);
    }

    private void Apply(EngineCommand command, EngineEvent e)
    {
        switch (e.Kind)
        {
            case EngineEventKind.Accepted:
                Assert.IsType<EngineCommand.Submit>(command);
                Assert.False(_open.ContainsKey(e.OrderId), "An accepted order's id must not belong to an order in the book.");
                _open[e.OrderId] = new Entry
                {
                    TraderId = e.TraderId, Side = e.Side, TimeInForce = ((EngineCommand.Submit)command).Order.TimeInForce,
                    Original = e.Quantity, Price = e.Price, Remaining = e.Quantity,
                };
                break;

            case EngineEventKind.Rejected:
                if (e.RejectReason == RejectReason.DuplicateOrderId)
                {
                    Assert.True(_open.ContainsKey(e.OrderId));
                }
                if (e.RejectReason == RejectReason.UnknownOrderId)
                {
                    Assert.False(_open.ContainsKey(e.OrderId));
                }
                break;

            case EngineEventKind.Fill:
                ApplyFill(e);
                break;

            case EngineEventKind.Cancelled or EngineEventKind.Expired:
                Entry gone = _open[e.OrderId];
                Assert.Equal(gone.Remaining, e.Quantity);
                Assert.Equal(0, e.Remaining);
                Assert.True(e.Kind == EngineEventKind.Cancelled ? e.CancelReason != CancelReason.None : gone.TimeInForce == TimeInForce.Day);
                gone.Cancelled += e.Quantity;
                gone.Remaining = 0;
                break;

            case EngineEventKind.Amended:
                Entry amended = _open[e.OrderId];
                Assert.Equal((amended.Price, amended.Remaining), (e.PreviousPrice, e.PreviousRemaining));
                Assert.Equal(amended.Filled, e.Quantity - e.Remaining);
                amended.AmendedBy += e.Remaining - e.PreviousRemaining;
                amended.Remaining = e.Remaining;
                amended.Price = e.Price;
                break;

            default:
                Assert.Fail($"Unknown event {e}.");
                break;
        }
    }

    private void ApplyFill(EngineEvent fill)
    {
        Entry taker = _open[fill.TakerOrderId];
        Entry maker = _open[fill.MakerOrderId];
        Assert.Equal(++_lastTradeSequence, fill.TradeSequence);
        Assert.NotEqual(fill.MakerTraderId, fill.TakerTraderId);
        Assert.Equal((taker.TraderId, maker.TraderId), (fill.TakerTraderId, fill.MakerTraderId));
        Assert.NotEqual(taker.Side, maker.Side);
        Assert.Equal(maker.Price, fill.Price);
        Entry buyer = taker.Side == Side.Buy ? taker : maker;
        Entry seller = taker.Side == Side.Buy ? maker : taker;
        Assert.InRange(fill.Price, seller.Price, buyer.Price);
        Assert.True(fill.Quantity > 0 && fill.Quantity % 1000 == 0, $"Fill of {fill.Quantity} kg is not whole lots.");

        foreach ((Entry order, long reported) in new[] { (taker, fill.Remaining), (maker, fill.MakerRemaining) })
        {
            order.Filled += fill.Quantity;
            order.Remaining -= fill.Quantity;
            Assert.Equal(order.Remaining, reported);
            Assert.True(order.Remaining >= 0);
        }
    }

    private void CheckConservation()
    {
        foreach (Entry order in _open.Values.Concat(_closed))
        {
            Assert.Equal(order.Original + order.AmendedBy, order.Filled + order.Remaining + order.Cancelled);
        }
    }

    private void CheckAgainstEngine(MatchingEngine engine)
    {
        Assert.Equal(_open.Count, engine.RestingOrderCount);
        foreach ((long id, Entry order) in _open)
        {
            Assert.True(engine.TryGetOrder(id, out RestingOrder resting), $"Order {id} should rest.");
            Assert.Contains(order.TimeInForce, new[] { TimeInForce.Gtc, TimeInForce.Day });
            Assert.Equal((order.TraderId, order.Side, order.Price, order.Remaining), (resting.TraderId, resting.Side, resting.Price, resting.Remaining));
            Assert.True(engine.Band.Contains(resting.Price));
        }

        if (engine.BestBid is long bid && engine.BestAsk is long ask)
        {
            Assert.True(bid < ask, $"The book is crossed: bid {bid} >= ask {ask}.");
        }

        foreach (Side side in new[] { Side.Buy, Side.Sell })
        {
            var depth = new DepthLevel[1000];
            DepthLevel[] levels = depth[..engine.WriteDepth(side, depth)];
            Entry[] orders = [.. _open.Values.Where(o => o.Side == side)];
            Assert.Equal(orders.Sum(o => o.Remaining), levels.Sum(l => l.Quantity));
            Assert.Equal(orders.Length, levels.Sum(l => l.OrderCount));
            long[] prices = [.. levels.Select(l => l.Price)];
            Assert.Equal(side == Side.Buy ? prices.OrderDescending() : prices.Order(), prices);
            Assert.Equal(prices.Distinct().Count(), prices.Length);
            Assert.Equal(side == Side.Buy ? engine.BestBid : engine.BestAsk, prices.Length == 0 ? null : prices[0]);
        }
    }
}
