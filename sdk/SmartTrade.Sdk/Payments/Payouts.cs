using System.Collections.ObjectModel;
using System.Text.Json.Serialization;

namespace SmartTrade.Sdk.Payments;

/// <summary>
/// Where a payout goes: an account at (or reachable through) the gateway, in the name of the person or company paid.
/// What <see cref="Account"/> holds depends on the gateway: a bank account number for bank transfers (the Sandbox), a
/// connected account id (<c>acct_…</c>) for Stripe, an Alipay login for Alipay.
/// </summary>
public sealed record PayoutDestination
{
    /// <summary>The account holder's name, as the bank or provider knows it (checked by providers that can).</summary>
    [JsonPropertyName("accountHolder")]
    public required string AccountHolder { get; init; }

    /// <summary>The account, in the gateway's terms (see <see cref="PayoutDestination"/>).</summary>
    [JsonPropertyName("account")]
    public required string Account { get; init; }

    /// <summary>The bank's name, for bank accounts; otherwise <see langword="null"/>.</summary>
    [JsonPropertyName("bank")]
    public string? Bank { get; init; }

    /// <summary>The account with all but its last four characters hidden, for showing and logging.</summary>
    [JsonIgnore]
    public string MaskedAccount => Mask(Account);

    // Printing (ToString, and so logging a request) shows the masked account only.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("AccountHolder = ").Append(AccountHolder).Append(", Account = ").Append(MaskedAccount).Append(", Bank = ").Append(Bank);
        return true;
    }

    /// <summary>Hides all but the last four characters of an account (<c>•••• 1234</c>).</summary>
    /// <param name="account">The account.</param>
    public static string Mask(string account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var compact = account.Replace(" ", string.Empty, StringComparison.Ordinal);
        return compact.Length <= 4 ? compact : "•••• " + compact[^4..];
    }
}

/// <summary>A request to pay money out of the platform to a destination (a trader withdrawing cash, a seller's proceeds).</summary>
public sealed record CreatePayout
{
    /// <summary>The caller's reference for what is paid out (e.g. a withdrawal's id), for the records and the provider's dashboard.</summary>
    [JsonPropertyName("reference")]
    public required string Reference { get; init; }

    /// <summary>The amount: positive, in the smallest unit of its currency.</summary>
    [JsonPropertyName("amount")]
    public required Money Amount { get; init; }

    /// <summary>Where the money goes.</summary>
    [JsonPropertyName("destination")]
    public required PayoutDestination Destination { get; init; }

    /// <summary>A short description the payee may see on their statement.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>Free-form data stored with the payout at the provider.</summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>The key that makes the payout safe to retry: a repeat with it returns the first payout and pays nothing again.</summary>
    [JsonPropertyName("idempotencyKey")]
    public required string IdempotencyKey { get; init; }
}

/// <summary>Where a payout is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PayoutStatus>))]
public enum PayoutStatus
{
    /// <summary>Submitted; the provider will report the outcome (read it back with <see cref="IPaymentGateway.GetPayoutAsync"/>).</summary>
    Pending,

    /// <summary>
    /// The money has left the platform for the destination. Final for the caller; a provider may still report it
    /// returned later (a reversed transfer, a bank's return), which <see cref="IPaymentGateway.GetPayoutAsync"/> then reads as Failed.
    /// </summary>
    Paid,

    /// <summary>Refused or returned (unknown account, name mismatch, the platform's balance short); no money left; final.</summary>
    Failed,
}

/// <summary>A payout to a destination through one gateway.</summary>
public sealed record Payout
{
    /// <summary>The payout's identifier at the gateway (e.g. <c>tr_…</c> for a Stripe transfer).</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>The gateway (<see cref="IPaymentGateway.Id"/>).</summary>
    [JsonPropertyName("gatewayId")]
    public required string GatewayId { get; init; }

    /// <summary>The caller's reference, as in <see cref="CreatePayout.Reference"/>.</summary>
    [JsonPropertyName("reference")]
    public required string Reference { get; init; }

    /// <summary>The amount paid out.</summary>
    [JsonPropertyName("amount")]
    public required Money Amount { get; init; }

    /// <summary>The destination's account, masked (<see cref="PayoutDestination.MaskedAccount"/>).</summary>
    [JsonPropertyName("destination")]
    public required string Destination { get; init; }

    /// <summary>The payout's status.</summary>
    [JsonPropertyName("status")]
    public required PayoutStatus Status { get; init; }

    /// <summary>The provider's machine-readable failure code (e.g. <c>no_account</c>) when <see cref="PayoutStatus.Failed"/>.</summary>
    [JsonPropertyName("failureCode")]
    public string? FailureCode { get; init; }

    /// <summary>A message about the failure that may be shown to the payee.</summary>
    [JsonPropertyName("failureMessage")]
    public string? FailureMessage { get; init; }

    /// <summary>The idempotency key the payout was created with.</summary>
    [JsonPropertyName("idempotencyKey")]
    public required string IdempotencyKey { get; init; }

    /// <summary>When the payout was created.</summary>
    [JsonPropertyName("createdAt")]
    public required DateTimeOffset CreatedAt { get; init; }
}
