using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SmartTrade.Platform.Hosting;
using SmartTrade.Platform.Idempotency;
using SmartTrade.Sdk.Scaling;

namespace SmartTrade.Platform.Scaling;

/// <summary>
/// What several hosts must share, switched by one connection string: <c>ConnectionStrings:Redis</c> (or
/// <c>SmartTrade:Redis</c>). Without it everything stays in the process and the data directory (a single host);
/// with it Redis holds the cache, the idempotency records, the rate-limit counters, the data protection keys and
/// the leases (single owners of work such as the exchange), and carries the live events between hosts.
/// </summary>
public static class ScaleOutServiceCollectionExtensions
{
    /// <summary>The configuration key of the key prefix in Redis (default <c>smarttrade</c>).</summary>
    public const string PrefixKey = "SmartTrade:RedisPrefix";

    /// <summary>The Redis configuration string, or <see langword="null"/> for the embedded defaults.</summary>
    /// <param name="configuration">The host's configuration.</param>
    public static string? RedisConfiguration(IConfiguration configuration)
        => configuration.GetConnectionString("Redis") is { Length: > 0 } redis ? redis
            : configuration["SmartTrade:Redis"] is { Length: > 0 } fallback ? fallback
            : null;

    /// <summary>Registers the shared services (in-process or Redis) and persists data protection keys accordingly.</summary>
    /// <param name="services">The host services.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <param name="dataProtection">The data protection builder.</param>
    /// <param name="data">The data directory (keys live there without Redis).</param>
    /// <param name="health">The health checks builder (Redis is reported when configured).</param>
    public static IServiceCollection AddSmartTradeScaleOut(
        this IServiceCollection services,
        IConfiguration configuration,
        IDataProtectionBuilder dataProtection,
        DataDirectory data,
        IHealthChecksBuilder health)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section));
        // First of all hosted services: data protection's own one reads the key ring at start, and would create a key
        // of this host's own if it came first.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DataProtectionKeyRing>());
        var redis = RedisConfiguration(configuration);
        if (redis is null)
        {
            services.AddSingleton<IEventFanOut, InProcessEventFanOut>();
            services.AddSingleton<ISharedCache>(sp => new InProcessSharedCache(sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IRateLimitCounters, InProcessRateLimitCounters>();
            services.AddSingleton<ILeaseProvider, InProcessLeaseProvider>();
            services.AddScoped<IIdempotencyStore, DatabaseIdempotencyStore>();
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(data.Keys));
            return services;
        }

        var prefix = configuration[PrefixKey] is { Length: > 0 } configured ? configured : "smarttrade";
        services.AddSingleton(sp => new RedisConnection(redis, prefix, sp.GetRequiredService<ILogger<RedisConnection>>()));
        services.AddSingleton<IEventFanOut, RedisEventFanOut>();
        services.AddSingleton<ISharedCache, RedisSharedCache>();
        services.AddSingleton<IRateLimitCounters, RedisRateLimitCounters>();
        services.AddSingleton<ILeaseProvider, RedisLeaseProvider>();
        services.AddScoped<IIdempotencyStore, RedisIdempotencyStore>();
        services.AddExceptionHandler<RedisUnavailableExceptionHandler>();
        services.AddOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>()
            .Configure<RedisConnection>((options, connection) => options.XmlRepository =
                new Microsoft.AspNetCore.DataProtection.StackExchangeRedis.RedisXmlRepository(() => connection.Database, connection.Key("data-protection-keys")));
        health.AddCheck<RedisHealthCheck>("redis", tags: ["ready"]);
        return services;
    }
}
