using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using SmartTrade.Sdk.Scaling;
using StackExchange.Redis;

namespace SmartTrade.Platform.Scaling;

/// <summary>
/// <see cref="ISharedCache"/> on Redis with a local copy in front. Entries are versioned rather than deleted: a value
/// lives at <c>{prefix}:cache:{region}:{regionVersion}:{keyVersion}:{key}</c>, and invalidating increments the key's
/// (<c>...:kv:{key}</c>) or the region's (<c>...:rv</c>) version, so a value read from the database before an
/// invalidation and written after it lands under versions nobody reads any more. One script reads both versions and
/// the value in a single round trip. Every invalidation is also published on <c>{prefix}:cache:invalidations</c>, which
/// drops the entry from every host's local copy.
/// </summary>
/// <remarks>
/// While Redis cannot be reached nothing is cached (reads go to the source, the local copy is emptied because
/// invalidations from other hosts may be missed), and invalidations made meanwhile are sent once the connection is
/// restored.
/// </remarks>
public sealed class RedisSharedCache : ISharedCache, IDisposable
{
    /// <summary>The longest a value is kept, whatever its time to live; key versions outlive it.</summary>
    public static readonly TimeSpan MaxTimeToLive = TimeSpan.FromHours(12);

    /// <summary>The longest a value is served from the local copy without asking Redis.</summary>
    public static readonly TimeSpan MaxLocalTimeToLive = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan KeyVersionLifetime = TimeSpan.FromDays(1);

    private const string ReadScript = """
        local rv = redis.call('GET', KEYS[1]) or '0'
        local kv = redis.call('GET', KEYS[2]) or '0'
        return {rv, kv, redis.call('GET', ARGV[1] .. rv .. ':' .. kv .. ':' .. ARGV[2])}
        """;

    private const string InvalidateKeyScript = """
        redis.call('INCR', KEYS[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[1])
        return 1
        """;

    private readonly RedisConnection _redis;
    private readonly InProcessSharedCache _local;
    private readonly ILogger<RedisSharedCache> _logger;
    private readonly ConcurrentDictionary<(string Region, string? Key), byte> _pending = new();
    private readonly Lock _subscribeLock = new();
    private ChannelMessageQueue? _invalidations;
    private readonly RedisChannel _channel;

    /// <summary>Creates the cache on the host's connection.</summary>
    public RedisSharedCache(RedisConnection redis, TimeProvider time, ILogger<RedisSharedCache> logger)
    {
        _redis = redis;
        _logger = logger;
        _local = new InProcessSharedCache(time);
        _channel = redis.Channel("cache:invalidations");
        _redis.Failed += _local.Clear;
        _redis.Restored += OnRestored;
        EnsureSubscribed();
    }

    /// <inheritdoc />
    public Task<T> GetOrCreateAsync<T>(string region, string key, Func<CancellationToken, Task<T>> create, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        if (!_redis.IsConnected)
        {
            return create(cancellationToken);
        }

        var local = timeToLive < MaxLocalTimeToLive ? timeToLive : MaxLocalTimeToLive;
        return _local.GetOrCreateAsync(region, key, token => ReadThroughAsync(region, key, create, timeToLive, token), local, cancellationToken);
    }

    /// <inheritdoc />
    public Task InvalidateAsync(string region, string key, CancellationToken cancellationToken = default)
    {
        _local.InvalidateAsync(region, key, cancellationToken);
        return SendAsync(region, key);
    }

    /// <inheritdoc />
    public Task InvalidateRegionAsync(string region, CancellationToken cancellationToken = default)
    {
        _local.InvalidateRegionAsync(region, cancellationToken);
        return SendAsync(region, null);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _redis.Failed -= _local.Clear;
        _redis.Restored -= OnRestored;
    }

    private async Task<T> ReadThroughAsync<T>(string region, string key, Func<CancellationToken, Task<T>> create, TimeSpan timeToLive, CancellationToken cancellationToken)
    {
        RedisResult[] read;
        try
        {
            read = (RedisResult[])(await _redis.Database.ScriptEvaluateAsync(ReadScript, [RegionVersionKey(region), KeyVersionKey(region, key)], [ValuePrefix(region), key]))!;
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            _logger.LogDebug(ex, "Reading {Region}/{Key} from Redis failed; reading the source", region, key);
            return await create(cancellationToken);
        }

        var cached = (RedisValue)read[2];
        if (cached.HasValue)
        {
            try
            {
                return JsonSerializer.Deserialize<T>((byte[])cached!, JsonSerializerOptions.Web)!;
            }
            catch (JsonException ex)
            {
                _logger.LogWarning(ex, "The cached {Region}/{Key} is not a {Type}; reading the source", region, key, typeof(T).Name);
            }
        }

        var value = await create(cancellationToken);
        var ttl = timeToLive < MaxTimeToLive ? timeToLive : MaxTimeToLive;
        try
        {
            await _redis.Database.StringSetAsync(
                $"{ValuePrefix(region)}{(string?)(RedisValue)read[0]}:{(string?)(RedisValue)read[1]}:{key}",
                JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web),
                ttl);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            _logger.LogDebug(ex, "Caching {Region}/{Key} in Redis failed", region, key);
        }

        return value;
    }

    private async Task SendAsync(string region, string? key)
    {
        if (!_redis.IsConnected)
        {
            _pending[(region, key)] = 0;
            return;
        }

        try
        {
            if (key is null)
            {
                await _redis.Database.StringIncrementAsync(RegionVersionKey(region));
            }
            else
            {
                await _redis.Database.ScriptEvaluateAsync(InvalidateKeyScript, [KeyVersionKey(region, key)], [(long)KeyVersionLifetime.TotalMilliseconds]);
            }

            await _redis.Multiplexer.GetSubscriber().PublishAsync(_channel, key is null ? region : $"{region}\n{key}");
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            _logger.LogWarning(ex, "Invalidating {Region}/{Key} failed; it is sent again when Redis is back", region, key);
            _pending[(region, key)] = 0;
        }
    }

    private void EnsureSubscribed()
    {
        lock (_subscribeLock)
        {
            if (_invalidations is not null)
            {
                return;
            }

            try
            {
                _invalidations = _redis.Multiplexer.GetSubscriber().Subscribe(_channel);
                _invalidations.OnMessage(message => Drop(message.Message.ToString()));
            }
            catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
            {
                _logger.LogDebug(ex, "Subscribing to cache invalidations failed; retried when Redis is back");
            }
        }
    }

    private void OnRestored()
    {
        EnsureSubscribed();
        // Invalidations from other hosts may have been missed while the connection was down.
        _local.Clear();
        _ = FlushPendingAsync();
    }

    private async Task FlushPendingAsync()
    {
        foreach (var (region, key) in _pending.Keys)
        {
            if (_pending.TryRemove((region, key), out _))
            {
                await SendAsync(region, key);
            }
        }
    }

    private void Drop(string message)
    {
        var split = message.IndexOf('\n', StringComparison.Ordinal);
        if (split < 0)
        {
            _local.InvalidateRegionAsync(message);
        }
        else
        {
            _local.InvalidateAsync(message[..split], message[(split + 1)..]);
        }
    }

    private RedisKey RegionVersionKey(string region) => _redis.Key($"cache:{region}:rv");

    private RedisKey KeyVersionKey(string region, string key) => _redis.Key($"cache:{region}:kv:{key}");

    private string ValuePrefix(string region) => $"{_redis.Prefix}:cache:{region}:";
}
