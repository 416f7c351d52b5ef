using System.Text.Json.Serialization;
using MediatR;

namespace SmartTrade.Sdk.Payments;

/// <summary>
/// A payment outcome, published as a MediatR notification once the host has recorded it (after a confirmation
/// or a webhook). Delivery is at least once. Serialized through this base type, JSON carries a <c>type</c>
/// discriminator.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PaymentSucceeded), "paymentSucceeded")]
[JsonDerivedType(typeof(PaymentFailed), "paymentFailed")]
public abstract record PaymentEvent : INotification
{
    /// <summary>The payment intent.</summary>
    [JsonPropertyName("paymentIntentId")]
    public required string PaymentIntentId { get; init; }

    /// <summary>The gateway.</summary>
    [JsonPropertyName("gatewayId")]
    public required string GatewayId { get; init; }

    /// <summary>The order being paid.</summary>
    [JsonPropertyName("orderId")]
    public required Guid OrderId { get; init; }

    /// <summary>The intent's amount.</summary>
    [JsonPropertyName("amount")]
    public required Money Amount { get; init; }

    /// <summary>When the outcome was recorded.</summary>
    [JsonPropertyName("occurredAt")]
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A payment succeeded; the order becomes <see cref="Orders.OrderStatus.Paid"/>.</summary>
public sealed record PaymentSucceeded : PaymentEvent;

/// <summary>A payment attempt failed; the order stays unpaid until it expires or another attempt succeeds.</summary>
public sealed record PaymentFailed : PaymentEvent
{
    /// <summary>The provider's failure code, e.g. <c>card_declined</c>.</summary>
    [JsonPropertyName("failureCode")]
    public string? FailureCode { get; init; }

    /// <summary>A message about the failure that may be shown to the buyer.</summary>
    [JsonPropertyName("failureMessage")]
    public string? FailureMessage { get; init; }
}
