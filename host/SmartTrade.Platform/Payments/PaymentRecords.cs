using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Payments;

namespace SmartTrade.Platform.Payments;

/// <summary>
/// A payment intent as the host knows it, for every gateway: the Sandbox keeps its whole state here, Stripe keeps
/// its intent id per order and the status its webhooks reported. Card details are never stored beyond brand and
/// last four digits.
/// </summary>
public sealed class PaymentIntentRecord
{
    /// <summary>The intent's id at the gateway (<c>pi_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The gateway.</summary>
    public required string GatewayId { get; init; }

    /// <summary>The order being paid.</summary>
    public required Guid OrderId { get; init; }

    /// <summary>The amount in minor units.</summary>
    public required long AmountMinor { get; init; }

    /// <summary>The ISO 4217 currency code, upper case.</summary>
    public required string Currency { get; init; }

    /// <summary>The idempotency key the intent was created with; unique per gateway.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>The intent's status.</summary>
    public PaymentStatus Status { get; private set; } = PaymentStatus.RequiresPaymentMethod;

    /// <summary>The failure code of the last failed attempt.</summary>
    public string? FailureCode { get; private set; }

    /// <summary>The failure message of the last failed attempt.</summary>
    public string? FailureMessage { get; private set; }

    /// <summary>The card brand of the last attempt (<c>visa</c>), when paid by card.</summary>
    public string? CardBrand { get; set; }

    /// <summary>The last four digits of the card of the last attempt; never the full number.</summary>
    public string? CardLast4 { get; set; }

    /// <summary>The total refunded so far, in minor units.</summary>
    public long RefundedMinor { get; set; }

    /// <summary>When the intent was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the provider created the newest event applied to this intent; older events cannot move it.</summary>
    public DateTimeOffset? LastEventAt { get; set; }

    /// <summary>Optimistic concurrency: two writers (a refund and a webhook) never both win.</summary>
    public int Version { get; set; }

    /// <summary>The amount as money.</summary>
    public Money Amount => new(AmountMinor, Currency);

    /// <summary>Whether the status can no longer change.</summary>
    public bool IsFinal => Status is PaymentStatus.Succeeded or PaymentStatus.Cancelled;

    /// <summary>
    /// Moves to <paramref name="status"/> unless the intent is already final: a succeeded intent never goes back to
    /// failed or processing, whatever order the provider's events arrive in.
    /// </summary>
    /// <returns>Whether the status changed.</returns>
    public bool TryMoveTo(PaymentStatus status, DateTimeOffset at, string? failureCode = null, string? failureMessage = null)
    {
        if (IsFinal || (Status == status && status != PaymentStatus.Failed))
        {
            return false;
        }

        Status = status;
        FailureCode = status == PaymentStatus.Failed ? failureCode : null;
        FailureMessage = status == PaymentStatus.Failed ? failureMessage : null;
        UpdatedAt = at;
        Version++;
        return true;
    }

    /// <summary>The SDK view of the intent.</summary>
    /// <param name="clientSecret">The client secret, when the caller is the paying buyer; it is never stored.</param>
    /// <param name="nextActionUrl">Where to redirect the buyer, when the provider asks for it.</param>
    public PaymentIntent ToIntent(string? clientSecret = null, string? nextActionUrl = null) => new()
    {
        Id = Id,
        GatewayId = GatewayId,
        OrderId = OrderId,
        Amount = Amount,
        Status = Status,
        ClientSecret = clientSecret,
        NextActionUrl = nextActionUrl,
        FailureCode = FailureCode,
        FailureMessage = FailureMessage,
        IdempotencyKey = IdempotencyKey,
        CreatedAt = CreatedAt,
    };
}

/// <summary>A refund of a payment intent, keyed by its idempotency key per gateway.</summary>
public sealed class PaymentRefundRecord
{
    /// <summary>The refund's id at the gateway (<c>re_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The gateway.</summary>
    public required string GatewayId { get; init; }

    /// <summary>The intent refunded.</summary>
    public required string PaymentIntentId { get; init; }

    /// <summary>The amount in minor units.</summary>
    public required long AmountMinor { get; init; }

    /// <summary>The ISO 4217 currency code, upper case.</summary>
    public required string Currency { get; init; }

    /// <summary>The refund's status.</summary>
    public RefundStatus Status { get; set; }

    /// <summary>Why, for the records.</summary>
    public string? Reason { get; init; }

    /// <summary>The provider's failure code when the refund failed.</summary>
    public string? FailureCode { get; set; }

    /// <summary>The idempotency key; unique per gateway. Refunds the provider reported by webhook carry their own id here.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>When the refund was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The SDK view of the refund.</summary>
    public PaymentRefund ToRefund() => new()
    {
        Id = Id,
        PaymentIntentId = PaymentIntentId,
        Amount = new Money(AmountMinor, Currency),
        Status = Status,
        FailureCode = FailureCode,
        CreatedAt = CreatedAt,
    };
}

