using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Scaling;

/// <summary>Ready when the shared Redis answers a PING; reports the round trip.</summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.IsConnected)
        {
            return HealthCheckResult.Unhealthy("Redis cannot be reached; the host reconnects by itself.");
        }

        try
        {
            var latency = await redis.Database.PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return HealthCheckResult.Healthy("Redis answers.", new Dictionary<string, object> { ["pingMilliseconds"] = Math.Round(latency.TotalMilliseconds, 1) });
        }
        catch (Exception ex) when (RedisFailures.IsUnavailable(ex) || ex is TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer.", ex);
        }
    }
}

/// <summary>
/// A request that needed Redis while it could not be reached (idempotency, rate limits, data protection keys) is
/// answered 503 with problem details and <c>Retry-After</c>, never 500: nothing has run, and the same request succeeds
/// once the connection is back.
/// </summary>
internal sealed class RedisUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<RedisUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!RedisFailures.IsUnavailable(exception))
        {
            return false;
        }

        logger.LogWarning("{Method} {Path} refused with 503: Redis cannot be reached ({Error})", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = ProblemTypes.ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "A shared service this request needs cannot be reached right now. Nothing was changed; retry shortly.",
            },
        });
    }
}
