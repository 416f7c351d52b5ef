using System.Text.Json.Serialization;

namespace SmartTrade.Sdk.Payments;

/// <summary>A request to confirm a payment intent on the server with a payment method.</summary>
public sealed record ConfirmPayment
{
    /// <summary>The intent to confirm.</summary>
    [JsonPropertyName("paymentIntentId")]
    public required string PaymentIntentId { get; init; }

    /// <summary>How the buyer pays.</summary>
    [JsonPropertyName("paymentMethod")]
    public required PaymentMethod PaymentMethod { get; init; }

    /// <summary>The key that makes confirmation safe to retry, when the gateway supports one.</summary>
    [JsonPropertyName("idempotencyKey")]
    public string? IdempotencyKey { get; init; }
}

/// <summary>
/// How a buyer pays: card details or a provider token. JSON carries the kind first:
/// <c>{"kind":"card",…}</c> or <c>{"kind":"token","token":"pm_…"}</c>. Later SDK versions may add kinds.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(CardPaymentMethod), "card")]
[JsonDerivedType(typeof(TokenPaymentMethod), "token")]
public abstract record PaymentMethod;

/// <summary>
/// Card details, passed through to the gateway for one confirmation. They are never stored, never logged and never
/// written to events: <see cref="ToString"/> shows only the last four digits. Real card numbers belong with a
/// PCI-compliant provider; send a <see cref="TokenPaymentMethod"/> in production. The Sandbox gateway takes
/// <see cref="SandboxTestCards"/>.
/// </summary>
public sealed record CardPaymentMethod : PaymentMethod
{
    /// <summary>The card number, digits only (spaces are allowed and ignored by gateways).</summary>
    [JsonPropertyName("number")]
    public required string Number { get; init; }

    /// <summary>The expiry month, 1 to 12.</summary>
    [JsonPropertyName("expiryMonth")]
    public required int ExpiryMonth { get; init; }

    /// <summary>The expiry year, four digits.</summary>
    [JsonPropertyName("expiryYear")]
    public required int ExpiryYear { get; init; }

    /// <summary>The card verification code.</summary>
    [JsonPropertyName("cvc")]
    public required string Cvc { get; init; }

    /// <summary>The cardholder's name, when given.</summary>
    [JsonPropertyName("holderName")]
    public string? HolderName { get; init; }

    /// <summary>The last four digits of the number, safe to show and store.</summary>
    [JsonIgnore]
    public string Last4
    {
        get
        {
            var digits = new string(Number.Where(char.IsAsciiDigit).ToArray());
            return digits.Length <= 4 ? digits : digits[^4..];
        }
    }

    /// <summary>A masked description such as <c>card ****4242</c>; never the full number or the CVC.</summary>
    public override string ToString() => $"card ****{Last4}";
}

/// <summary>A payment method the provider tokenized in the buyer's browser (e.g. a Stripe <c>pm_…</c> id).</summary>
public sealed record TokenPaymentMethod : PaymentMethod
{
    /// <summary>The provider's token or payment-method id.</summary>
    [JsonPropertyName("token")]
    public required string Token { get; init; }

    /// <summary>A description that does not reveal the token.</summary>
    public override string ToString() => "token";
}
