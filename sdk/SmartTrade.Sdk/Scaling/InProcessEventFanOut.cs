using System.Collections.Immutable;

namespace SmartTrade.Sdk.Scaling;

/// <summary>
/// <see cref="IEventFanOut"/> inside one process: a message goes straight to the topic's subscribers, on the
/// publisher's thread, as the same object. The host's default without Redis, and a plugin's default in its own tests.
/// </summary>
public sealed class InProcessEventFanOut : IEventFanOut
{
    private readonly Lock _lock = new();
    private ImmutableDictionary<string, ImmutableList<Delegate>> _topics = ImmutableDictionary.Create<string, ImmutableList<Delegate>>(StringComparer.Ordinal);

    /// <inheritdoc />
    public void Publish<T>(string topic, T message)
    {
        if (!_topics.TryGetValue(topic, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers)
        {
            if (handler is Action<T> typed)
            {
                typed(message);
            }
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe<T>(string topic, Action<T> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(handler);
        lock (_lock)
        {
            _topics = _topics.SetItem(topic, _topics.GetValueOrDefault(topic, []).Add(handler));
        }

        return new Subscription(this, topic, handler);
    }

    private void Unsubscribe(string topic, Delegate handler)
    {
        lock (_lock)
        {
            if (_topics.TryGetValue(topic, out var handlers))
            {
                handlers = handlers.Remove(handler);
                _topics = handlers.IsEmpty ? _topics.Remove(topic) : _topics.SetItem(topic, handlers);
            }
        }
    }

    private sealed class Subscription(InProcessEventFanOut owner, string topic, Delegate handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(topic, handler);
            }
        }
    }
}
