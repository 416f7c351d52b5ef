using System.Collections.ObjectModel;
using System.Text.Json.Serialization;

namespace SmartTrade.Sdk.Payments;

/// <summary>A webhook request as received, for the gateway to verify and read.</summary>
public sealed record PaymentWebhook
{
    /// <summary>The raw request body, exactly as received (signatures are computed over it).</summary>
    [JsonPropertyName("body")]
    public required string Body { get; init; }

    /// <summary>The request headers; the host supplies a dictionary that ignores the case of names.</summary>
    [JsonPropertyName("headers")]
    public IReadOnlyDictionary<string, string> Headers { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>When the host received the request (for signature timestamp tolerance).</summary>
    [JsonPropertyName("receivedAt")]
    public required DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>What a gateway made of a webhook.</summary>
public sealed record PaymentWebhookResult
{
    /// <summary>Whether the webhook verified and was understood; <see langword="false"/> is answered with 400 and changes nothing.</summary>
    [JsonPropertyName("accepted")]
    public required bool Accepted { get; init; }

    /// <summary>The provider's event id, used by the host to process each event once.</summary>
    [JsonPropertyName("eventId")]
    public string? EventId { get; init; }

    /// <summary>The intent the event is about, if any.</summary>
    [JsonPropertyName("paymentIntentId")]
    public string? PaymentIntentId { get; init; }

    /// <summary>The intent's status after the event, when the event changes it.</summary>
    [JsonPropertyName("newStatus")]
    public PaymentStatus? NewStatus { get; init; }

    /// <summary>The refund the event reports on, when it is about a refund.</summary>
    [JsonPropertyName("refund")]
    public PaymentRefund? Refund { get; init; }

    /// <summary>Whether the gateway knows it has seen this event before; the host then changes nothing.</summary>
    [JsonPropertyName("duplicate")]
    public bool Duplicate { get; init; }

    /// <summary>Why the webhook was not accepted (for logs; never echo secrets).</summary>
    [JsonPropertyName("rejectionReason")]
    public string? RejectionReason { get; init; }

    /// <summary>A result for a webhook that did not verify or could not be read.</summary>
    /// <param name="reason">Why, for logs.</param>
    public static PaymentWebhookResult Rejected(string reason) => new() { Accepted = false, RejectionReason = reason };
}
