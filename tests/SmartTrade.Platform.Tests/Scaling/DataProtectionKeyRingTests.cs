using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SmartTrade.Platform.Scaling;
using SmartTrade.Sdk.Scaling;

namespace SmartTrade.Platform.Tests.Scaling;

/// <summary>
/// Two hosts starting at the same moment on an empty key ring in Redis (<see cref="DataProtectionKeyRing"/>): both
/// look, both find nothing, and still only one key is made, which both then use.
/// </summary>
public sealed class DataProtectionKeyRingTests : IDisposable
{
    private readonly RedisHosts _redis = new();
    private readonly Barrier _bothLooked = new(2);

    public void Dispose()
    {
        _redis.Dispose();
        _bothLooked.Dispose();
    }

    [Fact]
    public async Task Hosts_that_both_found_the_key_ring_empty_make_one_key_between_them_and_read_each_others_data()
    {
        await using var a = Host(_redis.A);
        await using var b = Host(_redis.B);

        await Task.WhenAll(
            Task.Run(() => a.GetServices<IHostedService>().OfType<DataProtectionKeyRing>().Single().StartAsync(CancellationToken.None)),
            Task.Run(() => b.GetServices<IHostedService>().OfType<DataProtectionKeyRing>().Single().StartAsync(CancellationToken.None)));
        var protectedOnA = a.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Protect("signed in on A");

        Assert.Single(await _redis.A.Database.ListRangeAsync(_redis.A.Key("data-protection-keys")));
        Assert.Equal("signed in on A", b.GetRequiredService<IDataProtectionProvider>().CreateProtector("cookie").Unprotect(protectedOnA));
    }

    /// <summary>A host's data protection on the shared key ring, and its key ring check at start.</summary>
    private ServiceProvider Host(RedisConnection redis)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ILeaseProvider>(new RedisLeaseProvider(redis, TimeProvider.System, NullLogger<RedisLeaseProvider>.Instance));
        services.AddDataProtection().SetApplicationName("SmartTrade");
        services.Configure<KeyManagementOptions>(options => options.XmlRepository =
            new LookingTogether(new RedisXmlRepository(() => redis.Database, redis.Key("data-protection-keys")), _bothLooked));
        services.AddSingleton<IHostedService, DataProtectionKeyRing>();
        return services.BuildServiceProvider();
    }

    /// <summary>The shared repository, whose first read on each host returns only once both hosts have read: both find it empty.</summary>
    private sealed class LookingTogether(IXmlRepository inner, Barrier bothLooked) : IXmlRepository
    {
        private int _reads;

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            var elements = inner.GetAllElements();
            if (Interlocked.Increment(ref _reads) == 1)
            {
                Assert.True(bothLooked.SignalAndWait(TimeSpan.FromSeconds(10)), "The other host did not look at the key ring.");
            }

            return elements;
        }

        public void StoreElement(XElement element, string friendlyName) => inner.StoreElement(element, friendlyName);
    }
}
