using SmartTrade.Sdk.Localization;

namespace SmartTrade.Sdk.Payments;

/// <summary>
/// A payment provider. The host ships the offline Sandbox gateway and Stripe; a plugin adds others (Alipay,
/// WeChat Pay) by registering an implementation in its services. The host picks the gateway by <see cref="Id"/>,
/// keeps one payment intent per order, records intents and refunds, and turns their outcomes into order changes.
/// </summary>
/// <remarks>
/// Every creating call carries an idempotency key that the gateway passes on to the provider when it supports
/// them (or enforces itself), so a retried call never charges or refunds twice. Members added in later minor
/// versions of the SDK come with default implementations.
/// </remarks>
public interface IPaymentGateway
{
    /// <summary>The gateway's stable identifier, lower-case (e.g. <c>sandbox</c>, <c>stripe</c>); see <see cref="PaymentGatewayIds"/>.</summary>
    string Id { get; }

    /// <summary>The name shown to buyers and administrators.</summary>
    LocalizedText DisplayName { get; }

    /// <summary>
    /// Creates a payment intent for an order's amount, in status <see cref="PaymentStatus.RequiresPaymentMethod"/>
    /// (or later, for gateways that collect the method up front). A repeat with the same idempotency key returns
    /// the same intent.
    /// </summary>
    /// <param name="request">The order, amount and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<PaymentIntent> CreateIntentAsync(CreatePaymentIntent request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Confirms an intent on the server with a payment method, and captures it. Returns the intent with its new
    /// status: <see cref="PaymentStatus.Succeeded"/>, <see cref="PaymentStatus.Failed"/> (with the failure code and
    /// message), <see cref="PaymentStatus.RequiresAction"/> (the buyer must authenticate) or
    /// <see cref="PaymentStatus.Processing"/> (the outcome arrives by webhook). A declined payment is a
    /// <see cref="PaymentStatus.Failed"/> intent, not an exception. Gateways whose payments are only confirmed by the
    /// client or a redirect throw <see cref="NotSupportedException"/>.
    /// </summary>
    /// <param name="request">The intent and the payment method.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<PaymentIntent> ConfirmAsync(ConfirmPayment request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Refunds all or part of a succeeded intent. The host checks that refunds never exceed the amount paid before
    /// calling. A repeat with the same idempotency key returns the same refund.
    /// </summary>
    /// <param name="request">The intent, amount, reason and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<PaymentRefund> RefundAsync(RefundPayment request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Verifies and reads a webhook the provider sent to <c>/api/v1/payments/webhooks/{gateway-id}</c>. A webhook whose
    /// signature does not verify is rejected (<see cref="PaymentWebhookResult.Accepted"/> false, answered with 400)
    /// and changes nothing. The host ignores an event id it has already processed, so a duplicate webhook changes
    /// nothing even when the gateway cannot tell.
    /// </summary>
    /// <param name="webhook">The raw request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<PaymentWebhookResult> HandleWebhookAsync(PaymentWebhook webhook, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads an intent's current state from the provider (and records it), for work that must find out what became of
    /// a payment after a crash: a caller that died between confirming an intent and recording the outcome asks here
    /// instead of charging again. Added in SDK 1.1; gateways written before it keep this default, which throws
    /// <see cref="NotSupportedException"/>.
    /// </summary>
    /// <param name="paymentIntentId">The intent's id, as <see cref="CreateIntentAsync"/> returned it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The intent, or <see langword="null"/> when this gateway has no such intent.</returns>
    Task<PaymentIntent?> GetIntentAsync(string paymentIntentId, CancellationToken cancellationToken = default)
        => Task.FromException<PaymentIntent?>(new NotSupportedException($"Payment gateway '{Id}' cannot read intents back."));

    /// <summary>
    /// Whether this gateway pays money out (<see cref="PayOutAsync"/>), so callers can offer withdrawals only where they
    /// work. Added in SDK 1.1; gateways written before it keep this default, <see langword="false"/>.
    /// </summary>
    bool SupportsPayouts => false;

    /// <summary>
    /// Pays money out of the platform to a destination (a trader's withdrawal, a seller's proceeds). A refused payout
    /// (unknown account, the platform's balance short) is a <see cref="PayoutStatus.Failed"/> payout, not an exception;
    /// a payout whose outcome comes later is <see cref="PayoutStatus.Pending"/> (read it back with
    /// <see cref="GetPayoutAsync"/>). A repeat with the same idempotency key returns the first payout and pays nothing
    /// again, so a caller that died before recording the answer asks again with the same key. A destination (or request)
    /// the gateway cannot use throws <see cref="ArgumentException"/> and pays nothing, so the caller knows the payout will
    /// never go through as asked; any other exception leaves the outcome unknown (ask again with the same key). Added in SDK 1.1;
    /// gateways written before it keep this default, which throws <see cref="NotSupportedException"/>.
    /// </summary>
    /// <param name="request">The amount, destination, reference and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<Payout> PayOutAsync(CreatePayout request, CancellationToken cancellationToken = default)
        => Task.FromException<Payout>(new NotSupportedException($"Payment gateway '{Id}' cannot pay out."));

    /// <summary>
    /// Reads a payout's current state from the provider, to learn the outcome of a <see cref="PayoutStatus.Pending"/>
    /// one. Added in SDK 1.1; gateways written before it keep this default, which throws <see cref="NotSupportedException"/>.
    /// </summary>
    /// <param name="payoutId">The payout's id, as <see cref="PayOutAsync"/> returned it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payout, or <see langword="null"/> when this gateway has no such payout.</returns>
    Task<Payout?> GetPayoutAsync(string payoutId, CancellationToken cancellationToken = default)
        => Task.FromException<Payout?>(new NotSupportedException($"Payment gateway '{Id}' cannot read payouts back."));
}

/// <summary>Identifiers of the gateways the host ships.</summary>
public static class PaymentGatewayIds
{
    /// <summary>The offline Sandbox gateway, the default: accepts <see cref="SandboxTestCards"/>.</summary>
    public const string Sandbox = "sandbox";

    /// <summary>Stripe, through Stripe.net with signed webhooks.</summary>
    public const string Stripe = "stripe";
}

/// <summary>Card numbers the Sandbox gateway understands (any future expiry date and any CVC).</summary>
public static class SandboxTestCards
{
    /// <summary>A card whose payments succeed: <c>4242 4242 4242 4242</c>.</summary>
    public const string Succeeds = "4242424242424242";

    /// <summary>A card whose payments are declined: <c>4000 0000 0000 0002</c>.</summary>
    public const string Declined = "4000000000000002";
}