/// <summary>
/// A payout the host made through a gateway, keyed by its idempotency key per gateway. The full account is kept so a
/// payout can be followed up or retried with the provider; everything shown or logged uses <see cref="MaskedAccount"/>.
/// </summary>
public sealed class PayoutRecord
{
    /// <summary>The payout's id at the gateway (<c>po_sbx_…</c>, a Stripe transfer's <c>tr_…</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The gateway.</summary>
    public required string GatewayId { get; init; }

    /// <summary>The caller's reference (a withdrawal's id).</summary>
    public required string Reference { get; init; }

    /// <summary>The amount in minor units.</summary>
    public required long AmountMinor { get; init; }

    /// <summary>The ISO 4217 currency code, upper case.</summary>
    public required string Currency { get; init; }

    /// <summary>The account holder's name.</summary>
    public required string AccountHolder { get; init; }

    /// <summary>The full destination account, normalized (a bank account's digits, a Stripe <c>acct_…</c> id); never shown or logged.</summary>
    public required string Account { get; init; }

    /// <summary>The bank's name, for bank accounts.</summary>
    public string? Bank { get; init; }

    /// <summary>The description the payee may see.</summary>
    public string? Description { get; init; }

    /// <summary>The payout's status.</summary>
    public PayoutStatus Status { get; private set; } = PayoutStatus.Pending;

    /// <summary>The provider's failure code when the payout failed.</summary>
    public string? FailureCode { get; private set; }

    /// <summary>The failure message when the payout failed; it names the account only masked.</summary>
    public string? FailureMessage { get; private set; }

    /// <summary>The idempotency key the payout was created with; unique per gateway.</summary>
    public required string IdempotencyKey { get; init; }

    /// <summary>When the payout was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The amount as money.</summary>
    public Money Amount => new(AmountMinor, Currency);

    /// <summary>The account with all but its last four characters hidden.</summary>
    public string MaskedAccount => PayoutDestination.Mask(Account);

    /// <summary>
    /// Moves to <paramref name="status"/> where that is a step forward: a pending payout becomes paid or failed, a paid
    /// one fails only when the provider returns the money (a reversed transfer), and a failed one never changes.
    /// </summary>
    /// <returns>Whether the status changed.</returns>
    public bool TryMoveTo(PayoutStatus status, DateTimeOffset at, string? failureCode = null, string? failureMessage = null)
    {
        var allowed = (Status, status) switch
        {
            (PayoutStatus.Pending, PayoutStatus.Paid or PayoutStatus.Failed) => true,
            (PayoutStatus.Paid, PayoutStatus.Failed) => true,
            _ => false,
        };
        if (!allowed)
        {
            return false;
        }

        Status = status;
        FailureCode = status == PayoutStatus.Failed ? Clip(failureCode, 100) : null;
        FailureMessage = status == PayoutStatus.Failed ? Clip(failureMessage, 500) : null;
        UpdatedAt = at;
        return true;
    }

    /// <summary>Whether <paramref name="request"/> (with its account normalized as <paramref name="account"/>) asks for this same payout.</summary>
    /// <param name="request">The repeated request.</param>
    /// <param name="account">The request's account, normalized as the gateway stores it.</param>
    public bool IsSameRequest(CreatePayout request, string account)
        => string.Equals(Reference, request.Reference, StringComparison.Ordinal)
            && Amount == request.Amount
            && string.Equals(Account, account, StringComparison.Ordinal);

    /// <summary>A new record of a payout asked for with <paramref name="request"/>, to <paramref name="account"/> as the gateway reads it.</summary>
    public static PayoutRecord For(CreatePayout request, string id, string gatewayId, string account, DateTimeOffset now) => new()
    {
        Id = id,
        GatewayId = gatewayId,
        Reference = request.Reference,
        AmountMinor = request.Amount.Minor,
        Currency = request.Amount.Currency,
        AccountHolder = request.Destination.AccountHolder,
        Account = account,
        Bank = request.Destination.Bank,
        Description = request.Description,
        IdempotencyKey = request.IdempotencyKey,
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>The SDK view of the payout, with the account masked.</summary>
    public Payout ToPayout() => new()
    {
        Id = Id,
        GatewayId = GatewayId,
        Reference = Reference,
        Amount = Amount,
        Destination = MaskedAccount,
        Status = Status,
        FailureCode = FailureCode,
        FailureMessage = FailureMessage,
        IdempotencyKey = IdempotencyKey,
        CreatedAt = CreatedAt,
    };

    private static string? Clip(string? text, int length) => text is not null && text.Length > length ? text[..length] : text;

    /// <summary>Names the payout with its account masked, so a record that reaches a log shows no account.</summary>
    public override string ToString() => $"Payout {Id} of {Amount} to {MaskedAccount}: {Status}";
}

/// <summary>A provider webhook event that has been processed, so a replay changes nothing.</summary>
public sealed class PaymentWebhookEventRecord
{
    /// <summary>The gateway.</summary>
    public required string GatewayId { get; init; }

