using System.Text.Json.Serialization;
using System.Threading.Channels;
using SmartTrade.Sdk.Scaling;

namespace SmartTrade.Plugins.PriceIndex.Publication;

/// <summary>A value just published (a first publication or a correction), as the live feed sends it.</summary>
/// <param name="Code">The index.</param>
/// <param name="Date">The window's date.</param>
/// <param name="Window">The window's time, <c>HH:mm</c>.</param>
/// <param name="Value">Points.</param>
/// <param name="Version">1, or more for a correction.</param>
/// <param name="MethodologyVersion">The methodology it was computed under.</param>
public sealed record PublishedValueEvent(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("date")] DateOnly Date,
    [property: JsonPropertyName("window")] string Window,
    [property: JsonPropertyName("value")] decimal Value,
    [property: JsonPropertyName("version")] int Version,
    [property: JsonPropertyName("methodologyVersion")] string MethodologyVersion);

/// <summary>
/// Hands each published value to every live listener (the SSE stream) on every host, through the host's
/// <see cref="IEventFanOut"/> (topic <see cref="Topic"/>), and invalidates the cached series (<see cref="CacheRegion"/>)
/// everywhere. A slow listener loses its oldest events.
/// </summary>
public sealed class IndexFeed : IDisposable
{
    /// <summary>The fan-out topic of published values.</summary>
    public const string Topic = "price-index.values";

    /// <summary>The shared cache's region of published series and grade prices.</summary>
    public const string CacheRegion = "price-index.series";

    private readonly Lock _lock = new();
    private readonly List<Channel<PublishedValueEvent>> _listeners = [];
    private readonly IEventFanOut _fanOut;
    private readonly ISharedCache _cache;
    private readonly IDisposable _subscription;

    /// <summary>A feed for one process (tests).</summary>
    public IndexFeed()
        : this(new InProcessEventFanOut(), new InProcessSharedCache())
    {
    }

    /// <summary>A feed on the host's fan-out and shared cache.</summary>
    public IndexFeed(IEventFanOut fanOut, ISharedCache cache)
    {
        _fanOut = fanOut;
        _cache = cache;
        _subscription = fanOut.Subscribe<PublishedValueEvent>(Topic, Deliver);
    }

    /// <summary>Listens until <paramref name="cancellationToken"/> is cancelled.</summary>
    public ChannelReader<PublishedValueEvent> Subscribe(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<PublishedValueEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_lock)
        {
            _listeners.Add(channel);
        }
        cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                _listeners.Remove(channel);
            }
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    /// <summary>After values were committed: drops the cached series on every host and sends the values to every listener.</summary>
    public async Task PublishAsync(IEnumerable<PublishedValueEvent> values, CancellationToken cancellationToken)
    {
        await _cache.InvalidateRegionAsync(CacheRegion, cancellationToken);
        foreach (var value in values)
        {
            _fanOut.Publish(Topic, value);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _subscription.Dispose();

    private void Deliver(PublishedValueEvent value)
    {
        Channel<PublishedValueEvent>[] listeners;
        lock (_lock)
        {
            listeners = [.. _listeners];
        }
        foreach (var listener in listeners)
        {
            listener.Writer.TryWrite(value);
        }
    }
}
