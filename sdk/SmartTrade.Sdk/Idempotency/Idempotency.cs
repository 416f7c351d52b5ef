using Microsoft.AspNetCore.Builder;

namespace SmartTrade.Sdk.Idempotency;

/// <summary>
/// Marks an endpoint as a creating request that honours the <c>Idempotency-Key</c> header: the host stores the
/// first response for a key (per caller) and replays it for any repeat, so a retried request creates nothing
/// new. A repeat with the same key but a different body gets 422; a repeat while the first is still running gets 409.
/// </summary>
public sealed class IdempotentAttribute : Attribute
{
    /// <summary>The request header carrying the client's key.</summary>
    public const string HeaderName = "Idempotency-Key";

    /// <summary>The response header set on a replayed response.</summary>
    public const string ReplayedHeaderName = "Idempotent-Replayed";

    /// <summary>Whether a request without the header is refused with 400 (default: it runs without protection).</summary>
    public bool KeyRequired { get; init; }

    /// <summary>How long a stored response is kept, in hours (default 24).</summary>
    public int RetentionHours { get; init; } = 24;
}

/// <summary>Extensions to declare idempotent endpoints.</summary>
public static class IdempotencyEndpointExtensions
{
    /// <summary>
    /// Makes the endpoint honour the <c>Idempotency-Key</c> header (see <see cref="IdempotentAttribute"/>).
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint to mark.</param>
    /// <param name="keyRequired">Refuse requests that carry no key with 400.</param>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder, bool keyRequired = false)
        where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(new IdempotentAttribute { KeyRequired = keyRequired });
}
