using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Http;

/// <summary>
/// Every error the host answers is an RFC 9457 problem details body with a stable <c>type</c>: status-only
/// responses get the type of their status, bad request bodies are 400 (never 500), and unexpected exceptions
/// are 500 with a trace id and no internals.
/// </summary>
public static class ProblemDetailsConventions
{
    /// <summary>Registers problem details with SmartTrade's types and the exception handler that uses them.</summary>
    /// <param name="services">The host services.</param>
    public static IServiceCollection AddSmartTradeProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            problem.Status ??= context.HttpContext.Response.StatusCode;
            if (string.IsNullOrEmpty(problem.Type) || problem.Type.StartsWith("https://tools.ietf.org/", StringComparison.Ordinal))
            {
                problem.Type = TypeFor(problem.Status.Value);
            }

            problem.Instance ??= context.HttpContext.Request.Path;
            problem.Extensions["traceId"] = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        return services;
    }

    /// <summary>The problem type for a status code without a more specific one.</summary>
    /// <param name="status">The HTTP status code.</param>
    public static string TypeFor(int status) => status switch
    {
        400 => ProblemTypes.BadRequest,
        401 => ProblemTypes.Unauthorized,
        403 => ProblemTypes.Forbidden,
        404 => ProblemTypes.NotFound,
        405 => ProblemTypes.MethodNotAllowed,
        409 => ProblemTypes.Conflict,
        412 => ProblemTypes.PreconditionFailed,
        413 => ProblemTypes.PayloadTooLarge,
        415 => ProblemTypes.UnsupportedMediaType,
        422 => ProblemTypes.BusinessRule,
        429 => ProblemTypes.RateLimited,
        _ when status >= 500 => ProblemTypes.ServerError,
        _ => ProblemTypes.BadRequest,
    };

    /// <summary>The problem type of a request refused because a backing service (the database) is not answering.</summary>
    public const string ServiceUnavailableType = "/problems/service-unavailable";

    /// <summary>
    /// Whether the exception (or one it wraps) is the database failing for a reason that may pass (server down or
    /// restarting, connection lost, deadlock): the request can be retried, so it is a 503, not a 500.
    /// </summary>
    /// <param name="exception">The exception.</param>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Turns exceptions caused by the request itself (or by a lost race) into the 4xx they stand for, and a database
    /// or search cluster that does not answer into a 503 with <c>Retry-After</c>.
    /// </summary>
    private sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            var (status, detail) = exception switch
            {
                BadHttpRequestException bad => (bad.StatusCode, bad.InnerException is JsonException json ? $"The request body is not valid JSON: {json.Message}" : bad.Message),
                JsonException json => (StatusCodes.Status400BadRequest, $"The request body is not valid JSON: {json.Message}"),
                InvalidDataException invalid => (StatusCodes.Status400BadRequest, invalid.Message),
                Payments.PaymentException payment => (payment.StatusCode, payment.Message),
                Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "The resource changed while this request was processed; read it again and retry."),
                _ when IsDatabaseUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "The database is not answering; retry shortly."),
                Search.CatalogSearchUnavailableException => (StatusCodes.Status503ServiceUnavailable, "The search service is not answering; retry shortly."),
                _ => (0, null),
            };
            if (status == 0)
            {
                return false;
            }

            httpContext.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                httpContext.Response.Headers.RetryAfter = "5";
            }

            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails =
                {
                    Status = status,
                    Type = exception is Payments.PaymentException refused ? refused.ProblemType
                        : status == StatusCodes.Status503ServiceUnavailable ? ServiceUnavailableType
                        : TypeFor(status),
                    Title = status switch
                    {
                        StatusCodes.Status409Conflict => "Conflict",
                        StatusCodes.Status503ServiceUnavailable => "Service unavailable",
                        _ => "Request refused",
                    },
                    Detail = detail,
                },
            });
        }
    }
}
