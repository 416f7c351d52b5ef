using System.Collections.ObjectModel;
using System.Text.Json.Serialization;

namespace SmartTrade.Sdk.Payments;

/// <summary>Where a payment intent is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PaymentStatus>))]
public enum PaymentStatus
{
    /// <summary>Created; waiting for the buyer's payment method.</summary>
    RequiresPaymentMethod,

    /// <summary>The buyer must act: authenticate (3-D Secure), scan a code or follow <see cref="PaymentIntent.NextActionUrl"/>.</summary>
    RequiresAction,

    /// <summary>Submitted; the provider will report the outcome (usually by webhook).</summary>
    Processing,

    /// <summary>Paid and captured; final.</summary>
    Succeeded,

    /// <summary>Declined or errored; see <see cref="PaymentIntent.FailureCode"/>. The buyer may try another method.</summary>
    Failed,

    /// <summary>Abandoned, for example because the order expired; final.</summary>
    Cancelled,
}

/// <summary>A payment of one order's amount through one gateway.</summary>
public sealed record PaymentIntent
{
    /// <summary>The intent's identifier at the gateway (e.g. <c>pi_…</c> for Stripe).</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The gateway (<see cref="IPaymentGateway.Id"/>).</summary>
    [JsonPropertyName("gatewayId")]
    public required string GatewayId { get; init; }

    /// <summary>The order being paid.</summary>
    [JsonPropertyName("orderId")]
    public required Guid OrderId { get; init; }

    /// <summary>The amount to collect.</summary>
    [JsonPropertyName("amount")]
    public required Money Amount { get; init; }

    /// <summary>The intent's status.</summary>
    [JsonPropertyName("status")]
    public required PaymentStatus Status { get; init; }

    /// <summary>
    /// A secret the buyer's browser needs to complete the payment with the provider's client library; only ever
    /// sent to the paying buyer, never logged.
    /// </summary>
    [JsonPropertyName("clientSecret")]
    public string? ClientSecret { get; init; }

    /// <summary>Where to send the buyer when <see cref="Status"/> is <see cref="PaymentStatus.RequiresAction"/> and the action is a redirect.</summary>
    [JsonPropertyName("nextActionUrl")]
    public string? NextActionUrl { get; init; }

    /// <summary>The provider's machine-readable failure code (e.g. <c>card_declined</c>) when <see cref="PaymentStatus.Failed"/>.</summary>
    [JsonPropertyName("failureCode")]
    public string? FailureCode { get; init; }

    /// <summary>A message about the failure that may be shown to the buyer.</summary>
    [JsonPropertyName("failureMessage")]
    public string? FailureMessage { get; init; }

    /// <summary>The idempotency key the intent was created with.</summary>
    [JsonPropertyName("idempotencyKey")]
    public required string IdempotencyKey { get; init; }

    /// <summary>When the intent was created.</summary>
    [JsonPropertyName("createdAt")]
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A request to create a payment intent.</summary>
public sealed record CreatePaymentIntent
{
    /// <summary>The order to pay.</summary>
    [JsonPropertyName("orderId")]
    public required Guid OrderId { get; init; }

    /// <summary>The amount to collect: the order's total; positive.</summary>
    [JsonPropertyName("amount")]
    public required Money Amount { get; init; }

    /// <summary>A description shown on the buyer's statement or receipt where the provider supports it (e.g. the order number).</summary>
    [JsonPropertyName("description")]
    public required string Description { get; init; }

    /// <summary>The key that makes creation safe to retry; the host derives it from the order.</summary>
    [JsonPropertyName("idempotencyKey")]
    public required string IdempotencyKey { get; init; }

    /// <summary>Where the provider returns the buyer after a redirect, when the flow has one.</summary>
    [JsonPropertyName("returnUrl")]
    public string? ReturnUrl { get; init; }

    /// <summary>Key/value pairs stored with the intent at the provider (e.g. <c>orderNumber</c>); no personal data.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = ReadOnlyDictionary<string, string>.Empty;
}