    /// <summary>The provider's event id (<c>evt_…</c>).</summary>
    public required string EventId { get; init; }

    /// <summary>The event type (<c>payment_intent.succeeded</c>).</summary>
    public required string Type { get; init; }

    /// <summary>The intent the event was about, if any.</summary>
    public string? PaymentIntentId { get; init; }

    /// <summary>When the host processed it.</summary>
    public required DateTimeOffset ProcessedAt { get; init; }
}

internal sealed class PaymentIntentRecordConfiguration : IEntityTypeConfiguration<PaymentIntentRecord>
{
    public void Configure(EntityTypeBuilder<PaymentIntentRecord> intent)
    {
        intent.ToTable("payment_intents");
        intent.HasKey(i => i.Id);
        intent.Property(i => i.Id).HasMaxLength(128);
        intent.Property(i => i.GatewayId).HasMaxLength(64);
        intent.Property(i => i.Currency).HasMaxLength(3);
        intent.Property(i => i.IdempotencyKey).HasMaxLength(255);
        intent.Property(i => i.Status).HasConversion<string>().HasMaxLength(32);
        intent.Property(i => i.FailureCode).HasMaxLength(100);
        intent.Property(i => i.FailureMessage).HasMaxLength(500);
        intent.Property(i => i.CardBrand).HasMaxLength(32);
        intent.Property(i => i.CardLast4).HasMaxLength(4);
        intent.Property(i => i.Version).IsConcurrencyToken();
        intent.Ignore(i => i.Amount);
        intent.Ignore(i => i.IsFinal);
        intent.HasIndex(i => new { i.GatewayId, i.IdempotencyKey }).IsUnique();
        intent.HasIndex(i => i.OrderId);
    }
}

internal sealed class PaymentRefundRecordConfiguration : IEntityTypeConfiguration<PaymentRefundRecord>
{
    public void Configure(EntityTypeBuilder<PaymentRefundRecord> refund)
    {
        refund.ToTable("payment_refunds");
        refund.HasKey(r => r.Id);
        refund.Property(r => r.Id).HasMaxLength(128);
        refund.Property(r => r.GatewayId).HasMaxLength(64);
        refund.Property(r => r.PaymentIntentId).HasMaxLength(128);
        refund.Property(r => r.Currency).HasMaxLength(3);
        refund.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
        refund.Property(r => r.Reason).HasMaxLength(200);
        refund.Property(r => r.FailureCode).HasMaxLength(100);
        refund.Property(r => r.IdempotencyKey).HasMaxLength(255);
        refund.HasIndex(r => new { r.GatewayId, r.IdempotencyKey }).IsUnique();
        refund.HasIndex(r => r.PaymentIntentId);
    }
}

internal sealed class PayoutRecordConfiguration : IEntityTypeConfiguration<PayoutRecord>
{
    public void Configure(EntityTypeBuilder<PayoutRecord> payout)
    {
        payout.ToTable("payment_payouts");
        payout.HasKey(p => p.Id);
        payout.Property(p => p.Id).HasMaxLength(128);
        payout.Property(p => p.GatewayId).HasMaxLength(64);
        payout.Property(p => p.Reference).HasMaxLength(PayoutRequests.MaxReferenceLength);
        payout.Property(p => p.Currency).HasMaxLength(3);
        payout.Property(p => p.AccountHolder).HasMaxLength(PayoutRequests.MaxAccountHolderLength);
        payout.Property(p => p.Account).HasMaxLength(255);
        payout.Property(p => p.Bank).HasMaxLength(PayoutRequests.MaxBankLength);
        payout.Property(p => p.Description).HasMaxLength(PayoutRequests.MaxDescriptionLength);
        payout.Property(p => p.Status).HasConversion<string>().HasMaxLength(32);
        payout.Property(p => p.FailureCode).HasMaxLength(100);
        payout.Property(p => p.FailureMessage).HasMaxLength(500);
        payout.Property(p => p.IdempotencyKey).HasMaxLength(255);
        payout.Ignore(p => p.Amount);
        payout.Ignore(p => p.MaskedAccount);
        payout.HasIndex(p => new { p.GatewayId, p.IdempotencyKey }).IsUnique();
        payout.HasIndex(p => p.Reference);
    }
}

internal sealed class PaymentWebhookEventRecordConfiguration : IEntityTypeConfiguration<PaymentWebhookEventRecord>
{
    public void Configure(EntityTypeBuilder<PaymentWebhookEventRecord> webhookEvent)
    {
        webhookEvent.ToTable("payment_webhook_events");
        webhookEvent.HasKey(e => new { e.GatewayId, e.EventId });
        webhookEvent.Property(e => e.GatewayId).HasMaxLength(64);
        webhookEvent.Property(e => e.EventId).HasMaxLength(255);
        webhookEvent.Property(e => e.Type).HasMaxLength(100);
        webhookEvent.Property(e => e.PaymentIntentId).HasMaxLength(128);
        webhookEvent.HasIndex(e => e.ProcessedAt);
    }
}
