using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartTrade.Sdk.Idempotency;
using SmartTrade.Sdk.Problems;

namespace SmartTrade.Platform.Idempotency;

/// <summary>
/// Gives every endpoint marked <see cref="IdempotentAttribute"/> (host or plugin) the <c>Idempotency-Key</c>
/// behaviour: the first response for a caller's key is stored and replayed for every repeat.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, TimeProvider time)
{
    private const int MaxKeyLength = 255;
    private const long MaxStoredBody = 1024 * 1024;
    private static readonly TimeSpan InProgressLock = TimeSpan.FromMinutes(2);

    public async Task InvokeAsync(HttpContext context)
    {
        var attribute = context.GetEndpoint()?.Metadata.GetMetadata<IdempotentAttribute>();
        if (attribute is null)
        {
            await next(context);
            return;
        }

        var key = context.Request.Headers[IdempotentAttribute.HeaderName].ToString();
        if (string.IsNullOrEmpty(key))
        {
            if (attribute.KeyRequired)
            {
                await Problem(context, 400, ProblemTypes.Validation, "Idempotency key required", $"Send an {IdempotentAttribute.HeaderName} header with a unique value per operation.");
                return;
            }

            await next(context);
            return;
        }

        if (key.Length > MaxKeyLength || key.Any(char.IsControl))
        {
            await Problem(context, 400, ProblemTypes.Validation, "Invalid idempotency key", $"An {IdempotentAttribute.HeaderName} is 1 to {MaxKeyLength} printable characters.");
            return;
        }

        var store = context.RequestServices.GetRequiredService<IIdempotencyStore>();
        var caller = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous";
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? string.Empty;
        var scope = $"{caller}|{context.Request.Method} {route}";
        var fingerprint = await FingerprintAsync(context.Request);
        var now = time.GetUtcNow();
        var existing = await store.TryBeginAsync(new IdempotencyRecord
        {
            Scope = scope,
            Key = key,
            Fingerprint = fingerprint,
            CreatedAt = now,
            ExpiresAt = now + InProgressLock,
        }, context.RequestAborted);

        if (existing is not null)
        {
            if (existing.Fingerprint != fingerprint)
            {
                await Problem(context, 422, ProblemTypes.IdempotencyKeyReused, "Idempotency key reused", "This key was used for a different request. Use a new key for a new operation.");
            }
            else if (!existing.Completed)
            {
                await Problem(context, 409, ProblemTypes.IdempotencyInProgress, "Request in progress", "A request with this key is still being processed. Retry later.");
            }
            else
            {
                await ReplayAsync(context, existing);
            }

            return;
        }

        var originalBody = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var completed = false;
        try
        {
            await next(context);
            completed = context.Response.StatusCode < 500 && buffer.Length <= MaxStoredBody;
            if (completed)
            {
                // The request has run: whatever happens to the store now, the client gets its answer.
                await CompleteQuietlyAsync(context, store, new IdempotencyRecord
                {
                    Scope = scope,
                    Key = key,
                    Fingerprint = fingerprint,
                    Completed = true,
                    StatusCode = context.Response.StatusCode,
                    ContentType = context.Response.ContentType,
                    Location = context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                    Body = buffer.ToArray(),
                    CreatedAt = now,
                    ExpiresAt = time.GetUtcNow().AddHours(attribute.RetentionHours),
                });
            }
        }
        finally
        {
            context.Response.Body = originalBody;
            if (!completed)
            {
                await AbandonQuietlyAsync(context, store, scope, key);
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(originalBody, CancellationToken.None);
        }
    }

    private static async Task CompleteQuietlyAsync(HttpContext context, IIdempotencyStore store, IdempotencyRecord record)
    {
        try
        {
            await store.CompleteAsync(record, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The claim lapses after its lock time; a repeat in between gets 409, later it runs again.
            context.RequestServices.GetRequiredService<ILogger<IdempotencyMiddleware>>()
                .LogError(ex, "Storing the response for idempotency key {Key} failed; the response is sent without being stored", record.Key);
        }
    }

    private static async Task AbandonQuietlyAsync(HttpContext context, IIdempotencyStore store, string scope, string key)
    {
        try
        {
            await store.AbandonAsync(scope, key, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Keep the request's own outcome (or exception); the claim lapses after its lock time.
            context.RequestServices.GetRequiredService<ILogger<IdempotencyMiddleware>>()
                .LogWarning(ex, "Releasing idempotency key {Key} failed; it lapses by itself", key);
        }
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord record)
    {
        context.Response.StatusCode = record.StatusCode;
        context.Response.Headers[IdempotentAttribute.ReplayedHeaderName] = "true";
        if (record.ContentType is not null)
        {
            context.Response.ContentType = record.ContentType;
        }

        if (record.Location is not null)
        {
            context.Response.Headers.Location = record.Location;
        }

        if (record.Body is { Length: > 0 } body)
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, request.HttpContext.RequestAborted)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static Task Problem(HttpContext context, int status, string type, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Type = type, Title = title, Detail = detail },
        }).AsTask();
    }
}
