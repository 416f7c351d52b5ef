using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Data;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Payments;
using Stripe;
using SdkPaymentIntent = SmartTrade.Sdk.Payments.PaymentIntent;
using SdkPayout = SmartTrade.Sdk.Payments.Payout;

namespace SmartTrade.Platform.Payments;

/// <summary>The process-wide Stripe client: one connection pool, the configured key and API base.</summary>
public sealed class StripeConnection : IDisposable
{
    private readonly HttpClient _http;

    /// <summary>Builds the client from the validated options.</summary>
    /// <param name="options">The Stripe options.</param>
    public StripeConnection(IOptions<StripePaymentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options.Value;
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        var clientOptions = new StripeClientOptions
        {
            ApiKey = Options.SecretKey,
            HttpClient = new SystemNetHttpClient(_http, Options.MaxNetworkRetries, appInfo: null, enableTelemetry: false),
        };
        if (!string.IsNullOrWhiteSpace(Options.ApiBase))
        {
            clientOptions.ApiBase = Options.ApiBase.TrimEnd('/');
        }

        Client = new StripeClient(clientOptions);
    }

    /// <summary>The Stripe client.</summary>
    public IStripeClient Client { get; }

    /// <summary>The options the client was built from.</summary>
    public StripePaymentOptions Options { get; }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}

/// <summary>
/// Stripe through Stripe.net. Intents are created on the server and confirmed in the buyer's browser with the
/// returned client secret (Stripe.js); the server confirms only a <see cref="TokenPaymentMethod"/> (a <c>pm_…</c>
/// id) and refuses raw card numbers with <see cref="NotSupportedException"/>. Outcomes arrive by signed webhook:
/// each event is verified, processed once (by event id) and never moves a succeeded intent back. Payouts are Stripe
/// Connect transfers from the platform's balance to a connected account (see <see cref="PayOutAsync"/>).
/// </summary>
public sealed class StripeGateway(PlatformDbContext db, StripeConnection stripe, TimeProvider time, ILogger<StripeGateway> logger) : IPaymentGateway
{
    /// <summary>The metadata key carrying the order id at Stripe.</summary>
    public const string OrderIdMetadataKey = "order_id";

    /// <summary>The metadata key carrying a payout's reference at Stripe (also sent as the transfer group).</summary>
    public const string PayoutReferenceMetadataKey = "reference";

    /// <summary>The failure code of a payout whose transfer was fully reversed (the money went back to the platform).</summary>
    public const string TransferReversed = "reversed";

    /// <summary>How the id of a payout Stripe refused begins: such a payout has no transfer at Stripe.</summary>
    public const string RefusedPayoutIdPrefix = "po_refused_";

    private const int MaxMetadataEntries = 50;

    private readonly PaymentIntentService _intents = new(stripe.Client);
    private readonly RefundService _refunds = new(stripe.Client);
    private readonly TransferService _transfers = new(stripe.Client);

    /// <inheritdoc />
    public string Id => PaymentGatewayIds.Stripe;

    /// <inheritdoc />
    public LocalizedText DisplayName { get; } = new("Stripe 银行卡支付", "Stripe (cards)");

    /// <inheritdoc />
    public async Task<SdkPaymentIntent> CreateIntentAsync(CreatePaymentIntent request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        PaymentRequests.RequirePositive(request.Amount, "amount");
        PaymentRequests.RequireKey(request.IdempotencyKey);

        var known = await db.Set<PaymentIntentRecord>()
            .SingleOrDefaultAsync(i => i.GatewayId == Id && i.IdempotencyKey == request.IdempotencyKey, cancellationToken);
        if (known is not null)
        {
            if (known.OrderId != request.OrderId || known.Amount != request.Amount)
            {
                throw new PaymentIdempotencyKeyReusedException(
                    $"The idempotency key was already used for a payment intent of {known.Amount} for another request.");
            }

            // Stripe forgets idempotency keys after 24 hours: read the intent back rather than create it again.
            var current = await CallAsync(() => _intents.GetAsync(known.Id, null, null, cancellationToken));
            return await ApplyAsync(known, current, cancellationToken);
        }

        var metadata = new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal)
        {
            [OrderIdMetadataKey] = request.OrderId.ToString("D", CultureInfo.InvariantCulture),
        };

