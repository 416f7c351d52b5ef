using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Platform.Scaling;
using SmartTrade.Sdk.Scaling;
using StackExchange.Redis;

namespace SmartTrade.Platform.Tests.Scaling;

/// <summary>Leases: one holder at a time across hosts, growing fencing tokens, expiry when the holder goes quiet.</summary>
public sealed class LeaseTests
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Only_one_host_holds_a_lease_and_each_new_holding_gets_a_greater_fencing_token()
    {
        using var hosts = new RedisHosts();
        var a = Provider(hosts.A, TimeProvider.System);
        var b = Provider(hosts.B, TimeProvider.System);

        var first = await a.TryAcquireAsync("exchange", TimeToLive);
        Assert.NotNull(first);
        Assert.Null(await b.TryAcquireAsync("exchange", TimeToLive));
        Assert.Null(await a.TryAcquireAsync("exchange", TimeToLive));
        Assert.Equal(new LeaseHolder(a.HolderId, first.FencingToken), await b.GetHolderAsync("exchange"));
        await using (var another = await b.TryAcquireAsync("another", TimeToLive))
        {
            Assert.NotNull(another);
        }


        await first.DisposeAsync();
        Assert.Null(await b.GetHolderAsync("exchange"));
        await using var second = await b.TryAcquireAsync("exchange", TimeToLive);
        Assert.NotNull(second);
        Assert.True(second.FencingToken > first.FencingToken);
        Assert.False(second.Lost.IsCancellationRequested);
        Assert.Equal(b.HolderId, (await a.GetHolderAsync("exchange"))!.HolderId);
    }

    [Fact]
    public async Task A_lease_renews_itself_and_outlives_its_time_to_live_while_held()
    {
        using var hosts = new RedisHosts();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var a = Provider(hosts.A, clock);
        await using var lease = await a.TryAcquireAsync("exchange", TimeToLive);
        Assert.NotNull(lease);
        var key = hosts.A.Key("lease:exchange");

        for (var renewal = 0; renewal < 3; renewal++)
        {
            await hosts.A.Database.KeyExpireAsync(key, TimeSpan.FromSeconds(1));
            clock.Advance(TimeToLive / 3);
            await RedisHosts.EventuallyAsync(async () => await hosts.A.Database.KeyTimeToLiveAsync(key) > TimeSpan.FromSeconds(2), $"renewal {renewal} restores the time to live");
        }

        Assert.False(lease.Lost.IsCancellationRequested);
    }

    [Fact]
    public async Task A_holder_whose_lease_expired_and_was_taken_learns_at_its_next_renewal_that_it_lost_it()
    {
        using var hosts = new RedisHosts();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var a = Provider(hosts.A, clock);
        var b = Provider(hosts.B, TimeProvider.System);
        await using var old = await a.TryAcquireAsync("exchange", TimeToLive);
        Assert.NotNull(old);

        // As if A had been paused past its time to live: the key expires and B takes the lease.
        await hosts.A.Database.KeyDeleteAsync(hosts.A.Key("lease:exchange"));
        await using var taken = await b.TryAcquireAsync("exchange", TimeToLive);
        Assert.NotNull(taken);
        Assert.False(old.Lost.IsCancellationRequested);

        clock.Advance(TimeToLive / 3);
        await RedisHosts.EventuallyAsync(() => Task.FromResult(old.Lost.IsCancellationRequested), "A's lease counts as lost");
        await old.DisposeAsync();
        Assert.Equal(b.HolderId, (await a.GetHolderAsync("exchange"))!.HolderId);
        Assert.True(taken.FencingToken > old.FencingToken);
    }

    [Fact]
    public async Task A_holder_that_cannot_renew_counts_its_lease_lost_two_thirds_into_its_time_to_live()
    {
        using var hosts = new RedisHosts();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cutOff = new RedisConnection(Environment.GetEnvironmentVariable("SMARTTRADE_TEST_REDIS")!, hosts.A.Prefix, NullLogger<RedisConnection>.Instance);
        var a = Provider(cutOff, clock);
        await using var lease = await a.TryAcquireAsync("exchange", TimeToLive);
        Assert.NotNull(lease);

        cutOff.Dispose();
        clock.Advance(TimeToLive / 3);
        clock.Advance(TimeToLive / 3);
        await RedisHosts.EventuallyAsync(() => Task.FromResult(lease.Lost.IsCancellationRequested), "the lease counts as lost");

        // Redis still holds it until it expires, so nobody else can have taken it before A gave it up.
        Assert.Equal(a.HolderId, (await Provider(hosts.B, TimeProvider.System).GetHolderAsync("exchange"))!.HolderId);
    }

    [Fact]
    public async Task In_one_process_a_lease_is_exclusive_until_released_and_tokens_grow()
    {
        var provider = new InProcessLeaseProvider();
        var first = await provider.TryAcquireAsync("exchange", TimeToLive);
        Assert.NotNull(first);
        Assert.Null(await provider.TryAcquireAsync("exchange", TimeToLive));
        Assert.Equal(first.FencingToken, (await provider.GetHolderAsync("exchange"))!.FencingToken);

        await first.DisposeAsync();
        Assert.Null(await provider.GetHolderAsync("exchange"));
        await using var second = await provider.TryAcquireAsync("exchange", TimeToLive);
        Assert.NotNull(second);
        Assert.True(second.FencingToken > first.FencingToken);
    }

    private static RedisLeaseProvider Provider(RedisConnection redis, TimeProvider clock)
        => new(redis, clock, NullLogger<RedisLeaseProvider>.Instance);
}
