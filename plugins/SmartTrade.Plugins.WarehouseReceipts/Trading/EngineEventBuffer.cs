namespace SmartTrade.Plugins.WarehouseReceipts.Trading;

/// <summary>
/// Where the engine writes its events: a growable array the caller reuses. The engine only appends; the
/// caller reads the events (journal, settlement, market data) and calls <see cref="Clear"/>. Once it has
/// grown to the largest burst seen, writing allocates nothing.
/// </summary>
public sealed class EngineEventBuffer
{
    private EngineEvent[] _events;
    private int _count;

    /// <summary>A buffer with room for <paramref name="capacity"/> events before it grows.</summary>
    public EngineEventBuffer(int capacity = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _events = new EngineEvent[capacity];
    }

    /// <summary>How many events are in the buffer.</summary>
    public int Count => _count;

    /// <summary>The events in the order they happened.</summary>
    public ReadOnlySpan<EngineEvent> Events => _events.AsSpan(0, _count);

    /// <summary>The event at <paramref name="index"/>.</summary>
    public ref readonly EngineEvent this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return ref _events[index];
        }
    }

    /// <summary>Forgets the events, keeping the storage.</summary>
    public void Clear() => _count = 0;

    internal void Add(in EngineEvent engineEvent)
    {
        if (_count == _events.Length)
        {
            Array.Resize(ref _events, _events.Length * 2);
        }
        _events[_count++] = engineEvent;
    }
}
