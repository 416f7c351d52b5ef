using StackExchange.Redis;

namespace SmartTrade.Platform.Tests;

/// <summary>The Redis that <c>scripts/test.sh</c> starts answers commands and delivers messages.</summary>
public sealed class RedisRoundTripTests
{
    [Fact]
    public async Task Redis_started_by_the_test_command_stores_and_returns_a_value()
    {
        var configuration = Environment.GetEnvironmentVariable("SMARTTRADE_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(configuration))
        {
            Assert.Fail("SMARTTRADE_TEST_REDIS is not set: run the tests with scripts/test.sh, which starts Redis");
        }

        await using var redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        var db = redis.GetDatabase();
        var unique = Guid.NewGuid().ToString("N");

        var key = new RedisKey($"smarttrade-test:{unique}");
        Assert.True(await db.StringSetAsync(key, "settlement-price-4210", TimeSpan.FromMinutes(1)));
        Assert.Equal("settlement-price-4210", (string?)await db.StringGetAsync(key));
        var ttl = await db.KeyTimeToLiveAsync(key);
        Assert.NotNull(ttl);
        Assert.InRange(ttl.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.True(await db.KeyDeleteAsync(key));
        Assert.False(await db.KeyExistsAsync(key));

        var channel = RedisChannel.Literal($"smarttrade-test:{unique}");
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(channel, (_, message) => received.TrySetResult(message.ToString()));
        try
        {
            var receivers = await subscriber.PublishAsync(channel, "order-book-changed");

            Assert.Equal(1, receivers);
            Assert.Equal("order-book-changed", await received.Task.WaitAsync(TimeSpan.FromSeconds(5)));
        }
        finally
        {
            await subscriber.UnsubscribeAsync(channel);
        }
    }
}
