namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>
/// The resting orders of one instrument. Each side is an array of price levels indexed by tick offset from
/// the band's lower limit (the band is bounded, so the array is small), each level a FIFO queue of pooled
/// nodes. The best level of each side is kept as it changes, so the matching loop never searches for it
/// except when the best level empties. Orders are found by id through a dictionary sized up front.
/// It knows nothing of matching rules: <see cref="MatchingEngine"/> decides, the book stores.
/// </summary>
internal sealed class OrderBook
{
    public const int None = OrderPool.None;

    /// <summary>A band wider than this many ticks would make the level arrays too large: widen the tick.</summary>
    public const int MaxLevels = 1 << 16;

    private readonly long _tickSize;
    private readonly OrderPool _orders;
    private readonly Dictionary<long, int> _byOrderId;
    private PriceLevel[] _bids = [];
    private PriceLevel[] _asks = [];
    private int _bestBid = None;
    private int _bestAsk = None;

    public OrderBook(long tickSize, PriceBand band, int capacity)
    {
        _tickSize = tickSize;
        _orders = new OrderPool(capacity);
        _byOrderId = new Dictionary<long, int>(capacity);
        ChangeBand(band);
    }

    public PriceBand Band { get; private set; }

    public int Count => _byOrderId.Count;

    public ref OrderNode this[int node] => ref _orders[node];

    public int LevelOf(long price) => (int)((price - Band.Lower) / _tickSize);

    public long PriceAt(int level) => Band.Lower + level * _tickSize;

    /// <summary>The best (highest bid, lowest ask) non-empty level of a side, or <see cref="None"/>.</summary>
    public int BestLevel(Side side) => side == Side.Buy ? _bestBid : _bestAsk;

    /// <summary>The next non-empty level worse than <paramref name="level"/>, or <see cref="None"/>.</summary>
    public int NextLevel(Side side, int level)
    {
        PriceLevel[] levels = Levels(side);
        int step = side == Side.Buy ? -1 : 1;
        for (int i = level + step; i >= 0 && i < levels.Length; i += step)
        {
            if (!levels[i].IsEmpty)
            {
                return i;
            }
        }
        return None;
    }

    /// <summary>The oldest order at a level, or <see cref="None"/>.</summary>
    public int Head(Side side, int level) => Levels(side)[level].Head;

    /// <summary>Writes the best levels of a side, best first, as many as fit; returns how many.</summary>
    public int WriteDepth(Side side, Span<DepthLevel> destination)
    {
        PriceLevel[] levels = Levels(side);
        int written = 0;
        for (int level = BestLevel(side); level != None && written < destination.Length; level = NextLevel(side, level))
        {
            destination[written++] = new DepthLevel(PriceAt(level), levels[level].Quantity, levels[level].OrderCount);
        }
        return written;
    }

    public bool TryFind(long orderId, out int node) => _byOrderId.TryGetValue(orderId, out node);

    public bool Contains(long orderId) => _byOrderId.ContainsKey(orderId);

    /// <summary>Queues an order at the back of its price level; its price must be inside the band.</summary>
    public void Add(in OrderNode order)
    {
        int node = _orders.Rent();
        ref OrderNode added = ref _orders[node];
        added = order;
        _byOrderId.Add(order.OrderId, node);
        Enqueue(node);
    }

    /// <summary>Takes an order out of the book and frees its node.</summary>
    public void Remove(int node)
    {
        Dequeue(node);
        _byOrderId.Remove(_orders[node].OrderId);
        _orders.Return(node);
    }

    /// <summary>Changes an order's open quantity in place; its place in the queue stays.</summary>
    public void SetRemaining(int node, long remaining)
    {
        ref OrderNode order = ref _orders[node];
        Levels(order.Side)[LevelOf(order.Price)].Quantity += remaining - order.Remaining;
        order.Remaining = remaining;
    }

    /// <summary>Sends an order to the back of its price level's queue.</summary>
    public void MoveToBack(int node)
    {
        Dequeue(node);
        Enqueue(node);
    }

