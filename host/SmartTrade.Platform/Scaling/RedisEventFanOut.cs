using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SmartTrade.Sdk.Scaling;
using StackExchange.Redis;

namespace SmartTrade.Platform.Scaling;

/// <summary>
/// <see cref="IEventFanOut"/> through Redis pub/sub: one channel per topic (<c>{prefix}:events:{topic}</c>), subscribed
/// once per host; a message is published as JSON and comes back to every host, this one included, in publishing
/// order. While Redis is unreachable a message reaches this host's subscribers only (other hosts miss it: the feeds
/// are live views, and SSE clients read the current state again when they reconnect); the subscriptions come back
/// with the connection.
/// </summary>
public sealed class RedisEventFanOut : IEventFanOut, IDisposable
{
    private readonly RedisConnection _redis;
    private readonly ILogger<RedisEventFanOut> _logger;
    private readonly ConcurrentDictionary<string, Topic> _topics = new(StringComparer.Ordinal);

    /// <summary>Creates the fan-out on the host's connection.</summary>
    public RedisEventFanOut(RedisConnection redis, ILogger<RedisEventFanOut> logger)
    {
        _redis = redis;
        _logger = logger;
        _redis.Restored += Resubscribe;
    }

    /// <inheritdoc />
    public void Publish<T>(string topic, T message)
    {
        if (_redis.IsConnected)
        {
            try
            {
                var payload = JsonSerializer.SerializeToUtf8Bytes(message, JsonSerializerOptions.Web);
                _redis.Multiplexer.GetSubscriber().Publish(ChannelOf(topic), payload, CommandFlags.FireAndForget);
                return;
            }
            catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
            {
                _logger.LogDebug(ex, "Publishing on {Topic} failed; delivering on this host only", topic);
            }
        }

        if (_topics.TryGetValue(topic, out var local))
        {
            local.DeliverLocal(message);
        }
    }

    /// <inheritdoc />
    public IDisposable Subscribe<T>(string topic, Action<T> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(handler);
        var entry = _topics.GetOrAdd(topic, name => new Topic(this, name));
        return entry.Add(typeof(T), message => handler((T)message!));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _redis.Restored -= Resubscribe;
        foreach (var topic in _topics.Values)
        {
            topic.Stop();
        }
    }

    private RedisChannel ChannelOf(string topic) => _redis.Channel($"events:{topic}");

    private void Resubscribe()
    {
        foreach (var topic in _topics.Values)
        {
            topic.EnsureSubscribed();
        }
    }

    private sealed class Topic(RedisEventFanOut owner, string name)
    {
        private readonly Lock _lock = new();
        private List<(Type Type, Action<object?> Handler)> _handlers = [];
        private ChannelMessageQueue? _queue;

        public IDisposable Add(Type type, Action<object?> handler)
        {
            var entry = (type, handler);
            lock (_lock)
            {
                _handlers = [.. _handlers, entry];
            }

            EnsureSubscribed();
            return new Removal(() =>
            {
                lock (_lock)
                {
                    _handlers = [.. _handlers.Where(h => !ReferenceEquals(h.Handler, handler))];
                }
            });
        }

        public void EnsureSubscribed()
        {
            lock (_lock)
            {
                if (_queue is not null && !_queue.Completion.IsCompleted)
                {
                    return;
                }

                try
                {
                    _queue = owner._redis.Multiplexer.GetSubscriber().Subscribe(owner.ChannelOf(name));
                    _queue.OnMessage(message => Deliver(message.Message));
                }
                catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
                {
                    // Subscribed again when the connection is restored.
                    _queue = null;
                    owner._logger.LogDebug(ex, "Subscribing to {Topic} failed; retrying when Redis is back", name);
                }
            }
        }

        public void Stop()
        {
            lock (_lock)
            {
                try
                {
                    _queue?.Unsubscribe(CommandFlags.FireAndForget);
                }
                catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
                {
                    // The connection goes with the host.
                }

                _queue = null;
            }
        }

        public void DeliverLocal(object? message)
        {
            foreach (var (type, handler) in _handlers)
            {
                Invoke(handler, message is not null && type.IsInstanceOfType(message)
                    ? message
                    : JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(message, JsonSerializerOptions.Web), type, JsonSerializerOptions.Web));
            }
        }

        private void Deliver(RedisValue payload)
        {
            var handlers = _handlers;
            if (handlers.Count == 0)
            {
                return;
            }

            byte[] bytes = (byte[])payload!;
            Type? lastType = null;
            object? message = null;
            foreach (var (type, handler) in handlers)
            {
                if (type != lastType)
                {
                    try
                    {
                        message = JsonSerializer.Deserialize(bytes, type, JsonSerializerOptions.Web);
                        lastType = type;
                    }
                    catch (JsonException ex)
                    {
                        owner._logger.LogWarning(ex, "A message on {Topic} is not a {Type}; skipped", name, type.Name);
                        continue;
                    }
                }

                Invoke(handler, message);
            }
        }

        private void Invoke(Action<object?> handler, object? message)
        {
            try
            {
                handler(message);
            }
            catch (Exception ex)
            {
                owner._logger.LogError(ex, "A subscriber of {Topic} failed", name);
            }
        }
    }

    private sealed class Removal(Action remove) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                remove();
            }
        }
    }
}
