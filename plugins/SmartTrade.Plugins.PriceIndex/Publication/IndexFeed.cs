using System.Text.Json.Serialization;
using System.Threading.Channels;

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

/// <summary>Hands each published value to every live listener (the SSE stream). A slow listener loses its oldest events.</summary>
public sealed class IndexFeed
{
    private readonly Lock _lock = new();
    private readonly List<Channel<PublishedValueEvent>> _listeners = [];

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

    /// <summary>Sends published values to every listener.</summary>
    public void Publish(IEnumerable<PublishedValueEvent> values)
    {
        Channel<PublishedValueEvent>[] listeners;
        lock (_lock)
        {
            listeners = [.. _listeners];
        }
        foreach (var value in values)
        {
            foreach (var listener in listeners)
            {
                listener.Writer.TryWrite(value);
            }
        }
    }
}
