using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using SmartTrade.Platform.Scaling;
using SmartTrade.Sdk.Scaling;

namespace SmartTrade.Platform.Tests.Scaling;

/// <summary>The event fan-out behind the live feeds: a publisher on one host, subscribers on every host.</summary>
public sealed class EventFanOutTests
{
    [Fact]
    public async Task Messages_published_on_one_host_reach_the_subscribers_of_every_host_in_publishing_order()
    {
        using var hosts = new RedisHosts();
        using var a = new RedisEventFanOut(hosts.A, NullLogger<RedisEventFanOut>.Instance);
        using var b = new RedisEventFanOut(hosts.B, NullLogger<RedisEventFanOut>.Instance);
        var onA = new ConcurrentQueue<Tick>();
        var onB = new ConcurrentQueue<Tick>();
        var other = new ConcurrentQueue<Tick>();
        using var subscriptionA = a.Subscribe<Tick>("exchange.market", onA.Enqueue);
        using var subscriptionB = b.Subscribe<Tick>("exchange.market", onB.Enqueue);
        using var otherTopic = b.Subscribe<Tick>("orders.status", other.Enqueue);
        await RedisHosts.EventuallyAsync(async () =>
        {
            a.Publish("exchange.market", new Tick("probe", 0, []));
            await Task.Delay(50);
            return !onB.IsEmpty;
        }, "host B's subscription is in place");
        onA.Clear();
        onB.Clear();

        for (var i = 1; i <= 200; i++)
        {
            a.Publish("exchange.market", new Tick("PP-T30S", i, [new Level(7_800_00 + i, 1_000)]));
        }

        await RedisHosts.EventuallyAsync(() => Task.FromResult(onA.Count(t => t.Instrument == "PP-T30S") == 200 && onB.Count(t => t.Instrument == "PP-T30S") == 200), "both hosts receive all 200");
        Assert.Equal(Enumerable.Range(1, 200), onB.Where(t => t.Instrument == "PP-T30S").Select(t => (int)t.Sequence));
        Assert.Equal(Enumerable.Range(1, 200), onA.Where(t => t.Instrument == "PP-T30S").Select(t => (int)t.Sequence));
        Assert.Equal(7_800_00 + 200, onB.Last().Bids.Single().Price);
        Assert.Empty(other);
    }

    [Fact]
    public async Task A_disposed_subscription_receives_nothing_more()
    {
        using var hosts = new RedisHosts();
        using var a = new RedisEventFanOut(hosts.A, NullLogger<RedisEventFanOut>.Instance);
        var kept = new ConcurrentQueue<Tick>();
        var dropped = new ConcurrentQueue<Tick>();
        using var keep = a.Subscribe<Tick>("t", kept.Enqueue);
        var drop = a.Subscribe<Tick>("t", dropped.Enqueue);
        drop.Dispose();

        await RedisHosts.EventuallyAsync(async () =>
        {
            a.Publish("t", new Tick("x", 1, []));
            await Task.Delay(50);
            return !kept.IsEmpty;
        }, "the kept subscription receives");

        Assert.Empty(dropped);
    }

    [Fact]
    public void While_Redis_is_unreachable_a_message_still_reaches_this_hosts_subscribers()
    {
        using var unreachable = new RedisConnection($"127.0.0.1:{SharedCacheTests.ClosedPort()},connectTimeout=200", "t", NullLogger<RedisConnection>.Instance);
        using var fanOut = new RedisEventFanOut(unreachable, NullLogger<RedisEventFanOut>.Instance);
        var received = new List<Tick>();
        using var subscription = fanOut.Subscribe<Tick>("t", received.Add);

        fanOut.Publish("t", new Tick("PP-T30S", 9, []));

        Assert.Equal(9, Assert.Single(received).Sequence);
    }

    [Fact]
    public void In_process_a_message_reaches_the_topics_subscribers_on_the_publishers_thread()
    {
        var fanOut = new InProcessEventFanOut();
        var received = new List<Tick>();
        using var subscription = fanOut.Subscribe<Tick>("t", received.Add);
        var message = new Tick("PP-T30S", 1, []);

        fanOut.Publish("t", message);
        fanOut.Publish("other", new Tick("HDPE-5000S", 2, []));

        Assert.Same(message, Assert.Single(received));
    }

    private sealed record Level(long Price, long Quantity);

    private sealed record Tick(string Instrument, long Sequence, IReadOnlyList<Level> Bids);
}
