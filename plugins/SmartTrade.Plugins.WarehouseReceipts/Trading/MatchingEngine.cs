namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>
/// The matching engine of one instrument: price-time priority, partial fills, trades at the resting
/// (maker) order's price, self-trade prevention, and the daily price band. It is pure and in memory:
/// each command appends what happened to an <see cref="EngineEventBuffer"/> and nothing else leaves it,
/// so the same commands from the same state always give the same events (the journal replays on that).
/// </summary>
/// <remarks>
/// Single writer: one thread sends all commands. Account checks (free cash, free receipts, open session)
/// are the caller's, before it calls; the events give the quantities to freeze and unfreeze.
/// After the book has grown to its working size, commands allocate nothing.
/// </remarks>
public sealed class MatchingEngine
{
    /// <summary>Resting orders the engine has room for before its storage grows.</summary>
    public const int DefaultOrderCapacity = 4096;

    private readonly OrderBook _book;

    /// <summary>An empty book for a trading day with price band <paramref name="band"/>.</summary>
    /// <param name="spec">The instrument's tick, lot and size limit.</param>
    /// <param name="band">Today's price band, on the tick.</param>
    /// <param name="defaultSelfTradePrevention">The mode for orders that do not name one.</param>
    /// <param name="orderCapacity">Resting orders to make room for up front.</param>
    public MatchingEngine(
        InstrumentSpec spec,
        PriceBand band,
        SelfTradePrevention defaultSelfTradePrevention = SelfTradePrevention.CancelNewest,
        int orderCapacity = DefaultOrderCapacity)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.EnsureValid();
        if (defaultSelfTradePrevention is < SelfTradePrevention.CancelNewest or > SelfTradePrevention.CancelBoth)
        {
            throw new ArgumentOutOfRangeException(nameof(defaultSelfTradePrevention), "The engine's default must be a concrete mode.");
        }
        Spec = spec;
        DefaultSelfTradePrevention = defaultSelfTradePrevention;
        _book = new OrderBook(spec.TickSize, band, orderCapacity);
    }

    /// <summary>The instrument's rules.</summary>
    public InstrumentSpec Spec { get; }

    /// <summary>The mode for orders entered with <see cref="SelfTradePrevention.EngineDefault"/>.</summary>
    public SelfTradePrevention DefaultSelfTradePrevention { get; }

    /// <summary>The current trading day's price band.</summary>
    public PriceBand Band => _book.Band;

    /// <summary>The sequence number of the last trade (0 before the first).</summary>
    public long LastTradeSequence { get; private set; }

    /// <summary>The price of the last trade, if any.</summary>
    public long? LastTradePrice { get; private set; }

    /// <summary>The highest bid, if any.</summary>
    public long? BestBid => BestPrice(Side.Buy);

    /// <summary>The lowest ask, if any.</summary>
    public long? BestAsk => BestPrice(Side.Sell);

    /// <summary>How many orders rest in the book.</summary>
    public int RestingOrderCount => _book.Count;

    /// <summary>
    /// Enters an order. Events: Rejected; or Accepted, then any fills, then Cancelled for a part that may not
    /// rest (IOC, market, FOK, self-trade). A GTC or DAY remainder rests silently.
    /// </summary>
    public void Submit(in NewOrder order, EngineEventBuffer events)
    {
        ArgumentNullException.ThrowIfNull(events);
        long limitPrice = 0;
        RejectReason reason =
            order.OrderId <= 0 ? RejectReason.InvalidOrderId
            : _book.Contains(order.OrderId) ? RejectReason.DuplicateOrderId
            : OrderRules.Check(order, Spec, Band, out limitPrice);
        if (reason != RejectReason.None)
        {
            events.Add(new EngineEvent
            {
                Kind = EngineEventKind.Rejected, OrderId = order.OrderId, TraderId = order.TraderId, Side = order.Side,
                Price = order.Price, Quantity = order.Quantity, RejectReason = reason,
            });
            return;
        }

        var incoming = new OrderNode
        {
            OrderId = order.OrderId, TraderId = order.TraderId, Side = order.Side, Price = limitPrice,
            Quantity = order.Quantity, Remaining = order.Quantity, TimeInForce = order.TimeInForce,
            SelfTradePrevention = order.SelfTradePrevention == SelfTradePrevention.EngineDefault
                ? DefaultSelfTradePrevention
                : order.SelfTradePrevention,
        };
        events.Add(new EngineEvent
        {
            Kind = EngineEventKind.Accepted, OrderId = incoming.OrderId, TraderId = incoming.TraderId, Side = incoming.Side,
            Price = incoming.Price, Quantity = incoming.Quantity, Remaining = incoming.Remaining,
        });
        if (incoming.TimeInForce == TimeInForce.Fok && !CanFillCompletely(incoming))
        {
            events.Add(Cancelled(incoming, CancelReason.FillOrKill));
            return;
        }
        Execute(ref incoming, events);
    }

    /// <summary>Takes a resting order out of the book. Events: Cancelled (with the open quantity), or Rejected.</summary>
    public void Cancel(long orderId, EngineEventBuffer events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!_book.TryFind(orderId, out int node))
        {
            events.Add(new EngineEvent { Kind = EngineEventKind.Rejected, OrderId = orderId, RejectReason = RejectReason.UnknownOrderId });
            return;
        }
        CancelResting(node, CancelReason.Requested, events);
    }

    /// <summary>
    /// Changes a resting order's price and order quantity (pass the current value for the one that stays).
    /// A lower quantity at the same price keeps the order's place; a higher quantity sends it to the back of
    /// its level; a new price takes it out and enters it again, so it may trade at once. A quantity no larger
    /// than what already traded cancels the rest. Events: Amended then any fills or a cancel; or Cancelled; or Rejected.
    /// </summary>
    public void Amend(long orderId, long price, long quantity, EngineEventBuffer events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!_book.TryFind(orderId, out int node))
        {
            events.Add(new EngineEvent
            {
                Kind = EngineEventKind.Rejected, OrderId = orderId, Price = price, Quantity = quantity,
                RejectReason = RejectReason.UnknownOrderId,
            });
            return;
        }
        ref OrderNode order = ref _book[node];
        RejectReason reason = OrderRules.CheckQuantity(quantity, Spec);
        if (reason == RejectReason.None)
        {
            reason = OrderRules.CheckPrice(price, Spec, Band);
        }
        if (reason != RejectReason.None)
        {
            events.Add(new EngineEvent
            {
                Kind = EngineEventKind.Rejected, OrderId = orderId, TraderId = order.TraderId, Side = order.Side,
                Price = price, Quantity = quantity, Remaining = order.Remaining, RejectReason = reason,
            });
            return;
        }

        long filled = order.Quantity - order.Remaining;
        if (quantity <= filled)
        {
            CancelResting(node, CancelReason.AmendedBelowFilled, events);
            return;
        }
        long previousPrice = order.Price;
        long previousRemaining = order.Remaining;
        long remaining = quantity - filled;
        bool priorityKept = price == previousPrice && quantity <= order.Quantity;
        events.Add(new EngineEvent
        {
            Kind = EngineEventKind.Amended, OrderId = orderId, TraderId = order.TraderId, Side = order.Side,
            Price = price, Quantity = quantity, Remaining = remaining,
            PreviousPrice = previousPrice, PreviousRemaining = previousRemaining, PriorityKept = priorityKept,
        });

        if (price == previousPrice)
        {
            order.Quantity = quantity;
            _book.SetRemaining(node, remaining);
            if (!priorityKept)
            {
                _book.MoveToBack(node);
            }
            return;
        }
        OrderNode reentered = order;
        reentered.Price = price;
        reentered.Quantity = quantity;
        reentered.Remaining = remaining;
        _book.Remove(node);
        Execute(ref reentered, events);
    }

    /// <summary>Closes the trading day: every DAY order expires. Events: Expired for each, in priority order, bids first.</summary>
    public void EndDay(EngineEventBuffer events)
    {
        ArgumentNullException.ThrowIfNull(events);
        RemoveAtDayChange(Side.Buy, Band, events);
        RemoveAtDayChange(Side.Sell, Band, events);
    }

    /// <summary>
    /// Opens a trading day with a new price band: DAY orders still resting expire, GTC orders priced outside
    /// the new band are cancelled (<see cref="CancelReason.OutsidePriceBand"/>), the rest keep their priority.
    /// </summary>
    /// <exception cref="ArgumentException">The band is not positive, ordered, on the tick, or is too wide.</exception>
    public void StartDay(PriceBand band, EngineEventBuffer events)
    {
        ArgumentNullException.ThrowIfNull(events);
        OrderBook.EnsureValid(band, Spec.TickSize);
        RemoveAtDayChange(Side.Buy, band, events);
        RemoveAtDayChange(Side.Sell, band, events);
        _book.ChangeBand(band);
    }

    /// <summary>Writes the best levels of one side, best first, as many as <paramref name="levels"/> holds; returns how many.</summary>
    public int WriteDepth(Side side, Span<DepthLevel> levels)
    {
        if (side is not (Side.Buy or Side.Sell))
        {
            throw new ArgumentOutOfRangeException(nameof(side));
        }
        return _book.WriteDepth(side, levels);
    }

    /// <summary>Refreshes <paramref name="depth"/> with the top of the book and the last trade price.</summary>
    public void ReadDepth(MarketDepth depth)
    {
        ArgumentNullException.ThrowIfNull(depth);
        depth.Refresh(this);
    }

    /// <summary>Finds a resting order by id.</summary>
    public bool TryGetOrder(long orderId, out RestingOrder order)
    {
        if (_book.TryFind(orderId, out int node))
        {
            order = _book[node].ToRestingOrder();
            return true;
        }
        order = default;
        return false;
    }

    /// <summary>The engine's state, for a journal checkpoint; <see cref="FromSnapshot"/> restores it.</summary>
    public EngineSnapshot ExportSnapshot()
    {
        var orders = new List<RestingOrder>(_book.Count);
        AppendInPriorityOrder(Side.Buy, orders);
        AppendInPriorityOrder(Side.Sell, orders);
        return new EngineSnapshot(Band, LastTradeSequence, LastTradePrice, orders.ToArray());
    }

    /// <summary>An engine in the state <paramref name="snapshot"/> describes; it answers later commands exactly as the original would.</summary>
    /// <exception cref="ArgumentException">The snapshot breaks a rule of the instrument or the book (off tick, outside the band, crossed, duplicate id, ...).</exception>
    public static MatchingEngine FromSnapshot(
        InstrumentSpec spec,
        EngineSnapshot snapshot,
        SelfTradePrevention defaultSelfTradePrevention = SelfTradePrevention.CancelNewest)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var engine = new MatchingEngine(spec, snapshot.Band, defaultSelfTradePrevention, Math.Max(DefaultOrderCapacity, snapshot.Orders.Count))
        {
            LastTradeSequence = snapshot.LastTradeSequence,
            LastTradePrice = snapshot.LastTradePrice,
        };
        foreach (RestingOrder order in snapshot.Orders)
        {
            engine.Restore(order);
        }
        if (engine.BestBid >= engine.BestAsk)
        {
            throw new ArgumentException("The snapshot's book is crossed.", nameof(snapshot));
        }
        return engine;
    }

    /// <summary>Matches an accepted order, then rests or cancels what is left of it.</summary>
    private void Execute(ref OrderNode incoming, EngineEventBuffer events)
    {
        bool stoppedBySelfTrade = Match(ref incoming, events);
        if (incoming.Remaining == 0)
        {
            return;
        }
        if (stoppedBySelfTrade)
        {
            events.Add(Cancelled(incoming, CancelReason.SelfTrade));
        }
        else if (incoming.TimeInForce is TimeInForce.Gtc or TimeInForce.Day)
        {
            _book.Add(incoming);
        }
        else
        {
            events.Add(Cancelled(incoming, incoming.TimeInForce == TimeInForce.Fok ? CancelReason.FillOrKill : CancelReason.ImmediateOrCancel));
        }
    }

    /// <summary>Trades the incoming order against the other side while prices cross; true when self-trade prevention stopped it.</summary>
    private bool Match(ref OrderNode incoming, EngineEventBuffer events)
    {
        Side makerSide = Opposite(incoming.Side);
        while (incoming.Remaining > 0)
        {
            int level = _book.BestLevel(makerSide);
            if (level == OrderBook.None || !Crosses(incoming, _book.PriceAt(level)))
            {
                return false;
            }
            int node = _book.Head(makerSide, level);
            ref OrderNode maker = ref _book[node];
            if (maker.TraderId == incoming.TraderId)
            {
                if (incoming.SelfTradePrevention != SelfTradePrevention.CancelNewest)
                {
                    CancelResting(node, CancelReason.SelfTrade, events);
                }
                if (incoming.SelfTradePrevention != SelfTradePrevention.CancelOldest)
                {
                    return true;
                }
                continue;
            }

            long quantity = Math.Min(incoming.Remaining, maker.Remaining);
            long makerRemaining = maker.Remaining - quantity;
            incoming.Remaining -= quantity;
            LastTradeSequence++;
            LastTradePrice = maker.Price;
            events.Add(new EngineEvent
            {
                Kind = EngineEventKind.Fill, OrderId = incoming.OrderId, TraderId = incoming.TraderId, Side = incoming.Side,
                Price = maker.Price, Quantity = quantity, Remaining = incoming.Remaining, TradeSequence = LastTradeSequence,
                MakerOrderId = maker.OrderId, MakerTraderId = maker.TraderId, MakerRemaining = makerRemaining,
            });
            if (makerRemaining == 0)
            {
                _book.Remove(node);
            }
            else
            {
                _book.SetRemaining(node, makerRemaining);
            }
        }
        return false;
    }

    /// <summary>Whether matching would fill the whole order, walking the book as <see cref="Match"/> would, without changing it.</summary>
    private bool CanFillCompletely(in OrderNode incoming)
    {
        Side makerSide = Opposite(incoming.Side);
        long available = 0;
        for (int level = _book.BestLevel(makerSide);
             level != OrderBook.None && Crosses(incoming, _book.PriceAt(level));
             level = _book.NextLevel(makerSide, level))
        {
            for (int node = _book.Head(makerSide, level); node != OrderBook.None; node = _book[node].Next)
            {
                ref OrderNode maker = ref _book[node];
                if (maker.TraderId == incoming.TraderId)
                {
                    // Cancel-oldest clears the trader's own order out of the way; the other modes stop matching here.
                    if (incoming.SelfTradePrevention != SelfTradePrevention.CancelOldest)
                    {
                        return false;
                    }
                    continue;
                }
                available += maker.Remaining;
                if (available >= incoming.Remaining)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>Expires DAY orders and cancels orders outside <paramref name="keep"/>, walking one side in priority order.</summary>
    private void RemoveAtDayChange(Side side, PriceBand keep, EngineEventBuffer events)
    {
        for (int level = _book.BestLevel(side); level != OrderBook.None; level = _book.NextLevel(side, level))
        {
            for (int node = _book.Head(side, level); node != OrderBook.None;)
            {
                ref OrderNode order = ref _book[node];
                int next = order.Next;
                if (order.TimeInForce == TimeInForce.Day)
                {
                    events.Add(Removed(order, EngineEventKind.Expired, CancelReason.None));
                    _book.Remove(node);
                }
                else if (!keep.Contains(order.Price))
                {
                    CancelResting(node, CancelReason.OutsidePriceBand, events);
                }
                node = next;
            }
        }
    }

    private void CancelResting(int node, CancelReason reason, EngineEventBuffer events)
    {
        events.Add(Cancelled(_book[node], reason));
        _book.Remove(node);
    }

    private static EngineEvent Cancelled(in OrderNode order, CancelReason reason) => Removed(order, EngineEventKind.Cancelled, reason);

    /// <summary>An order's open quantity leaves the market (cancelled, or expired).</summary>
    private static EngineEvent Removed(in OrderNode order, EngineEventKind kind, CancelReason reason) => new()
    {
        Kind = kind, OrderId = order.OrderId, TraderId = order.TraderId, Side = order.Side,
        Price = order.Price, Quantity = order.Remaining, Remaining = 0, CancelReason = reason,
    };

    private void AppendInPriorityOrder(Side side, List<RestingOrder> orders)
    {
        for (int level = _book.BestLevel(side); level != OrderBook.None; level = _book.NextLevel(side, level))
        {
            for (int node = _book.Head(side, level); node != OrderBook.None; node = _book[node].Next)
            {
                orders.Add(_book[node].ToRestingOrder());
            }
        }
    }

    private void Restore(in RestingOrder order)
    {
        bool valid = order.OrderId > 0
            && !_book.Contains(order.OrderId)
            && order.Side is Side.Buy or Side.Sell
            && order.TimeInForce is TimeInForce.Gtc or TimeInForce.Day
            && order.SelfTradePrevention is >= SelfTradePrevention.CancelNewest and <= SelfTradePrevention.CancelBoth
            && OrderRules.CheckQuantity(order.Quantity, Spec) == RejectReason.None
            && order.Remaining > 0 && order.Remaining <= order.Quantity && order.Remaining % Spec.LotSize == 0
            && OrderRules.CheckPrice(order.Price, Spec, Band) == RejectReason.None;
        if (!valid)
        {
            throw new ArgumentException($"The snapshot holds an order this book cannot hold: {order}.", "snapshot");
        }
        _book.Add(new OrderNode
        {
            OrderId = order.OrderId, TraderId = order.TraderId, Side = order.Side, Price = order.Price,
            Quantity = order.Quantity, Remaining = order.Remaining, TimeInForce = order.TimeInForce,
            SelfTradePrevention = order.SelfTradePrevention,
        });
    }

    private long? BestPrice(Side side)
    {
        int level = _book.BestLevel(side);
        return level == OrderBook.None ? null : _book.PriceAt(level);
    }

    private static bool Crosses(in OrderNode incoming, long makerPrice) =>
        incoming.Side == Side.Buy ? makerPrice <= incoming.Price : makerPrice >= incoming.Price;

    private static Side Opposite(Side side) => side == Side.Buy ? Side.Sell : Side.Buy;
}
