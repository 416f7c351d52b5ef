using Microsoft.Extensions.Logging.Abstractions;
using SmartTrade.Platform.Scaling;
using SmartTrade.Sdk.Scaling;

namespace SmartTrade.Platform.Tests.Scaling;

/// <summary>The shared cache: one value for every host, and an invalidation on any host reaches all of them.</summary>
public sealed class SharedCacheTests
{
    private static readonly TimeSpan Minutes = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_value_cached_by_one_host_is_served_by_the_other_until_either_host_invalidates_it()
    {
        using var hosts = new RedisHosts();
        using var a = new RedisSharedCache(hosts.A, TimeProvider.System, NullLogger<RedisSharedCache>.Instance);
        using var b = new RedisSharedCache(hosts.B, TimeProvider.System, NullLogger<RedisSharedCache>.Instance);
        var reads = 0;

        var onA = await a.GetOrCreateAsync("catalog.listing", "42", _ => Task.FromResult(new Cached("kettle", ++reads)), Minutes);
        var onB = await b.GetOrCreateAsync("catalog.listing", "42", _ => Task.FromResult(new Cached("read on B", ++reads)), Minutes);
        await b.InvalidateAsync("catalog.listing", "42");

        Assert.Equal(new Cached("kettle", 1), onA);
        Assert.Equal(new Cached("kettle", 1), onB);
        await RedisHosts.EventuallyAsync(
            async () => await a.GetOrCreateAsync("catalog.listing", "42", _ => Task.FromResult(new Cached("kettle v2", ++reads)), Minutes) == new Cached("kettle v2", 2),
            "host A reads the source again after host B's invalidation");
        Assert.Equal(new Cached("kettle v2", 2), await b.GetOrCreateAsync("catalog.listing", "42", _ => Task.FromResult(new Cached("read on B", ++reads)), Minutes));
    }

    [Fact]
    public async Task A_region_invalidation_drops_every_entry_of_the_region_on_every_host_and_no_other()
    {
        using var hosts = new RedisHosts();
        using var a = new RedisSharedCache(hosts.A, TimeProvider.System, NullLogger<RedisSharedCache>.Instance);
        using var b = new RedisSharedCache(hosts.B, TimeProvider.System, NullLogger<RedisSharedCache>.Instance);
        foreach (var key in new[] { "index:ZSPI", "index:ZSPI-PP" })
        {
            await b.GetOrCreateAsync("price-index.series", key, _ => Task.FromResult(1), Minutes);
        }

        await b.GetOrCreateAsync("catalog.listing", "7", _ => Task.FromResult(1), Minutes);

        await a.InvalidateRegionAsync("price-index.series");

        await RedisHosts.EventuallyAsync(
            async () => await b.GetOrCreateAsync("price-index.series", "index:ZSPI", _ => Task.FromResult(2), Minutes) == 2,
            "host B drops the region host A invalidated");
        Assert.Equal(2, await b.GetOrCreateAsync("price-index.series", "index:ZSPI-PP", _ => Task.FromResult(2), Minutes));
        Assert.Equal(1, await b.GetOrCreateAsync("catalog.listing", "7", _ => Task.FromResult(2), Minutes));
    }

    [Fact]
    public async Task While_Redis_is_unreachable_reads_go_to_the_source_and_nothing_is_cached()
    {
        using var unreachable = new RedisConnection($"127.0.0.1:{ClosedPort()},connectTimeout=200", "t", NullLogger<RedisConnection>.Instance);
        using var cache = new RedisSharedCache(unreachable, TimeProvider.System, NullLogger<RedisSharedCache>.Instance);
        var reads = 0;

        await cache.GetOrCreateAsync("r", "k", _ => Task.FromResult(++reads), Minutes);
        var second = await cache.GetOrCreateAsync("r", "k", _ => Task.FromResult(++reads), Minutes);
        await cache.InvalidateAsync("r", "k"); // remembered, not thrown

        Assert.Equal(2, second);
    }

    [Fact]
    public async Task In_process_a_value_read_while_its_region_is_invalidated_is_handed_out_but_not_kept()
    {
        var cache = new InProcessSharedCache(new ManualTimeProvider(DateTimeOffset.UnixEpoch));
        var reading = new TaskCompletionSource<string>();

        var slowRead = cache.GetOrCreateAsync("r", "k", _ => reading.Task, Minutes);
        await cache.InvalidateRegionAsync("r"); // the change commits while the old value is being read
        reading.SetResult("old");

        Assert.Equal("old", await slowRead);
        Assert.Equal("new", await cache.GetOrCreateAsync("r", "k", _ => Task.FromResult("new"), Minutes));
    }

    [Fact]
    public async Task In_process_an_entry_expires_after_its_time_to_live()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var cache = new InProcessSharedCache(clock);
        await cache.GetOrCreateAsync("r", "k", _ => Task.FromResult(1), TimeSpan.FromMinutes(1));

        clock.Advance(TimeSpan.FromSeconds(59));
        var before = await cache.GetOrCreateAsync("r", "k", _ => Task.FromResult(2), TimeSpan.FromMinutes(1));
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = await cache.GetOrCreateAsync("r", "k", _ => Task.FromResult(3), TimeSpan.FromMinutes(1));

        Assert.Equal(1, before);
        Assert.Equal(3, after);
    }

    internal static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Cached(string Title, int Read);
}