        // Payment methods follow the account's dashboard settings (Stripe's automatic payment methods by default).
        var options = new PaymentIntentCreateOptions
        {
            Amount = request.Amount.Minor,
            Currency = request.Amount.Currency.ToLowerInvariant(),
            Description = request.Description,
            Metadata = metadata,
        };
        var created = await CallAsync(() => _intents.CreateAsync(options, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken));

        var now = time.GetUtcNow();
        var record = new PaymentIntentRecord
        {
            Id = created.Id,
            GatewayId = Id,
            OrderId = request.OrderId,
            AmountMinor = request.Amount.Minor,
            Currency = request.Amount.Currency,
            IdempotencyKey = request.IdempotencyKey,
            CreatedAt = now,
            UpdatedAt = now,
        };
        record.TryMoveTo(MapStatus(created.Status), now, created.LastPaymentError?.Code, created.LastPaymentError?.Message);
        db.Set<PaymentIntentRecord>().Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent create with the same key got the same intent from Stripe and stored it first.
            db.Entry(record).State = EntityState.Detached;
            record = await db.Set<PaymentIntentRecord>().SingleOrDefaultAsync(i => i.Id == created.Id, cancellationToken)
                ?? throw new PaymentProviderException(Id, null, "The Stripe payment intent could not be recorded.");
        }

        logger.LogInformation("Stripe payment intent {PaymentIntentId} created for order {OrderId}: {Amount}", created.Id, request.OrderId, request.Amount);
        return record.ToIntent(created.ClientSecret, created.NextAction?.RedirectToUrl?.Url);
    }

    /// <inheritdoc />
    public async Task<SdkPaymentIntent> ConfirmAsync(ConfirmPayment request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.PaymentMethod is not TokenPaymentMethod token)
        {
            throw new NotSupportedException(
                "Stripe payments are confirmed in the buyer's browser with the client secret, or on the server with a Stripe payment method id (token); card numbers are never sent to the server.");
        }

        var record = await db.Set<PaymentIntentRecord>().SingleOrDefaultAsync(i => i.Id == request.PaymentIntentId && i.GatewayId == Id, cancellationToken)
            ?? throw new PaymentIntentNotFoundException(Id, request.PaymentIntentId);
        if (record.Status == PaymentStatus.Succeeded)
        {
            return record.ToIntent();
        }

        var requestOptions = new RequestOptions { IdempotencyKey = request.IdempotencyKey };
        Stripe.PaymentIntent confirmed;
        try
        {
            confirmed = await _intents.ConfirmAsync(record.Id, new PaymentIntentConfirmOptions { PaymentMethod = token.Token }, requestOptions, cancellationToken);
        }
        catch (StripeException e) when (e.StripeError?.Type == "card_error")
        {
            // A decline is a failed intent, not an error.
            record.TryMoveTo(PaymentStatus.Failed, time.GetUtcNow(), e.StripeError.Code ?? e.StripeError.DeclineCode, e.StripeError.Message);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Stripe payment intent {PaymentIntentId} declined: {FailureCode}", record.Id, record.FailureCode);
            return record.ToIntent();
        }
        catch (StripeException e)
        {
            throw Translate(e);
        }

        return await ApplyAsync(record, confirmed, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SdkPaymentIntent?> GetIntentAsync(string paymentIntentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(paymentIntentId);
        var record = await db.Set<PaymentIntentRecord>().SingleOrDefaultAsync(i => i.Id == paymentIntentId && i.GatewayId == Id, cancellationToken);
        if (record is null)
        {
            return null;
        }

        Stripe.PaymentIntent current;
        try
        {
            current = await _intents.GetAsync(record.Id, cancellationToken: cancellationToken);
        }
        catch (StripeException e)
        {
            throw Translate(e);
        }

        return await ApplyAsync(record, current, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PaymentRefund> RefundAsync(RefundPayment request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        PaymentRequests.RequirePositive(request.Amount, "amount");
        PaymentRequests.RequireKey(request.IdempotencyKey);

        var existing = await db.Set<PaymentRefundRecord>()
            .SingleOrDefaultAsync(r => r.GatewayId == Id && r.IdempotencyKey == request.IdempotencyKey, cancellationToken);
        if (existing is not null)
        {
            if (existing.PaymentIntentId != request.PaymentIntentId || new Money(existing.AmountMinor, existing.Currency) != request.Amount)
            {
                throw new PaymentIdempotencyKeyReusedException("The idempotency key was already used for a different refund.");
            }

            return existing.ToRefund();
        }

        var intent = await db.Set<PaymentIntentRecord>().SingleOrDefaultAsync(i => i.Id == request.PaymentIntentId && i.GatewayId == Id, cancellationToken)
            ?? throw new PaymentIntentNotFoundException(Id, request.PaymentIntentId);
        PaymentRequests.CheckRefundable(intent, request.Amount);

        var options = new RefundCreateOptions
        {
            PaymentIntent = intent.Id,
            Amount = request.Amount.Minor,
            Metadata = request.Reason is null ? null : new Dictionary<string, string> { ["reason"] = request.Reason },
        };
        var refund = await CallAsync(() => _refunds.CreateAsync(options, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken));

        var record = new PaymentRefundRecord
        {
            Id = refund.Id,
            GatewayId = Id,
            PaymentIntentId = intent.Id,
            AmountMinor = refund.Amount,
            Currency = intent.Currency,
            Status = MapRefundStatus(refund.Status),
            Reason = request.Reason,
            FailureCode = refund.FailureReason,
            IdempotencyKey = request.IdempotencyKey,
            CreatedAt = time.GetUtcNow(),
        };
        db.Set<PaymentRefundRecord>().Add(record);
        if (record.Status is not (RefundStatus.Failed or RefundStatus.Cancelled))
        {
            intent.RefundedMinor = checked(intent.RefundedMinor + record.AmountMinor);
            intent.Version++;
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Stripe refund {RefundId} of {Amount} on payment intent {PaymentIntentId}: {Status}", refund.Id, request.Amount, intent.Id, record.Status);
        return record.ToRefund();
    }

    /// <inheritdoc />
    public async Task<PaymentWebhookResult> HandleWebhookAsync(PaymentWebhook webhook, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (!webhook.Headers.TryGetValue("Stripe-Signature", out var signature) || string.IsNullOrWhiteSpace(signature))
        {
            return PaymentWebhookResult.Rejected("The Stripe-Signature header is missing.");
        }

        Event stripeEvent;
        try
        {
            // Verified against the time the host received the request, so the tolerance does not depend on the system clock.
            stripeEvent = EventUtility.ConstructEvent(
                webhook.Body,
                signature,
                stripe.Options.WebhookSecret,
                stripe.Options.WebhookToleranceSeconds,
                webhook.ReceivedAt.ToUnixTimeSeconds(),
                throwOnApiVersionMismatch: false);
        }
        catch (StripeException e)
        {
            logger.LogWarning("Stripe webhook rejected: {Reason}", e.Message);
            return PaymentWebhookResult.Rejected($"The webhook did not verify: {e.Message}");
        }
        catch (Exception e) when (e is Newtonsoft.Json.JsonException or System.Text.Json.JsonException or FormatException or ArgumentException)
        {
            return PaymentWebhookResult.Rejected("The webhook body is not a Stripe event.");
        }

        if (string.IsNullOrEmpty(stripeEvent.Id))
        {
            return PaymentWebhookResult.Rejected("The event has no id.");
        }

        var seen = await db.Set<PaymentWebhookEventRecord>().AnyAsync(e => e.GatewayId == Id && e.EventId == stripeEvent.Id, cancellationToken);
        if (seen)
        {
            logger.LogInformation("Stripe event {EventId} ({EventType}) already processed", stripeEvent.Id, stripeEvent.Type);
            return new PaymentWebhookResult { Accepted = true, EventId = stripeEvent.Id, Duplicate = true };
        }

        var eventAt = new DateTimeOffset(DateTime.SpecifyKind(stripeEvent.Created, DateTimeKind.Utc));
        var result = stripeEvent.Data?.Object switch
        {
            Stripe.PaymentIntent pi when stripeEvent.Type == EventTypes.PaymentIntentSucceeded
                => await OnIntentEventAsync(stripeEvent.Id, pi, PaymentStatus.Succeeded, eventAt, cancellationToken),
            Stripe.PaymentIntent pi when stripeEvent.Type == EventTypes.PaymentIntentPaymentFailed
                => await OnIntentEventAsync(stripeEvent.Id, pi, PaymentStatus.Failed, eventAt, cancellationToken),
            Charge charge when stripeEvent.Type == EventTypes.ChargeRefunded
                => await OnChargeRefundedAsync(stripeEvent.Id, charge, cancellationToken),
            _ => new PaymentWebhookResult { Accepted = true, EventId = stripeEvent.Id },
        };

        db.Set<PaymentWebhookEventRecord>().Add(new PaymentWebhookEventRecord
        {
            GatewayId = Id,
            EventId = stripeEvent.Id,
            Type = stripeEvent.Type,
            PaymentIntentId = result.PaymentIntentId,
            ProcessedAt = time.GetUtcNow(),
        });
        try
        {
            // The event row and its effect commit together: a crash before this line leaves the event unprocessed.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            if (await db.Set<PaymentWebhookEventRecord>().AnyAsync(e => e.GatewayId == Id && e.EventId == stripeEvent.Id, cancellationToken))
            {
                return new PaymentWebhookResult { Accepted = true, EventId = stripeEvent.Id, Duplicate = true };
            }

            throw;
        }

        logger.LogInformation(
            "Stripe event {EventId} ({EventType}) processed for payment intent {PaymentIntentId}: {NewStatus}",
            stripeEvent.Id, stripeEvent.Type, result.PaymentIntentId, result.NewStatus);
        return result;
    }

    /// <inheritdoc />
    public bool SupportsPayouts => true;

    /// <summary>
    /// Pays out with a Stripe Connect transfer (<c>POST /v1/transfers</c>) of the amount, in its currency, from the
    /// platform's available balance to the connected account in <see cref="PayoutDestination.Account"/> (an
    /// <c>acct_…</c> id; anything else is an <see cref="ArgumentException"/>), with the reference as the
    /// transfer group and in the metadata (<see cref="PayoutReferenceMetadataKey"/>), and the idempotency key passed on.
    /// A created transfer is <see cref="PayoutStatus.Paid"/>: the money is in the connected account's Stripe balance,
    /// from where the account's own payout schedule takes it to its bank.
    /// </summary>
    /// <remarks>
    /// A transfer Stripe refuses (an unknown connected account: <c>resource_missing</c>; the platform's balance short:
    /// <c>balance_insufficient</c>; an account that cannot receive transfers) is a <see cref="PayoutStatus.Failed"/>
    /// payout with Stripe's error code and message, and no exception. It has no transfer id, so its
    /// <see cref="SdkPayout.Id"/> is <see cref="RefusedPayoutIdPrefix"/> followed by 24 hex digits of the SHA-256 of the
    /// idempotency key: the same key always names the same refused payout. A failed payout is final: a repeat with its
    /// key returns it and asks Stripe nothing; try again with a new key. Network failures, Stripe's own errors (5xx),
    /// authentication, permission and rate-limit errors throw <see cref="PaymentProviderException"/> and record
    /// nothing, so the caller retries with the same key. Stripe keeps idempotency keys for about a day, so before it
    /// transfers, the gateway looks for a transfer already made for the same reference (<c>GET /v1/transfers</c> by
    /// transfer group and destination) and takes that one: a caller that died between Stripe's transfer and its record
    /// here and asks again days later still pays once. References must therefore be unique per payout.
    /// </remarks>
    /// <param name="request">The amount, destination, reference and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<SdkPayout> PayOutAsync(CreatePayout request, CancellationToken cancellationToken = default)
    {
        PayoutRequests.Check(request);
        var account = PayoutRequests.StripeAccountId(request.Destination.Account);
        var metadata = PayoutMetadata(request);

        var known = await FindPayoutByKeyAsync(request.IdempotencyKey, cancellationToken);
        if (known is not null)
        {
            return SamePayoutRequest(known, request, account).ToPayout();
        }

        var options = new TransferCreateOptions
        {
            Amount = request.Amount.Minor,
            Currency = request.Amount.Currency.ToLowerInvariant(),
            Destination = account,
            Description = request.Description,
            Metadata = metadata,
            TransferGroup = request.Reference,
        };
        Transfer? transfer = null;
        StripeError? refusal = null;
        try
        {
            // A transfer Stripe already made for this reference (the caller died before it was recorded here, and asks
            // again after Stripe has forgotten the idempotency key) is this payout: found by its transfer group, never made twice.
            transfer = await FindTransferAsync(request, account, cancellationToken)
                ?? await _transfers.CreateAsync(options, new RequestOptions { IdempotencyKey = request.IdempotencyKey }, cancellationToken);
        }
        catch (StripeException e) when (IsRefusal(e))
        {
            refusal = e.StripeError;
        }
        catch (StripeException e)
        {
            throw Translate(e);
        }

        var now = time.GetUtcNow();
        var record = PayoutRecord.For(request, transfer?.Id ?? RefusedPayoutId(request.IdempotencyKey), Id, account, now);
        if (transfer is not null)
        {
            ApplyTransfer(record, transfer, now);
        }
        else
        {
            // Stripe names the destination in some messages ("No such destination: 'acct_…'"); keep it masked.
            var message = (refusal!.Message ?? "Stripe refused the transfer.").Replace(account, record.MaskedAccount, StringComparison.Ordinal);
            record.TryMoveTo(PayoutStatus.Failed, now, refusal.Code ?? refusal.Type, message);
        }

        db.Set<PayoutRecord>().Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A concurrent payout with the same key got the same answer from Stripe and recorded it first.
            db.Entry(record).State = EntityState.Detached;
            var first = await FindPayoutByKeyAsync(request.IdempotencyKey, cancellationToken)
                ?? throw new PaymentProviderException(Id, null, "The Stripe transfer could not be recorded.");
            return SamePayoutRequest(first, request, account).ToPayout();
        }

        logger.LogInformation(
            "Stripe payout {PayoutId} of {Amount} to {Destination} for {Reference}: {Status} {FailureCode}",
            record.Id, record.Amount, record.MaskedAccount, record.Reference, record.Status, record.FailureCode);
        return record.ToPayout();
    }

    /// <summary>The transfer already made for the request's reference, destination and amount, if any.</summary>
    private async Task<Transfer?> FindTransferAsync(CreatePayout request, string account, CancellationToken cancellationToken)
    {
        var made = await _transfers.ListAsync(
            new TransferListOptions { TransferGroup = request.Reference, Destination = account, Limit = 10 },
            cancellationToken: cancellationToken);
        return made.Data.FirstOrDefault(t =>
            t.Amount == request.Amount.Minor
            && string.Equals(t.Currency, request.Amount.Currency, StringComparison.OrdinalIgnoreCase)
            && t.Metadata is { } metadata && metadata.TryGetValue(PayoutReferenceMetadataKey, out var reference) && reference == request.Reference);
    }

    /// <summary>
    /// Reads a payout back: a transfer's current state from Stripe (<c>GET /v1/transfers/{id}</c>), recorded. A transfer
    /// that still exists is <see cref="PayoutStatus.Paid"/>, also when partly reversed; a fully reversed one (Stripe's
    /// <c>reversed</c>, the money back in the platform's balance) is <see cref="PayoutStatus.Failed"/> with code
    /// <see cref="TransferReversed"/>. A failed payout is answered from the records without asking Stripe.
    /// </summary>
    /// <param name="payoutId">The payout's id, as <see cref="PayOutAsync"/> returned it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>
    /// The payout, or <see langword="null"/> when this host made no such payout (Stripe is not asked: transfers made
    /// otherwise are not the host's) or Stripe no longer has its transfer (<c>resource_missing</c>).
    /// </returns>
    public async Task<SdkPayout?> GetPayoutAsync(string payoutId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(payoutId);
        var record = await db.Set<PayoutRecord>().SingleOrDefaultAsync(p => p.Id == payoutId && p.GatewayId == Id, cancellationToken);
        if (record is null || record.Status == PayoutStatus.Failed)
        {
            return record?.ToPayout();
        }

        Transfer transfer;
        try
        {
            transfer = await _transfers.GetAsync(record.Id, cancellationToken: cancellationToken);
        }
        catch (StripeException e) when (e.StripeError?.Code == "resource_missing")
        {
            logger.LogWarning("Stripe has no transfer {PayoutId} any more", record.Id);
            return null;
        }
        catch (StripeException e)
        {
            throw Translate(e);
        }

        if (ApplyTransfer(record, transfer, time.GetUtcNow()))
        {
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Stripe payout {PayoutId} to {Destination}: {Status} {FailureCode}", record.Id, record.MaskedAccount, record.Status, record.FailureCode);
        }

        return record.ToPayout();
    }

    /// <summary>Maps a Stripe payment intent status to the SDK's.</summary>
    /// <param name="status">The Stripe status, e.g. <c>requires_payment_method</c>.</param>
    public static PaymentStatus MapStatus(string? status) => status switch
    {
        "requires_payment_method" => PaymentStatus.RequiresPaymentMethod,
        "requires_confirmation" => PaymentStatus.RequiresPaymentMethod,
        "requires_action" => PaymentStatus.RequiresAction,
        "requires_capture" => PaymentStatus.Processing,
        "processing" => PaymentStatus.Processing,
        "succeeded" => PaymentStatus.Succeeded,
        "canceled" => PaymentStatus.Cancelled,
        _ => PaymentStatus.Processing,
    };

    private static RefundStatus MapRefundStatus(string? status) => status switch
    {
        "succeeded" => RefundStatus.Succeeded,
        "failed" => RefundStatus.Failed,
        "canceled" => RefundStatus.Cancelled,
        _ => RefundStatus.Pending,
    };

    private async Task<PaymentWebhookResult> OnIntentEventAsync(
        string eventId, Stripe.PaymentIntent pi, PaymentStatus status, DateTimeOffset eventAt, CancellationToken cancellationToken)
    {
        var record = await db.Set<PaymentIntentRecord>().SingleOrDefaultAsync(i => i.Id == pi.Id && i.GatewayId == Id, cancellationToken);
        if (record is null)
        {
            if (pi.Metadata?.TryGetValue(OrderIdMetadataKey, out var orderText) != true || !Guid.TryParse(orderText, out var orderId))
            {
                // Not one of ours (another integration on the same Stripe account): acknowledge and change nothing.
                return new PaymentWebhookResult { Accepted = true, EventId = eventId, PaymentIntentId = pi.Id };
            }

            record = new PaymentIntentRecord
            {
                Id = pi.Id,
                GatewayId = Id,
                OrderId = orderId,
                AmountMinor = pi.Amount,
                Currency = pi.Currency.ToUpperInvariant(),
                IdempotencyKey = "stripe:" + pi.Id,
                CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(pi.Created, DateTimeKind.Utc)),
                UpdatedAt = time.GetUtcNow(),
            };
            db.Set<PaymentIntentRecord>().Add(record);
        }

        // A final status never changes; among the others an older event does not overwrite a newer one.
        var stale = status != PaymentStatus.Succeeded && record.LastEventAt is { } last && eventAt < last;
        var changed = !stale && record.TryMoveTo(status, time.GetUtcNow(), pi.LastPaymentError?.Code ?? pi.LastPaymentError?.DeclineCode, pi.LastPaymentError?.Message);
        if (changed && (record.LastEventAt is null || eventAt > record.LastEventAt))
        {
            record.LastEventAt = eventAt;
        }

        return new PaymentWebhookResult
        {
            Accepted = true,
            EventId = eventId,
            PaymentIntentId = pi.Id,
            NewStatus = changed ? record.Status : null,
        };
    }

    private async Task<PaymentWebhookResult> OnChargeRefundedAsync(string eventId, Charge charge, CancellationToken cancellationToken)
    {
        var intentId = charge.PaymentIntentId;
        var record = intentId is null
            ? null
            : await db.Set<PaymentIntentRecord>().SingleOrDefaultAsync(i => i.Id == intentId && i.GatewayId == Id, cancellationToken);
        if (record is not null && charge.AmountRefunded > record.RefundedMinor)
        {
            // Stripe reports the running total, so applying it is idempotent and order-independent.
            record.RefundedMinor = Math.Min(charge.AmountRefunded, record.AmountMinor);
            record.Version++;
        }

        PaymentRefund? reported = null;
        var latest = charge.Refunds?.Data?.OrderByDescending(r => r.Created).FirstOrDefault();
        if (latest is not null && intentId is not null)
        {
            var known = await db.Set<PaymentRefundRecord>().SingleOrDefaultAsync(r => r.Id == latest.Id, cancellationToken);
            if (known is null)
            {
                known = new PaymentRefundRecord
                {
                    Id = latest.Id,
                    GatewayId = Id,
                    PaymentIntentId = intentId,
                    AmountMinor = latest.Amount,
                    Currency = (latest.Currency ?? charge.Currency).ToUpperInvariant(),
                    IdempotencyKey = "stripe:" + latest.Id,
                    CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(latest.Created, DateTimeKind.Utc)),
                };
                db.Set<PaymentRefundRecord>().Add(known);
            }

            known.Status = MapRefundStatus(latest.Status);
            known.FailureCode = latest.FailureReason;
            reported = known.ToRefund();
        }

        return new PaymentWebhookResult { Accepted = true, EventId = eventId, PaymentIntentId = intentId, Refund = reported };
    }

    private async Task<SdkPaymentIntent> ApplyAsync(PaymentIntentRecord record, Stripe.PaymentIntent current, CancellationToken cancellationToken)
    {
        if (record.TryMoveTo(MapStatus(current.Status), time.GetUtcNow(), current.LastPaymentError?.Code ?? current.LastPaymentError?.DeclineCode, current.LastPaymentError?.Message))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return record.ToIntent(current.ClientSecret, current.NextAction?.RedirectToUrl?.Url);
    }

    /// <summary>
    /// Whether Stripe refused the transfer itself (the request was understood and the answer is no): an invalid-request or
    /// card error answered with 400 or 402. Idempotency, authentication, permission, rate-limit and server errors, and a
    /// 404 (a wrong API address), are not refusals: nothing is decided, and the caller may retry with the same key.
    /// </summary>
    private static bool IsRefusal(StripeException e)
        => e.StripeError?.Type is "invalid_request_error" or "card_error"
            && (int)e.HttpStatusCode is 400 or 402;

    private static string RefusedPayoutId(string idempotencyKey)
        => RefusedPayoutIdPrefix + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(idempotencyKey)))[..24];

    /// <summary>A transfer is paid once created; fully reversed, the money went back to the platform and the payout failed.</summary>
    private static bool ApplyTransfer(PayoutRecord record, Transfer transfer, DateTimeOffset at)
        => transfer.Reversed || (transfer.Amount > 0 && transfer.AmountReversed >= transfer.Amount)
            ? record.TryMoveTo(PayoutStatus.Failed, at, TransferReversed, "The transfer was reversed: the money went back to the platform's balance.")
            : record.TryMoveTo(PayoutStatus.Paid, at);

    private static Dictionary<string, string> PayoutMetadata(CreatePayout request)
    {
        // Stripe's limits (50 keys of up to 40 characters, values of up to 500) are checked here, so a bad request is a
        // 400 rather than a payout Stripe refused.
        var metadata = new Dictionary<string, string>(request.Metadata ?? new Dictionary<string, string>(), StringComparer.Ordinal)
        {
            [PayoutReferenceMetadataKey] = request.Reference,
        };
        if (metadata.Count > MaxMetadataEntries || metadata.Any(m => string.IsNullOrEmpty(m.Key) || m.Key.Length > 40 || m.Key.Contains('[') || m.Key.Contains(']') || m.Value is null || m.Value.Length > 500))
        {
            throw new InvalidPaymentRequestException(
                $"The metadata must have at most {MaxMetadataEntries - 1} entries, keys of 1 to 40 characters without brackets and values of at most 500 characters.");
        }

        return metadata;
    }

    private Task<PayoutRecord?> FindPayoutByKeyAsync(string key, CancellationToken cancellationToken)
        => db.Set<PayoutRecord>().SingleOrDefaultAsync(p => p.GatewayId == Id && p.IdempotencyKey == key, cancellationToken);

    private static PayoutRecord SamePayoutRequest(PayoutRecord existing, CreatePayout request, string account)
        => existing.IsSameRequest(request, account)
            ? existing
            : throw new PaymentIdempotencyKeyReusedException(
                $"The idempotency key was already used for a payout of {existing.Amount} to {existing.MaskedAccount} for another request.");

    private async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException e)
        {
            throw Translate(e);
        }
    }

    private PaymentException Translate(StripeException e)
    {
        logger.LogWarning("Stripe call failed: {StatusCode} {ErrorType} {ErrorCode}", (int)e.HttpStatusCode, e.StripeError?.Type, e.StripeError?.Code);
        return e.StripeError?.Type switch
        {
            "idempotency_error" => new PaymentIdempotencyKeyReusedException("Stripe refused the request: the idempotency key was used for a different request."),
            "invalid_request_error" when e.StripeError.Code == "resource_missing" && e.StripeError.Param is "intent" or "id" or "payment_intent"
                => new PaymentIntentNotFoundException(Id, e.StripeError.Param ?? string.Empty),
            _ => new PaymentProviderException(Id, e.StripeError?.Code, $"Stripe refused the request: {e.StripeError?.Message ?? e.Message}", e),
        };
    }
}
