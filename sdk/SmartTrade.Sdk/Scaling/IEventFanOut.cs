namespace SmartTrade.Sdk.Scaling;

/// <summary>
/// Hands live events (order status, exchange market data, index values) to every host of the deployment: a
/// publisher on one host, subscribers on all. In-process on a single host; through Redis pub/sub when the host is
/// configured with Redis. Delivery is at most once and best effort: it feeds live views (Server-Sent Events), never
/// state that must not be lost, so a subscriber that needs the whole picture reads it first and then applies
/// updates (each update should carry enough to replace what it changes, or a sequence number to drop stale ones).
/// </summary>
/// <remarks>
/// Topics are plain names, one per kind of event, for example <c>orders.status</c> or
/// <c>warehouse-receipts.exchange.market</c>: subscribe once per host and route messages locally (by order,
/// instrument, ...). Messages cross hosts as JSON (<c>System.Text.Json</c>, web defaults), so a message type must
/// round-trip through it. Handlers run on a delivery thread and must be quick and must not throw: hand the message
/// to a channel.
/// </remarks>
public interface IEventFanOut
{
    /// <summary>
    /// Publishes a message on a topic without waiting: never blocks and never throws. When the shared transport is
    /// unreachable, this host's own subscribers still receive it.
    /// </summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="topic">The topic.</param>
    /// <param name="message">The message.</param>
    void Publish<T>(string topic, T message);

    /// <summary>Receives every message published on a topic by any host, until the returned handle is disposed.</summary>
    /// <typeparam name="T">The message type.</typeparam>
    /// <param name="topic">The topic.</param>
    /// <param name="handler">Called once per message.</param>
    IDisposable Subscribe<T>(string topic, Action<T> handler);
}
