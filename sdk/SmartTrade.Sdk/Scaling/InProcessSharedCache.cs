using System.Collections.Concurrent;

namespace SmartTrade.Sdk.Scaling;

/// <summary>
/// <see cref="ISharedCache"/> inside one process: the host's default without Redis, and a plugin's default in its own
/// tests. A value read while its region is being invalidated is handed to the caller but not kept, so an
/// invalidation made after a change committed is never undone by a read that started before it.
/// </summary>
/// <param name="time">The clock entries expire by.</param>
/// <param name="maxEntriesPerRegion">A region holding this many entries is emptied before the next one is added.</param>
public sealed class InProcessSharedCache(TimeProvider time, int maxEntriesPerRegion = 10_000) : ISharedCache
{
    private readonly ConcurrentDictionary<string, Region> _regions = new(StringComparer.Ordinal);

    /// <summary>A cache on the system clock.</summary>
    public InProcessSharedCache()
        : this(TimeProvider.System)
    {
    }

    /// <inheritdoc />
    public async Task<T> GetOrCreateAsync<T>(string region, string key, Func<CancellationToken, Task<T>> create, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        var entries = _regions.GetOrAdd(region, _ => new Region());
        if (entries.TryGet(key, time.GetUtcNow(), out T? cached))
        {
            return cached!;
        }

        var generation = entries.Generation;
        var value = await create(cancellationToken);
        entries.TrySet(key, value, time.GetUtcNow() + timeToLive, generation, maxEntriesPerRegion);
        return value;
    }

    /// <inheritdoc />
    public Task InvalidateAsync(string region, string key, CancellationToken cancellationToken = default)
    {
        if (_regions.TryGetValue(region, out var entries))
        {
            entries.Remove(key);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task InvalidateRegionAsync(string region, CancellationToken cancellationToken = default)
    {
        if (_regions.TryGetValue(region, out var entries))
        {
            entries.Clear();
        }

        return Task.CompletedTask;
    }

    /// <summary>Drops every entry of every region (this process only).</summary>
    public void Clear()
    {
        foreach (var entries in _regions.Values)
        {
            entries.Clear();
        }
    }

    private sealed class Region
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<string, (object? Value, DateTimeOffset ExpiresAt)> _entries = new(StringComparer.Ordinal);
        private long _generation;

        public long Generation
        {
            get
            {
                lock (_lock)
                {
                    return _generation;
                }
            }
        }

        public bool TryGet<T>(string key, DateTimeOffset now, out T? value)
        {
            lock (_lock)
            {
                if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now && entry.Value is T typed)
                {
                    value = typed;
                    return true;
                }
            }

            value = default;
            return false;
        }

        public void TrySet(string key, object? value, DateTimeOffset expiresAt, long generation, int maxEntries)
        {
            lock (_lock)
            {
                if (_generation != generation)
                {
                    return; // invalidated while the value was being read: it may be older than the invalidation
                }

                if (_entries.Count >= maxEntries && !_entries.ContainsKey(key))
                {
                    _entries.Clear();
                }

                _entries[key] = (value, expiresAt);
            }
        }

        public void Remove(string key)
        {
            lock (_lock)
            {
                _generation++;
                _entries.Remove(key);
            }
        }

        public void Clear()
        {
            lock (_lock)
            {
                _generation++;
                _entries.Clear();
            }
        }
    }
}
