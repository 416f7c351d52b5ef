using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmartTrade.Sdk.Problems;
using SmartTrade.Sdk.RateLimiting;
using StackExchange.Redis;

namespace SmartTrade.Platform.Scaling;

/// <summary>The rate limits, bound from <c>SmartTrade:RateLimits</c>.</summary>
public sealed class RateLimitOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "SmartTrade:RateLimits";

    /// <summary>Whether limits are enforced (default true; the Development settings turn them off).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The policies by name; the defaults below apply unless configuration replaces a field.</summary>
    public Dictionary<string, RateLimitPolicy> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [RateLimitPolicies.Auth] = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1), PerAddress = true },
        [RateLimitPolicies.Orders] = new() { PermitLimit = 60, Window = TimeSpan.FromMinutes(1) },
        [RateLimitPolicies.ExchangeOrders] = new() { PermitLimit = 100, Window = TimeSpan.FromSeconds(1) },
        [RateLimitPolicies.ExchangeOrderBatches] = new() { PermitLimit = 10, Window = TimeSpan.FromSeconds(1) },
    };
}

/// <summary>One policy: so many requests per fixed window for each caller.</summary>
public sealed class RateLimitPolicy
{
    /// <summary>Requests allowed in one window.</summary>
    public int PermitLimit { get; set; }

    /// <summary>The window's length.</summary>
    public TimeSpan Window { get; set; }

    /// <summary>Count per client address even for signed-in callers (sign-in attempts); otherwise per user when signed in.</summary>
    public bool PerAddress { get; set; }
}

/// <summary>Where the rate-limit counters are kept: in the process, or in Redis for every host.</summary>
public interface IRateLimitCounters
{
    /// <summary>Adds one to a window's counter and returns the new count; the counter disappears after the window.</summary>
    /// <param name="key">The policy, caller and window.</param>
    /// <param name="window">The window's length.</param>
    Task<long> IncrementAsync(string key, TimeSpan window);
}

/// <summary>Counters of this process (a single host).</summary>
/// <param name="time">The clock windows end by.</param>
internal sealed class InProcessRateLimitCounters(TimeProvider time) : IRateLimitCounters
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private long _nextSweep;

    public Task<long> IncrementAsync(string key, TimeSpan window)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (now >= Interlocked.Read(ref _nextSweep))
        {
            Interlocked.Exchange(ref _nextSweep, now + 60_000);
            foreach (var (name, counter) in _counters)
            {
                if (counter.ExpiresAt <= now)
                {
                    _counters.TryRemove(name, out _);
                }
            }
        }

        var entry = _counters.GetOrAdd(key, _ => new Counter(now + (long)window.TotalMilliseconds));
        return Task.FromResult(Interlocked.Increment(ref entry.Count));
    }

    private sealed class Counter(long expiresAt)
    {
        public long Count;

        public long ExpiresAt { get; } = expiresAt;
    }
}

/// <summary>Counters in Redis (<c>{prefix}:rate:{policy}:{caller}:{window}</c>), shared by every host.</summary>
/// <param name="redis">The host's connection.</param>
internal sealed class RedisRateLimitCounters(RedisConnection redis) : IRateLimitCounters
{
    private const string Script = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return count
        """;

    public async Task<long> IncrementAsync(string key, TimeSpan window)
        => (long)await redis.Database.ScriptEvaluateAsync(Script, [redis.Key($"rate:{key}")], [(long)window.TotalMilliseconds + 1_000]);
}

/// <summary>
/// Applies <see cref="RateLimitedAttribute"/>: fixed windows on the host's clock, counted per policy and caller; the
/// request over the limit gets 429 problem details with <c>Retry-After</c> (seconds to the window's end).
/// </summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, TimeProvider time, IOptionsMonitor<RateLimitOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limited = context.GetEndpoint()?.Metadata.GetMetadata<RateLimitedAttribute>();
        var settings = options.CurrentValue;
        if (limited is null || !settings.Enabled || !settings.Policies.TryGetValue(limited.Policy, out var policy)
            || policy.PermitLimit <= 0 || policy.Window <= TimeSpan.Zero)
        {
            await next(context);
            return;
        }

        var user = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var caller = !policy.PerAddress && user is not null
            ? $"user:{user}"
            : $"address:{context.Connection.RemoteIpAddress?.ToString() ?? "unknown"}";
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var windowMs = (long)policy.Window.TotalMilliseconds;
        var window = now / windowMs;
        var counters = context.RequestServices.GetRequiredService<IRateLimitCounters>();
        var count = await counters.IncrementAsync($"{limited.Policy}:{caller}:{window}", policy.Window);
        if (count <= policy.PermitLimit)
        {
            await next(context);
            return;
        }

        var retryAfter = Math.Max(1, (int)Math.Ceiling(((window + 1) * windowMs - now) / 1000.0));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = ProblemTypes.RateLimited,
                Title = "Too many requests",
                Detail = $"At most {policy.PermitLimit} such requests are allowed per {policy.Window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s. Retry in {retryAfter} s.",
            },
        });
    }
}