    /// <summary>
    /// Rebuilds the level arrays for a new band. Every resting order must be inside it; queues keep their order.
    /// </summary>
    public void ChangeBand(PriceBand band)
    {
        EnsureValid(band, _tickSize);
        long ticks = (band.Upper - band.Lower) / _tickSize;
        if (!IsEmptyOutside(_bids, band) || !IsEmptyOutside(_asks, band))
        {
            throw new InvalidOperationException("Orders outside the new band must leave the book before it changes.");
        }
        PriceLevel[] oldBids = _bids;
        PriceLevel[] oldAsks = _asks;
        Band = band;
        _bids = NewLevels((int)ticks + 1);
        _asks = NewLevels((int)ticks + 1);
        _bestBid = None;
        _bestAsk = None;
        Requeue(oldBids);
        Requeue(oldAsks);
    }

    private void Requeue(PriceLevel[] oldLevels)
    {
        foreach (PriceLevel level in oldLevels)
        {
            for (int node = level.Head; node != None;)
            {
                int next = _orders[node].Next;
                Enqueue(node);
                node = next;
            }
        }
    }

    /// <summary>Throws unless the band is positive, ordered, on the tick and narrow enough for a level array.</summary>
    public static void EnsureValid(PriceBand band, long tickSize)
    {
        if (band.Lower <= 0 || band.Upper < band.Lower || band.Lower % tickSize != 0 || band.Upper % tickSize != 0
            || (band.Upper - band.Lower) / tickSize >= MaxLevels)
        {
            throw new ArgumentException(
                $"A band must be positive, ordered, on the tick {tickSize} and at most {MaxLevels} ticks wide: {band}.", nameof(band));
        }
    }

    private bool IsEmptyOutside(PriceLevel[] levels, PriceBand band)
    {
        for (int level = 0; level < levels.Length; level++)
        {
            if (!levels[level].IsEmpty && !band.Contains(PriceAt(level)))
            {
                return false;
            }
        }
        return true;
    }

    private void Enqueue(int node)
    {
        ref OrderNode order = ref _orders[node];
        int level = LevelOf(order.Price);
        ref PriceLevel queue = ref Levels(order.Side)[level];
        order.Previous = queue.Tail;
        order.Next = None;
        if (queue.Tail == None)
        {
            queue.Head = node;
        }
        else
        {
            _orders[queue.Tail].Next = node;
        }
        queue.Tail = node;
        queue.Quantity += order.Remaining;
        queue.OrderCount++;

        if (order.Side == Side.Buy)
        {
            if (_bestBid == None || level > _bestBid)
            {
                _bestBid = level;
            }
        }
        else if (_bestAsk == None || level < _bestAsk)
        {
            _bestAsk = level;
        }
    }

    private void Dequeue(int node)
    {
        ref OrderNode order = ref _orders[node];
        int level = LevelOf(order.Price);
        ref PriceLevel queue = ref Levels(order.Side)[level];
        if (order.Previous == None)
        {
            queue.Head = order.Next;
        }
        else
        {
            _orders[order.Previous].Next = order.Next;
        }
        if (order.Next == None)
        {
            queue.Tail = order.Previous;
        }
        else
        {
            _orders[order.Next].Previous = order.Previous;
        }
        queue.Quantity -= order.Remaining;
        queue.OrderCount--;

        if (queue.IsEmpty && level == BestLevel(order.Side))
        {
            // Only emptying the best level costs a scan, and only over the band's few hundred levels.
            if (order.Side == Side.Buy)
            {
                _bestBid = NextLevel(Side.Buy, level);
            }
            else
            {
                _bestAsk = NextLevel(Side.Sell, level);
            }
        }
    }

    private PriceLevel[] Levels(Side side) => side == Side.Buy ? _bids : _asks;

    private static PriceLevel[] NewLevels(int count)
    {
        var levels = new PriceLevel[count];
        Array.Fill(levels, PriceLevel.Empty);
        return levels;
    }
}
