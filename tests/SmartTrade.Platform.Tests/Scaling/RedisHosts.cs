using Microsoft.Extensions.Logging.Abstractions;
using SmartTrade.Platform.Scaling;

namespace SmartTrade.Platform.Tests.Scaling;

/// <summary>
/// Two "hosts": two independent connections to the Redis that <c>scripts/test.sh</c> starts, under a key prefix of
/// the test's own.
/// </summary>
internal sealed class RedisHosts : IDisposable
{
    public RedisHosts()
    {
        var configuration = Environment.GetEnvironmentVariable("SMARTTRADE_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(configuration))
        {
            Assert.Fail("SMARTTRADE_TEST_REDIS is not set: run the tests with scripts/test.sh, which starts Redis");
        }

        var prefix = $"smarttrade-test-{Guid.NewGuid():N}";
        A = new RedisConnection(configuration, prefix, NullLogger<RedisConnection>.Instance);
        B = new RedisConnection(configuration, prefix, NullLogger<RedisConnection>.Instance);
    }

    public RedisConnection A { get; }

    public RedisConnection B { get; }

    /// <summary>Waits (ten seconds at most) until <paramref name="condition"/> holds.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not within 10 s: {what}");
            }

            await Task.Delay(20);
        }
    }

    public void Dispose()
    {
        A.Dispose();
        B.Dispose();
    }
}
