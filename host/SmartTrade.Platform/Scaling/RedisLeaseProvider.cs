using System.Globalization;
using Microsoft.Extensions.Logging;
using SmartTrade.Sdk.Scaling;
using StackExchange.Redis;

namespace SmartTrade.Platform.Scaling;

/// <summary>
/// <see cref="ILeaseProvider"/> in Redis. A lease is one key (<c>{prefix}:lease:{name}</c>) holding
/// <c>{holder}|{token}</c> with an expiry; it is taken only when the key does not exist, and the token comes from a
/// counter beside it (<c>{prefix}:lease:{name}:token</c>) that never expires, so every new holding gets a greater
/// token than all before it. Taking, renewing and releasing are each one Lua script, so they are atomic and a holder
/// can only renew or release its own holding.
/// </summary>
/// <remarks>
/// The holder renews every third of the time to live and counts its lease lost when a renewal is refused (the key
/// expired and may belong to another) or when two thirds of the time to live have passed since the last renewal it
/// sent that succeeded: measured from the sending, so Redis cannot have expired the key before the holder gives up,
/// whatever the delays. A paused process can still outlive its lease, which is what the fencing token is for.
/// </remarks>
public sealed class RedisLeaseProvider : ILeaseProvider
{
    private const string AcquireScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        local token = redis.call('INCR', KEYS[2])
        redis.call('SET', KEYS[1], ARGV[1] .. '|' .. token, 'PX', ARGV[2])
        return token
        """;

    private const string RenewScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
        return 0
        """;

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private readonly RedisConnection _redis;
    private readonly TimeProvider _time;
    private readonly ILogger<RedisLeaseProvider> _logger;

    /// <summary>Creates the provider on the host's connection.</summary>
    /// <param name="redis">The shared Redis.</param>
    /// <param name="time">The clock renewals are timed by.</param>
    /// <param name="logger">Where lost leases are logged.</param>
    public RedisLeaseProvider(RedisConnection redis, TimeProvider time, ILogger<RedisLeaseProvider> logger)
    {
        _redis = redis;
        _time = time;
        _logger = logger;
    }

    /// <inheritdoc />
    public string HolderId { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <inheritdoc />
    public async Task<ILease?> TryAcquireAsync(string name, TimeSpan timeToLive, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeToLive, TimeSpan.FromSeconds(1));
        var sentAt = _time.GetTimestamp();
        var result = await RunAsync(AcquireScript, [KeyOf(name), _redis.Key($"lease:{name}:token")], [HolderId, Milliseconds(timeToLive)], $"take lease {name}", cancellationToken);
        var token = (long)result;
        if (token == 0)
        {
            return null;
        }

        var lease = new Holding(this, name, token, timeToLive, sentAt);
        lease.Start();
        return lease;
    }

    /// <inheritdoc />
    public async Task<LeaseHolder?> GetHolderAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        RedisValue value;
        try
        {
            value = await _redis.Database.StringGetAsync(KeyOf(name)).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw new SharedStoreUnavailableException($"Redis cannot be reached to read lease {name}.", ex);
        }

        return value.IsNullOrEmpty ? null : Parse(value.ToString());
    }

    private static LeaseHolder Parse(string value)
    {
        var bar = value.LastIndexOf('|');
        return new LeaseHolder(value[..bar], long.Parse(value.AsSpan(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture));
    }

    private static long Milliseconds(TimeSpan span) => (long)span.TotalMilliseconds;

    private RedisKey KeyOf(string name) => _redis.Key($"lease:{name}");

    private async Task<RedisResult> RunAsync(string script, RedisKey[] keys, RedisValue[] values, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await _redis.Database.ScriptEvaluateAsync(script, keys, values).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex))
        {
            throw new SharedStoreUnavailableException($"Redis cannot be reached to {what}.", ex);
        }
    }

    private sealed class Holding : ILease
    {
        private readonly RedisLeaseProvider _provider;
        private readonly TimeSpan _timeToLive;
        private readonly TimeSpan _confidence;
        private readonly string _value;
        private readonly CancellationTokenSource _lost;
        private readonly CancellationTokenSource _stop = new();
        private Task? _renewing;
        private int _disposed;

        public Holding(RedisLeaseProvider provider, string name, long token, TimeSpan timeToLive, long sentAt)
        {
            _provider = provider;
            Name = name;
            FencingToken = token;
            _timeToLive = timeToLive;
            _confidence = timeToLive * 2 / 3;
            _value = $"{provider.HolderId}|{token.ToString(CultureInfo.InvariantCulture)}";
            _lost = new CancellationTokenSource(Timeout.InfiniteTimeSpan, provider._time);
            ExtendConfidence(sentAt);
        }

        public string Name { get; }

        public long FencingToken { get; }

        public CancellationToken Lost => _lost.Token;

        public void Start() => _renewing = RenewAsync(_stop.Token);

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }

            await _stop.CancelAsync();
            if (_renewing is { } renewing)
            {
                await renewing;
            }

            var held = !_lost.IsCancellationRequested;
            await _lost.CancelAsync();
            if (held)
            {
                try
                {
                    await _provider.RunAsync(ReleaseScript, [_provider.KeyOf(Name)], [_value], $"release lease {Name}", CancellationToken.None);
                }
                catch (SharedStoreUnavailableException ex)
                {
                    // The lease expires by itself after its time to live.
                    _provider._logger.LogWarning(ex, "Lease {Lease} could not be released; it expires by itself", Name);
                }
            }

            _stop.Dispose();
            _lost.Dispose();
        }

        private void ExtendConfidence(long sentAt)
        {
            var left = _confidence - _provider._time.GetElapsedTime(sentAt);
            if (left <= TimeSpan.Zero)
            {
                _lost.Cancel();
            }
            else
            {
                _lost.CancelAfter(left);
            }
        }

        private async Task RenewAsync(CancellationToken stopping)
        {
            var period = _timeToLive / 3;
            while (!_lost.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(period, _provider._time, stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                var sentAt = _provider._time.GetTimestamp();
                try
                {
                    var renewed = (long)await _provider.RunAsync(RenewScript, [_provider.KeyOf(Name)], [_value, Milliseconds(_timeToLive)], $"renew lease {Name}", stopping);
                    if (renewed == 0)
                    {
                        _provider._logger.LogWarning("Lease {Lease} (token {Token}) expired before it was renewed; giving it up", Name, FencingToken);
                        await _lost.CancelAsync();
                        return;
                    }

                    if (!_lost.IsCancellationRequested)
                    {
                        ExtendConfidence(sentAt);
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    // Unreachable, timed out or a broken connection: the lease still counts until the confidence deadline.
                    _provider._logger.LogWarning(ex, "Lease {Lease} (token {Token}) could not be renewed; it counts as lost {Deadline} after the last renewal", Name, FencingToken, _confidence);
                }
            }

            if (_lost.IsCancellationRequested)
            {
                _provider._logger.LogWarning("Lease {Lease} (token {Token}) is lost", Name, FencingToken);
            }
        }
    }
}
