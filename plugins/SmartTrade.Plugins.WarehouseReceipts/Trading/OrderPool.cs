namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>
/// Storage for resting orders: one array of nodes with a free list, so entering and removing orders
/// reuses slots instead of allocating. It doubles when full, which only happens while the book grows.
/// </summary>
internal sealed class OrderPool
{
    public const int None = -1;

    private OrderNode[] _nodes;
    private int _firstFree = None;
    private int _highWater;

    public OrderPool(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _nodes = new OrderNode[capacity];
    }

    /// <summary>The node at <paramref name="index"/>; the reference is valid until the next <see cref="Rent"/>.</summary>
    public ref OrderNode this[int index] => ref _nodes[index];

    public int Rent()
    {
        if (_firstFree != None)
        {
            int index = _firstFree;
            _firstFree = _nodes[index].Next;
            return index;
        }
        if (_highWater == _nodes.Length)
        {
            Array.Resize(ref _nodes, _nodes.Length * 2);
        }
        return _highWater++;
    }

    public void Return(int index)
    {
        _nodes[index] = default;
        _nodes[index].Next = _firstFree;
        _firstFree = index;
    }
}
