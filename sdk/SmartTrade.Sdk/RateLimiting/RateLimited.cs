using Microsoft.AspNetCore.Builder;

namespace SmartTrade.Sdk.RateLimiting;

/// <summary>
/// Marks an endpoint as limited by a named policy of the host (<c>SmartTrade:RateLimits:Policies:{name}</c>): each
/// caller (the signed-in user, or the client address when anonymous or when the policy says so) may make so many
/// requests per window; one more is refused with 429 and a <c>Retry-After</c> header. The counters are shared by every
/// host when the host runs with Redis.
/// </summary>
/// <param name="policy">The policy's name, for example <see cref="RateLimitPolicies.Auth"/>.</param>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class RateLimitedAttribute(string policy) : Attribute
{
    /// <summary>The policy's name.</summary>
    public string Policy { get; } = policy;
}

/// <summary>The policies every host defines.</summary>
public static class RateLimitPolicies
{
    /// <summary>Signing in (token and login form), counted per client address.</summary>
    public const string Auth = "auth";

    /// <summary>Placing orders in the shop (checkout), counted per user.</summary>
    public const string Orders = "orders";

    /// <summary>Entering and changing orders on an exchange, counted per user.</summary>
    public const string ExchangeOrders = "exchange-orders";

    /// <summary>Entering batches of orders on an exchange (market makers quoting many levels at once), counted per user.</summary>
    public const string ExchangeOrderBatches = "exchange-order-batches";
}

/// <summary>Extensions to declare rate-limited endpoints.</summary>
public static class RateLimitEndpointExtensions
{
    /// <summary>Limits the endpoint by a named host policy (see <see cref="RateLimitedAttribute"/>).</summary>
    /// <typeparam name="TBuilder">The endpoint convention builder.</typeparam>
    /// <param name="builder">The endpoint to limit.</param>
    /// <param name="policy">The policy's name.</param>
    public static TBuilder WithRateLimit<TBuilder>(this TBuilder builder, string policy)
        where TBuilder : IEndpointConventionBuilder
        => builder.WithMetadata(new RateLimitedAttribute(policy));
}
