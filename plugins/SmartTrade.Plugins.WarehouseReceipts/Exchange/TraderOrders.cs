using SmartTrade.Plugins.WarehouseReceipts.Trading;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange;

/// <summary>How an order stands, as traders see it.</summary>
public enum OrderState
{
    /// <summary>In the book, nothing traded yet.</summary>
    Open,

    /// <summary>In the book, partly traded.</summary>
    PartiallyFilled,

    /// <summary>Fully traded.</summary>
    Filled,

    /// <summary>Cancelled (by the trader, IOC/FOK rules, self-trade prevention or the price limits), maybe after some trades.</summary>
    Cancelled,

    /// <summary>A DAY order that reached the close.</summary>
    Expired,
}

/// <summary>An order as its trader sees it: what was asked, what traded, how it stands.</summary>
public sealed record TraderOrder(
    long OrderId,
    long TraderId,
    int InstrumentId,
    Side Side,
    long Price,
    long Quantity,
    long Filled,
    long Remaining,
    long FilledValue,
    OrderState State,
    DateTimeOffset PlacedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// Each trader's recent orders (open ones and the latest closed ones), derived from the exchange's durable events and
/// so rebuilt by the journal's replay. Thread-safe for readers.
/// </summary>
public sealed class TraderOrders : IExchangeListener
{
    /// <summary>Closed orders kept per trader.</summary>
    public const int ClosedKept = 200;

    private readonly Dictionary<long, TraderOrder> _open = [];
    private readonly Dictionary<long, LinkedList<TraderOrder>> _closed = [];
    private readonly Dictionary<long, TraderOrder> _closedById = [];
    private readonly Lock _lock = new();

    /// <summary>An order of <paramref name="traderId"/> by id, if it is open or among the recent closed ones.</summary>
    public TraderOrder? Find(long traderId, long orderId)
    {
        lock (_lock)
        {
            var order = _open.GetValueOrDefault(orderId) ?? _closedById.GetValueOrDefault(orderId);
            return order?.TraderId == traderId ? order : null;
        }
    }

    /// <summary>A trader's open orders, newest first, then (when asked) the recent closed ones.</summary>
    public IReadOnlyList<TraderOrder> Of(long traderId, bool includeClosed)
    {
        lock (_lock)
        {
            var orders = _open.Values.Where(o => o.TraderId == traderId).OrderByDescending(o => o.OrderId).ToList();
            if (includeClosed && _closed.TryGetValue(traderId, out var closed))
            {
                orders.AddRange(closed);
            }
            return orders;
        }
    }

    /// <inheritdoc />
    public void OnEvents(ReadOnlySpan<ExchangeEvent> events, ExchangeState state, bool replay)
    {
        lock (_lock)
        {
            foreach (ref readonly var e in events)
            {
                var at = DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp);
                switch (e.Kind)
                {
                    case ExchangeEventKind.OrderAccepted:
                        _open[e.OrderId] = new TraderOrder(e.OrderId, e.TraderId, e.InstrumentId, e.Side, e.Price, e.Quantity, 0, e.Quantity, 0, OrderState.Open, at, at);
                        break;
                    case ExchangeEventKind.Trade:
                        Fill(e.OrderId, e.Quantity, e.Value, e.Remaining, at);
                        Fill(e.MakerOrderId, e.Quantity, e.Value, e.MakerRemaining, at);
                        break;
                    case ExchangeEventKind.OrderAmended when _open.TryGetValue(e.OrderId, out var amended):
                        _open[e.OrderId] = amended with { Price = e.Price, Quantity = e.Quantity, Remaining = e.Remaining, UpdatedAt = at };
                        break;
                    case ExchangeEventKind.OrderCancelled when _open.TryGetValue(e.OrderId, out var cancelled):
                        Close(cancelled with { Remaining = 0, State = OrderState.Cancelled, UpdatedAt = at });
                        break;
                    case ExchangeEventKind.OrderExpired when _open.TryGetValue(e.OrderId, out var expired):
                        Close(expired with { Remaining = 0, State = OrderState.Expired, UpdatedAt = at });
                        break;
                }
            }
        }
    }

    private void Fill(long orderId, long quantity, long value, long remaining, DateTimeOffset at)
    {
        if (!_open.TryGetValue(orderId, out var order))
        {
            return;
        }
        order = order with
        {
            Filled = order.Filled + quantity,
            FilledValue = order.FilledValue + value,
            Remaining = remaining,
            State = remaining == 0 ? OrderState.Filled : OrderState.PartiallyFilled,
            UpdatedAt = at,
        };
        if (remaining == 0)
        {
            Close(order);
        }
        else
        {
            _open[orderId] = order;
        }
    }

    private void Close(TraderOrder order)
    {
        _open.Remove(order.OrderId);
        if (!_closed.TryGetValue(order.TraderId, out var closed))
        {
            _closed[order.TraderId] = closed = new LinkedList<TraderOrder>();
        }
        closed.AddFirst(order);
        _closedById[order.OrderId] = order;
        if (closed.Count > ClosedKept)
        {
            _closedById.Remove(closed.Last!.Value.OrderId);
            closed.RemoveLast();
        }
    }
}
