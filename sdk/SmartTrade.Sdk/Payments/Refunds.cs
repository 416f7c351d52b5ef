using System.Text.Json.Serialization;

namespace SmartTrade.Sdk.Payments;

/// <summary>A request to refund all or part of a succeeded payment intent.</summary>
public sealed record RefundPayment
{
    /// <summary>The intent to refund.</summary>
    [JsonPropertyName("paymentIntentId")]
    public required string PaymentIntentId { get; init; }

    /// <summary>The amount to refund: positive, in the intent's currency, at most what remains unrefunded.</summary>
    [JsonPropertyName("amount")]
    public required Money Amount { get; init; }

    /// <summary>Why, for the records (e.g. <c>order-cancelled</c>, <c>damaged-goods</c>).</summary>
    [JsonPropertyName("reason")]
    public string? Reason { get; init; }

    /// <summary>The key that makes the refund safe to retry.</summary>
    [JsonPropertyName("idempotencyKey")]
    public required string IdempotencyKey { get; init; }
}

/// <summary>Where a refund is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RefundStatus>))]
public enum RefundStatus
{
    /// <summary>Submitted; the provider will report the outcome.</summary>
    Pending,

    /// <summary>The money is on its way back to the buyer; final.</summary>
    Succeeded,

    /// <summary>The provider refused or could not complete the refund; final.</summary>
    Failed,

    /// <summary>Cancelled before it completed; final.</summary>
    Cancelled,
}

/// <summary>A refund of a payment intent.</summary>
public sealed record PaymentRefund
{
    /// <summary>The refund's identifier at the gateway.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The intent refunded.</summary>
    [JsonPropertyName("paymentIntentId")]
    public required string PaymentIntentId { get; init; }

    /// <summary>The amount refunded.</summary>
    [JsonPropertyName("amount")]
    public required Money Amount { get; init; }

    /// <summary>The refund's status.</summary>
    [JsonPropertyName("status")]
    public required RefundStatus Status { get; init; }

    /// <summary>The provider's failure code when <see cref="RefundStatus.Failed"/>.</summary>
    [JsonPropertyName("failureCode")]
    public string? FailureCode { get; init; }

    /// <summary>When the refund was created, when known.</summary>
    [JsonPropertyName("createdAt")]
    public DateTimeOffset? CreatedAt { get; init; }
}
