using SmartTrade.Platform.Idempotency;
using SmartTrade.Platform.Scaling;

namespace SmartTrade.Platform.Tests.Scaling;

/// <summary>The idempotency records and rate-limit counters in Redis are one for every host.</summary>
public sealed class SharedIdempotencyAndRateLimitTests
{
    [Fact]
    public async Task Of_two_hosts_claiming_one_key_at_once_exactly_one_runs_and_the_other_sees_its_completed_answer()
    {
        using var hosts = new RedisHosts();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var a = new RedisIdempotencyStore(hosts.A, clock);
        var b = new RedisIdempotencyStore(hosts.B, clock);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? a : b).TryBeginAsync(Claim(clock), CancellationToken.None)));
        await a.CompleteAsync(Completed(clock), CancellationToken.None);
        var repeat = await b.TryBeginAsync(Claim(clock), CancellationToken.None);

        Assert.Single(claims, c => c is null);
        Assert.All(claims.Where(c => c is not null), c => Assert.False(c!.Completed));
        Assert.NotNull(repeat);
        Assert.True(repeat.Completed);
        Assert.Equal(201, repeat.StatusCode);
        Assert.Equal("/api/v1/receipts/load-ins/17", repeat.Location);
        Assert.Equal("{\"id\":17}"u8.ToArray(), repeat.Body);
    }

    [Fact]
    public async Task An_abandoned_claim_can_be_claimed_again_from_another_host()
    {
        using var hosts = new RedisHosts();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var a = new RedisIdempotencyStore(hosts.A, clock);
        var b = new RedisIdempotencyStore(hosts.B, clock);

        Assert.Null(await a.TryBeginAsync(Claim(clock), CancellationToken.None));
        await a.AbandonAsync("user-1|POST /api/v1/receipts/load-ins", "key-1", CancellationToken.None);

        Assert.Null(await b.TryBeginAsync(Claim(clock), CancellationToken.None));
    }

    [Fact]
    public async Task Two_hosts_count_one_window_together()
    {
        using var hosts = new RedisHosts();
        var a = new RedisRateLimitCounters(hosts.A);
        var b = new RedisRateLimitCounters(hosts.B);
        var window = TimeSpan.FromMinutes(1);

        var counts = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            counts.Add(await (i % 2 == 0 ? a : b).IncrementAsync("auth:address:10.0.0.7:1", window));
        }

        var otherWindow = await b.IncrementAsync("auth:address:10.0.0.7:2", window);
        var ttl = await hosts.A.Database.KeyTimeToLiveAsync(hosts.A.Key("rate:auth:address:10.0.0.7:1"));

        Assert.Equal([1, 2, 3, 4, 5, 6], counts);
        Assert.Equal(1, otherWindow);
        Assert.InRange(ttl!.Value, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(61));
    }

    [Fact]
    public async Task In_process_counters_count_each_caller_window_separately()
    {
        var counters = new InProcessRateLimitCounters(new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        var first = await counters.IncrementAsync("orders:user:u:1", TimeSpan.FromMinutes(1));
        var second = await counters.IncrementAsync("orders:user:u:1", TimeSpan.FromMinutes(1));
        var next = await counters.IncrementAsync("orders:user:u:2", TimeSpan.FromMinutes(1));

        Assert.Equal([1, 2, 1], new[] { first, second, next });
    }

    private static IdempotencyRecord Claim(TimeProvider clock) => new()
    {
        Scope = "user-1|POST /api/v1/receipts/load-ins",
        Key = "key-1",
        Fingerprint = "f",
        CreatedAt = clock.GetUtcNow(),
        ExpiresAt = clock.GetUtcNow().AddMinutes(2),
    };

    private static IdempotencyRecord Completed(TimeProvider clock) => new()
    {
        Scope = "user-1|POST /api/v1/receipts/load-ins",
        Key = "key-1",
        Fingerprint = "f",
        Completed = true,
        StatusCode = 201,
        ContentType = "application/json",
        Location = "/api/v1/receipts/load-ins/17",
        Body = "{\"id\":17}"u8.ToArray(),
        CreatedAt = clock.GetUtcNow(),
        ExpiresAt = clock.GetUtcNow().AddHours(24),
    };
}
