using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace SmartTrade.Platform.Scaling;

/// <summary>
/// The host's one connection to the shared Redis, and the names of everything it keeps there (all under one prefix,
/// so several deployments can share a server). The host starts whether or not Redis answers; the connection retries
/// in the background, commands fail at once while it is down (no queueing), and <see cref="Restored"/> tells the
/// users of the connection when it is back.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly ILogger _logger;

    /// <summary>Connects (in the background when Redis does not answer yet).</summary>
    /// <param name="configuration">A StackExchange.Redis configuration string, e.g. <c>redis-1:6379,password=...</c>.</param>
    /// <param name="prefix">The prefix of every key and channel.</param>
    /// <param name="logger">Where connection failures and restorations are logged.</param>
    public RedisConnection(string configuration, string prefix, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        Prefix = prefix;
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry(1_000);
        if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.ConnectTimeout = 2_000;
        }

        if (!configuration.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.AsyncTimeout = 2_000;
        }

        if (!configuration.Contains("syncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            options.SyncTimeout = 2_000;
        }

        options.ClientName ??= $"smarttrade-{Environment.MachineName}-{Environment.ProcessId}";
        Multiplexer = ConnectionMultiplexer.Connect(options);
        Multiplexer.ConnectionFailed += (_, e) =>
        {
            _logger.LogWarning(e.Exception, "Redis connection {Type} to {Endpoint} failed: {Failure}", e.ConnectionType, e.EndPoint, e.FailureType);
            Failed?.Invoke();
        };
        Multiplexer.ConnectionRestored += (_, e) =>
        {
            _logger.LogInformation("Redis connection {Type} to {Endpoint} restored", e.ConnectionType, e.EndPoint);
            Restored?.Invoke();
        };
    }

    /// <summary>Raised (on a connection thread) when a connection to Redis is lost.</summary>
    public event Action? Failed;

    /// <summary>Raised (on a connection thread) when a lost connection to Redis is back.</summary>
    public event Action? Restored;

    /// <summary>The prefix of every key and channel.</summary>
    public string Prefix { get; }

    /// <summary>The multiplexer.</summary>
    public IConnectionMultiplexer Multiplexer { get; }

    /// <summary>Whether Redis can be used now.</summary>
    public bool IsConnected => Multiplexer.IsConnected;

    /// <summary>The database.</summary>
    public IDatabase Database => Multiplexer.GetDatabase();

    /// <summary>A key under the prefix.</summary>
    /// <param name="name">The key's name after the prefix.</param>
    public RedisKey Key(string name) => $"{Prefix}:{name}";

    /// <summary>A pub/sub channel under the prefix.</summary>
    /// <param name="name">The channel's name after the prefix.</param>
    public RedisChannel Channel(string name) => RedisChannel.Literal($"{Prefix}:{name}");

    /// <inheritdoc />
    public void Dispose() => Multiplexer.Dispose();
}

/// <summary>Whether an exception means that Redis could not be reached or did not answer in time.</summary>
public static class RedisFailures
{
    /// <summary>True for connection failures and timeouts (the request may succeed once Redis is back).</summary>
    /// <param name="exception">The exception.</param>
    public static bool IsUnavailable(Exception exception) => exception switch
    {
        RedisConnectionException or RedisTimeoutException => true,
        RedisServerException server => server.Message.StartsWith("LOADING", StringComparison.Ordinal) || server.Message.StartsWith("MASTERDOWN", StringComparison.Ordinal),
        _ => exception.InnerException is { } inner && IsUnavailable(inner),
    };
}
