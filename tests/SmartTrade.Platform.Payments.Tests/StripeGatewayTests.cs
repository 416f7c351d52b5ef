using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Platform.Data;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Payments;

namespace SmartTrade.Platform.Payments.Tests;

public sealed class StripeGatewayTests : IAsyncLifetime
{
    private const string SecretKey = "sk_test_fake_51Secret";
    private const string WebhookSecret = "whsec_fake_signing_secret";
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    private readonly PaymentsDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly RecordingLoggerProvider _logs = new();
    private readonly List<PlatformDbContext> _contexts = [];
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;
    private FakeStripeServer _stripe = null!;
    private StripeConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _stripe = await FakeStripeServer.StartAsync();
        _connection = new StripeConnection(Options.Create(new StripePaymentOptions
        {
            SecretKey = SecretKey,
            WebhookSecret = WebhookSecret,
            ApiBase = _stripe.Url,
            MaxNetworkRetries = 0,
        }));
        _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        _connection.Dispose();
        await _stripe.DisposeAsync();
        _loggerFactory.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Should_create_the_intent_at_stripe_with_amount_currency_order_and_idempotency_key()
    {
        var orderId = Guid.NewGuid();

        var intent = await Gateway().CreateIntentAsync(Create(orderId, 12990, "order-key-1"));

        var sent = Assert.Single(_stripe.Requests);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/v1/payment_intents", sent.Path);
        Assert.Equal("12990", sent.Form["amount"]);
        Assert.Equal("cny", sent.Form["currency"]);
        Assert.Equal(orderId.ToString(), sent.Form["metadata[order_id]"]);
        Assert.Equal("order-key-1", sent.IdempotencyKey);
        Assert.Equal($"Bearer {SecretKey}", sent.Authorization);
        Assert.Equal(PaymentGatewayIds.Stripe, intent.GatewayId);
        Assert.StartsWith("pi_fake_", intent.Id, StringComparison.Ordinal);
        Assert.Equal(PaymentStatus.RequiresPaymentMethod, intent.Status);
        Assert.Equal($"{intent.Id}_secret_fake", intent.ClientSecret);
        Assert.Equal(Money.FromFen(12990), intent.Amount);
        await using var db = _database.NewContext();
        var stored = await db.Set<PaymentIntentRecord>().SingleAsync();
        Assert.Equal((intent.Id, orderId, PaymentGatewayIds.Stripe), (stored.Id, stored.OrderId, stored.GatewayId));
    }

    [Fact]
    public async Task Should_return_the_same_intent_for_a_repeated_key_without_creating_another()
    {
        var request = Create(Guid.NewGuid(), 5000, "order-key-2");

        var first = await Gateway().CreateIntentAsync(request);
        var second = await Gateway().CreateIntentAsync(request);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(first.ClientSecret, second.ClientSecret);
        Assert.Single(_stripe.Requests, r => r.Method == "POST");
        await Assert.ThrowsAsync<PaymentIdempotencyKeyReusedException>(() => Gateway().CreateIntentAsync(request with { Amount = Money.FromFen(5001) }));
    }

    [Theory]
    [InlineData("requires_payment_method", PaymentStatus.RequiresPaymentMethod)]
    [InlineData("requires_confirmation", PaymentStatus.RequiresPaymentMethod)]
    [InlineData("requires_action", PaymentStatus.RequiresAction)]
    [InlineData("processing", PaymentStatus.Processing)]
    [InlineData("succeeded", PaymentStatus.Succeeded)]
    [InlineData("canceled", PaymentStatus.Cancelled)]
    public void Should_map_stripe_statuses(string stripeStatus, PaymentStatus expected)
        => Assert.Equal(expected, StripeGateway.MapStatus(stripeStatus));

    [Fact]
    public async Task Should_refuse_to_confirm_with_card_details_on_the_server()
    {
        var intent = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 100, "order-key-3"));

        await Assert.ThrowsAsync<NotSupportedException>(() => Gateway().ConfirmAsync(new ConfirmPayment
        {
            PaymentIntentId = intent.Id,
            PaymentMethod = new CardPaymentMethod { Number = SandboxTestCards.Succeeds, ExpiryMonth = 12, ExpiryYear = 2030, Cvc = "123" },
        }));
        Assert.DoesNotContain(_stripe.Requests, r => r.Path.EndsWith("/confirm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reading_an_intent_back_asks_stripe_and_records_the_outcome_it_reached_meanwhile()
    {
        var intent = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 100, "order-key-read"));
        _stripe.SetStatus(intent.Id, "succeeded");

        var read = await Gateway().GetIntentAsync(intent.Id);
        var unknown = await Gateway().GetIntentAsync("pi_never_created");

        Assert.Equal(PaymentStatus.Succeeded, read!.Status);
        Assert.Single(_stripe.Requests, r => r.Path == $"/v1/payment_intents/{intent.Id}");
        Assert.Null(unknown);
        Assert.DoesNotContain(_stripe.Requests, r => r.Path.Contains("pi_never_created", StringComparison.Ordinal));
        Assert.Equal(PaymentStatus.Succeeded, (await Gateway().ConfirmAsync(Token(intent.Id, "pm_card_visa", "confirm-read"))).Status);
        Assert.DoesNotContain(_stripe.Requests, r => r.Path.EndsWith("/confirm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_confirm_with_a_payment_method_token()
    {
        var intent = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 100, "order-key-4"));

        var confirmed = await Gateway().ConfirmAsync(Token(intent.Id, "pm_card_visa", "confirm-1"));

        Assert.Equal(PaymentStatus.Succeeded, confirmed.Status);
        var sent = Assert.Single(_stripe.Requests, r => r.Path == $"/v1/payment_intents/{intent.Id}/confirm");
        Assert.Equal("pm_card_visa", sent.Form["payment_method"]);
        Assert.Equal("confirm-1", sent.IdempotencyKey);
    }

    [Fact]
    public async Task Should_turn_a_decline_into_a_failed_intent()
    {
        var intent = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 100, "order-key-5"));

        var confirmed = await Gateway().ConfirmAsync(Token(intent.Id, "pm_card_chargeDeclined", "confirm-2"));

        Assert.Equal(PaymentStatus.Failed, confirmed.Status);
        Assert.Equal("card_declined", confirmed.FailureCode);
        Assert.Equal("Your card was declined.", confirmed.FailureMessage);
    }

    [Fact]
    public async Task Should_accept_a_signed_succeeded_event()
    {
        var intent = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 12990, "order-key-6"));

        var result = await Gateway().HandleWebhookAsync(Webhook(IntentEvent("evt_1", "payment_intent.succeeded", intent, "succeeded", Now)));

        Assert.True(result.Accepted, result.RejectionReason);
        Assert.False(result.Duplicate);
        Assert.Equal("evt_1", result.EventId);
        Assert.Equal(intent.Id, result.PaymentIntentId);
        Assert.Equal(PaymentStatus.Succeeded, result.NewStatus);
        Assert.Equal(PaymentStatus.Succeeded, await StoredStatusAsync(intent.Id));
    }

    [Fact]
    public async Task Should_mark_a_replayed_event_as_duplicate_and_change_nothing()
    {
        var intent = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 12990, "order-key-7"));
        var failed = Webhook(IntentEvent("evt_fail", "payment_intent.payment_failed", intent, "requires_payment_method", Now));
        await Gateway().HandleWebhookAsync(failed);
        await Gateway().HandleWebhookAsync(Webhook(IntentEvent("evt_retry_ok", "payment_intent.succeeded", intent, "succeeded", Now.AddSeconds(5))));

        var replay = await Gateway().HandleWebhookAsync(failed);

        Assert.True(replay.Accepted);
        Assert.True(replay.Duplicate);
        Assert.Null(replay.NewStatus);
        Assert.Equal(PaymentStatus.Succeeded, await StoredStatusAsync(intent.Id));
        await using var db = _database.NewContext();
        Assert.Equal(2, await db.Set<PaymentWebhookEventRecord>().CountAsync());
    }

    [Fact]
    public async Task Should_reject_a_tampered_body()
    {
        var intent = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 12990, "order-key-8"));
        var body = IntentEvent("evt_2", "payment_intent.succeeded", intent, "succeeded", Now);
        var signature = FakeStripeServer.Sign(body, WebhookSecret, Now);
        var tampered = body.Replace("12990", "1", StringComparison.Ordinal);

        var result = await Gateway().HandleWebhookAsync(Webhook(tampered, signature));

        Assert.False(result.Accepted);
        Assert.NotNull(result.RejectionReason);
        Assert.DoesNotContain(WebhookSecret, result.RejectionReason, StringComparison.Ordinal);
        Assert.Equal(PaymentStatus.RequiresPaymentMethod, await StoredStatusAsync(intent.Id));
    }

    [Fact]
    public async Task Should_reject_an_event_signed_with_another_secret()
    {
        var intent = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 12990, "order-key-9"));
        var body = IntentEvent("evt_3", "payment_intent.succeeded", intent, "succeeded", Now);

        var result = await Gateway().HandleWebhookAsync(Webhook(body, FakeStripeServer.Sign(body, "whsec_someone_else", Now)));

        Assert.False(result.Accepted);
    }

    [Fact]
    public async Task Should_reject_a_signature_older_than_five_minutes()
    {
        var intent = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 12990, "order-key-10"));
        var body = IntentEvent("evt_4", "payment_intent.succeeded", intent, "succeeded", Now);

        var stale = await Gateway().HandleWebhookAsync(Webhook(body, FakeStripeServer.Sign(body, WebhookSecret, Now.AddSeconds(-301))));
        var recent = await Gateway().HandleWebhookAsync(Webhook(body, FakeStripeServer.Sign(body, WebhookSecret, Now.AddSeconds(-299))));

        Assert.False(stale.Accepted);
        Assert.True(recent.Accepted, recent.RejectionReason);
    }

    [Fact]
    public async Task Should_reject_a_webhook_without_a_signature()
    {
        var result = await Gateway().HandleWebhookAsync(new PaymentWebhook { Body = "{}", ReceivedAt = Now });

        Assert.False(result.Accepted);
        Assert.Contains("Stripe-Signature", result.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_never_move_a_succeeded_intent_back_when_a_failure_arrives_late()
    {
        var intent = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 12990, "order-key-11"));
        await Gateway().HandleWebhookAsync(Webhook(IntentEvent("evt_ok", "payment_intent.succeeded", intent, "succeeded", Now)));

        var older = await Gateway().HandleWebhookAsync(Webhook(IntentEvent("evt_old_fail", "payment_intent.payment_failed", intent, "requires_payment_method", Now.AddSeconds(-30))));
        var newer = await Gateway().HandleWebhookAsync(Webhook(IntentEvent("evt_new_fail", "payment_intent.payment_failed", intent, "requires_payment_method", Now.AddSeconds(30))));

        Assert.True(older.Accepted);
        Assert.Null(older.NewStatus);
        Assert.True(newer.Accepted);
        Assert.Null(newer.NewStatus);
        Assert.Equal(PaymentStatus.Succeeded, await StoredStatusAsync(intent.Id));
    }

    [Fact]
    public async Task Should_record_a_failure_event_with_its_code()
    {
        var intent = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 12990, "order-key-12"));

        var result = await Gateway().HandleWebhookAsync(Webhook(IntentEvent("evt_f", "payment_intent.payment_failed", intent, "requires_payment_method", Now)));

        Assert.Equal(PaymentStatus.Failed, result.NewStatus);
        await using var db = _database.NewContext();
        var stored = await db.Set<PaymentIntentRecord>().SingleAsync(i => i.Id == intent.Id);
        Assert.Equal("card_declined", stored.FailureCode);
    }

    [Fact]
    public async Task Should_accept_other_events_without_changing_anything()
    {
        var intent = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 12990, "order-key-13"));

        var result = await Gateway().HandleWebhookAsync(Webhook(IntentEvent("evt_c", "payment_intent.created", intent, "requires_payment_method", Now)));

        Assert.True(result.Accepted);
        Assert.Null(result.NewStatus);
        Assert.Equal(PaymentStatus.RequiresPaymentMethod, await StoredStatusAsync(intent.Id));
    }

    [Fact]
    public async Task Should_refund_partially_then_fully_with_idempotency_keys()
    {
        var intent = await PaidIntentAsync(10000, "order-key-14");

        var partial = await Gateway().RefundAsync(Refund(intent.Id, 4000, "refund-a"));
        var again = await Gateway().RefundAsync(Refund(intent.Id, 4000, "refund-a"));
        var rest = await Gateway().RefundAsync(Refund(intent.Id, 6000, "refund-b"));
        await Assert.ThrowsAsync<RefundExceedsPaymentException>(() => Gateway().RefundAsync(Refund(intent.Id, 1, "refund-c")));

        Assert.Equal(partial, again);
        Assert.Equal(RefundStatus.Succeeded, partial.Status);
        Assert.Equal(Money.FromFen(6000), rest.Amount);
        var sent = _stripe.Requests.Where(r => r.Path == "/v1/refunds").ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(("4000", intent.Id, "refund-a"), (sent[0].Form["amount"], sent[0].Form["payment_intent"], sent[0].IdempotencyKey));
        Assert.Equal(("6000", "refund-b"), (sent[1].Form["amount"], sent[1].IdempotencyKey));
        await using var db = _database.NewContext();
        Assert.Equal(10000, (await db.Set<PaymentIntentRecord>().SingleAsync(i => i.Id == intent.Id)).RefundedMinor);
    }

    [Fact]
    public async Task Should_record_refunds_reported_by_charge_refunded_events()
    {
        var intent = await PaidIntentAsync(10000, "order-key-15");

        var partial = await Gateway().HandleWebhookAsync(Webhook(ChargeRefunded("evt_r1", intent.Id, 3000, ("re_dash_1", 3000, Now))));
        var full = await Gateway().HandleWebhookAsync(Webhook(ChargeRefunded("evt_r2", intent.Id, 10000, ("re_dash_2", 7000, Now.AddSeconds(10)))));
        var lateOld = await Gateway().HandleWebhookAsync(Webhook(ChargeRefunded("evt_r0", intent.Id, 3000, ("re_dash_1", 3000, Now))));

        Assert.True(partial.Accepted);
        Assert.Equal(intent.Id, partial.PaymentIntentId);
        Assert.Equal(("re_dash_1", Money.FromFen(3000)), (partial.Refund!.Id, partial.Refund.Amount));
        Assert.Equal(("re_dash_2", Money.FromFen(7000)), (full.Refund!.Id, full.Refund.Amount));
        Assert.True(lateOld.Accepted);
        await using var db = _database.NewContext();
        Assert.Equal(10000, (await db.Set<PaymentIntentRecord>().SingleAsync(i => i.Id == intent.Id)).RefundedMinor);
        Assert.Equal(2, await db.Set<PaymentRefundRecord>().CountAsync());
        await Assert.ThrowsAsync<RefundExceedsPaymentException>(() => Gateway().RefundAsync(Refund(intent.Id, 1, "refund-after-dashboard")));
    }

    [Fact]
    public async Task Should_never_log_the_keys()
    {
        var intent = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 12990, "order-key-16"));
        var body = IntentEvent("evt_log", "payment_intent.succeeded", intent, "succeeded", Now);
        await Gateway().HandleWebhookAsync(Webhook(body, FakeStripeServer.Sign(body, "whsec_wrong", Now)));
        await Gateway().HandleWebhookAsync(Webhook(body));

        Assert.NotEmpty(_logs.Lines);
        Assert.DoesNotContain(_logs.Lines, line => line.Contains(SecretKey, StringComparison.Ordinal) || line.Contains(WebhookSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(SecretKey, _connection.Options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookSecret, _connection.Options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Should_transfer_to_the_connected_account_with_amount_currency_group_metadata_and_idempotency_key()
    {
        IPaymentGateway gateway = Gateway();

        var payout = await gateway.PayOutAsync(PayOut(FakeStripeServer.ConnectedAccount, 250000, "withdrawal-1"));

        Assert.True(gateway.SupportsPayouts);
        var sent = Assert.Single(_stripe.Requests, r => r.Method == "POST");
        Assert.Equal(("POST", "/v1/transfers", "withdrawal-1"), (sent.Method, sent.Path, sent.IdempotencyKey));
        Assert.Equal("250000", sent.Form["amount"]);
        Assert.Equal("cny", sent.Form["currency"]);
        Assert.Equal(FakeStripeServer.ConnectedAccount, sent.Form["destination"]);
        Assert.Equal("ref-withdrawal-1", sent.Form["transfer_group"]);
        Assert.Equal("ref-withdrawal-1", sent.Form["metadata[reference]"]);
        Assert.Equal("trader-7", sent.Form["metadata[trader]"]);
        Assert.Equal("Cash withdrawal", sent.Form["description"]);
        Assert.Equal(PayoutStatus.Paid, payout.Status);
        Assert.StartsWith("tr_fake_", payout.Id, StringComparison.Ordinal);
        Assert.Equal((PaymentGatewayIds.Stripe, Money.FromFen(250000), "•••• 0001", Now), (payout.GatewayId, payout.Amount, payout.Destination, payout.CreatedAt));
        await using var db = _database.NewContext();
        var stored = await db.Set<PayoutRecord>().SingleAsync();
        Assert.Equal((payout.Id, PayoutStatus.Paid, FakeStripeServer.ConnectedAccount), (stored.Id, stored.Status, stored.Account));
    }

    [Fact]
    public async Task Should_return_the_first_payout_for_a_repeated_key_and_transfer_once()
    {
        var request = PayOut(FakeStripeServer.ConnectedAccount, 30000, "withdrawal-2");

        var first = await Gateway().PayOutAsync(request);
        var second = await Gateway().PayOutAsync(request);

        Assert.Equal(first, second);
        Assert.Single(_stripe.Requests, r => r.Method == "POST" && r.Path == "/v1/transfers");
        Assert.Equal(10_000_000 - 30000, _stripe.AvailableBalance);
    }

    [Fact]
    public async Task Should_refuse_a_repeated_key_with_another_amount_or_account_without_asking_stripe()
    {
        var request = PayOut(FakeStripeServer.ConnectedAccount, 30000, "withdrawal-3");
        await Gateway().PayOutAsync(request);

        var error = await Assert.ThrowsAsync<PaymentIdempotencyKeyReusedException>(() => Gateway().PayOutAsync(request with { Amount = Money.FromFen(30001) }));
        await Assert.ThrowsAsync<PaymentIdempotencyKeyReusedException>(
            () => Gateway().PayOutAsync(request with { Destination = request.Destination with { Account = "acct_1FakeOther000001" } }));

        Assert.Equal(422, error.StatusCode);
        Assert.Single(_stripe.Requests, r => r.Method == "POST" && r.Path == "/v1/transfers");
    }

    [Fact]
    public async Task Should_answer_a_key_stripe_saw_with_other_parameters_as_reused()
    {
        // Recorded nowhere here (another host's database, say), but Stripe remembers the key with its first parameters.
        await Gateway().PayOutAsync(PayOut(FakeStripeServer.ConnectedAccount, 30000, "withdrawal-4"));
        await using (var db = _database.NewContext())
        {
            await db.Set<PayoutRecord>().ExecuteDeleteAsync();
        }

        await Assert.ThrowsAsync<PaymentIdempotencyKeyReusedException>(() => Gateway().PayOutAsync(PayOut(FakeStripeServer.ConnectedAccount, 30001, "withdrawal-4")));
        await using var after = _database.NewContext();
        Assert.Equal(0, await after.Set<PayoutRecord>().CountAsync());
    }

    [Theory]
    [InlineData("6200000000000001")]
    [InlineData("acct_")]
    [InlineData("acct_12 34")]
    [InlineData("cus_1FakeCustomer")]
    [InlineData("")]
    public async Task Should_refuse_a_destination_that_is_not_a_connected_account_id_without_asking_stripe(string account)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Gateway().PayOutAsync(PayOut(account, 100, "withdrawal-bad")));

        Assert.Equal("destination", error.ParamName);
        Assert.Empty(_stripe.Requests);
        await using var db = _database.NewContext();
        Assert.Equal(0, await db.Set<PayoutRecord>().CountAsync());
    }

    [Fact]
    public async Task Should_refuse_metadata_stripe_would_refuse_without_asking_stripe()
    {
        var request = PayOut(FakeStripeServer.ConnectedAccount, 100, "withdrawal-meta");

        await Assert.ThrowsAsync<InvalidPaymentRequestException>(
            () => Gateway().PayOutAsync(request with { Metadata = new Dictionary<string, string> { [new string('k', 41)] = "v" } }));
        await Assert.ThrowsAsync<InvalidPaymentRequestException>(
            () => Gateway().PayOutAsync(request with { Metadata = Enumerable.Range(0, 50).ToDictionary(i => $"k{i}", i => "v") }));

        Assert.Empty(_stripe.Requests);
    }

    [Fact]
    public async Task Should_fail_with_resource_missing_for_an_unknown_connected_account_and_repeat_nothing()
    {
        const string unknown = "acct_1FakeUnknown00042";
        var request = PayOut(unknown, 30000, "withdrawal-5");

        var payout = await Gateway().PayOutAsync(request);
        var again = await Gateway().PayOutAsync(request);

        Assert.Equal(PayoutStatus.Failed, payout.Status);
        Assert.Equal("resource_missing", payout.FailureCode);
        Assert.Equal("No such destination: '•••• 0042'", payout.FailureMessage);
        Assert.StartsWith(StripeGateway.RefusedPayoutIdPrefix, payout.Id, StringComparison.Ordinal);
        Assert.Equal(payout, again);
        Assert.Equal(payout, await Gateway().GetPayoutAsync(payout.Id));
        Assert.Single(_stripe.Requests, r => r.Method == "POST");
        Assert.Equal(10_000_000, _stripe.AvailableBalance);
        await using var db = _database.NewContext();
        var stored = await db.Set<PayoutRecord>().SingleAsync();
        Assert.Equal((PayoutStatus.Failed, unknown), (stored.Status, stored.Account));
    }

    [Fact]
    public async Task Should_take_a_transfer_already_made_for_the_reference_after_stripe_forgot_the_key_and_transfer_once()
    {
        var request = PayOut(FakeStripeServer.ConnectedAccount, 250000, "withdrawal-1");
        var first = await Gateway().PayOutAsync(request);
        // The host died between Stripe's transfer and its own record of it (here: the record removed), and when the
        // payout is asked for again a day later Stripe no longer remembers the idempotency key.
        await using (var db = _database.NewContext())
        {
            db.Set<PayoutRecord>().RemoveRange(db.Set<PayoutRecord>());
            await db.SaveChangesAsync();
        }

        _stripe.ForgetIdempotencyKeys();

        var again = await Gateway().PayOutAsync(request);

        Assert.Equal((first.Id, PayoutStatus.Paid), (again.Id, again.Status));
        Assert.Single(_stripe.Requests, r => r.Method == "POST" && r.Path == "/v1/transfers");
        Assert.Equal(10_000_000 - 250000, _stripe.AvailableBalance);
        var looked = _stripe.Requests.Last(r => r.Method == "GET" && r.Path == "/v1/transfers");
        Assert.Equal(("ref-withdrawal-1", FakeStripeServer.ConnectedAccount), (looked.Form["transfer_group"], looked.Form["destination"]));
    }

    [Fact]
    public async Task Should_fail_with_balance_insufficient_when_the_platform_balance_is_short()
    {
        _stripe.AvailableBalance = 29999;

        var payout = await Gateway().PayOutAsync(PayOut(FakeStripeServer.ConnectedAccount, 30000, "withdrawal-6"));

        Assert.Equal(PayoutStatus.Failed, payout.Status);
        Assert.Equal("balance_insufficient", payout.FailureCode);
        Assert.Contains("insufficient funds", payout.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(29999, _stripe.AvailableBalance);
    }

    [Fact]
    public async Task Should_give_a_refused_payout_the_same_id_for_the_same_key_and_another_for_another_key()
    {
        _stripe.AvailableBalance = 0;

        var first = await Gateway().PayOutAsync(PayOut(FakeStripeServer.ConnectedAccount, 100, "withdrawal-7"));
        var other = await Gateway().PayOutAsync(PayOut(FakeStripeServer.ConnectedAccount, 100, "withdrawal-8"));

        Assert.Matches("^po_refused_[0-9a-f]{24}$", first.Id);
        Assert.NotEqual(first.Id, other.Id);
        Assert.Equal(2, _stripe.Requests.Count(r => r.Method == "POST" && r.Path == "/v1/transfers"));
    }

    [Fact]
    public async Task Should_throw_and_record_nothing_when_stripe_fails_so_the_caller_retries_with_the_same_key()
    {
        var error = await Assert.ThrowsAsync<PaymentProviderException>(
            () => Gateway().PayOutAsync(PayOut(FakeStripeServer.OutageAccount, 100, "withdrawal-9")));

        Assert.Equal(502, error.StatusCode);
        await using var db = _database.NewContext();
        Assert.Equal(0, await db.Set<PayoutRecord>().CountAsync());
    }

    [Fact]
    public async Task Reading_a_payout_back_asks_stripe_and_reports_a_full_reversal_as_failed()
    {
        var partly = await Gateway().PayOutAsync(PayOut(FakeStripeServer.ConnectedAccount, 30000, "withdrawal-10"));
        var fully = await Gateway().PayOutAsync(PayOut(FakeStripeServer.ConnectedAccount, 20000, "withdrawal-11"));
        _stripe.Reverse(partly.Id, 10000);
        _stripe.Reverse(fully.Id, 20000);

        var partlyRead = await Gateway().GetPayoutAsync(partly.Id);
        var fullyRead = await Gateway().GetPayoutAsync(fully.Id);

        Assert.Equal(PayoutStatus.Paid, partlyRead!.Status);
        Assert.Equal(PayoutStatus.Failed, fullyRead!.Status);
        Assert.Equal(StripeGateway.TransferReversed, fullyRead.FailureCode);
        Assert.Single(_stripe.Requests, r => r.Method == "GET" && r.Path == $"/v1/transfers/{fully.Id}");
        await using var db = _database.NewContext();
        Assert.Equal(PayoutStatus.Failed, (await db.Set<PayoutRecord>().SingleAsync(p => p.Id == fully.Id)).Status);
    }

    [Fact]
    public async Task Reading_back_a_payout_this_host_never_made_or_stripe_no_longer_has_gives_nothing()
    {
        var payout = await Gateway().PayOutAsync(PayOut(FakeStripeServer.ConnectedAccount, 100, "withdrawal-12"));
        _stripe.Forget(payout.Id);

        var forgotten = await Gateway().GetPayoutAsync(payout.Id);
        var unknown = await Gateway().GetPayoutAsync("tr_never_made");

        Assert.Null(forgotten);
        Assert.Single(_stripe.Requests, r => r.Path == $"/v1/transfers/{payout.Id}");
        Assert.Null(unknown);
        Assert.DoesNotContain(_stripe.Requests, r => r.Path.Contains("tr_never_made", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_never_log_or_return_the_full_connected_account_id()
    {
        const string unknown = "acct_1FakeUnknown00042";
        var payouts = new[]
        {
            await Gateway().PayOutAsync(PayOut(FakeStripeServer.ConnectedAccount, 100, "withdrawal-log-1")),
            await Gateway().PayOutAsync(PayOut(unknown, 100, "withdrawal-log-2")),
        };
        _stripe.Reverse(payouts[0].Id, 100);
        await Gateway().GetPayoutAsync(payouts[0].Id);
        await Assert.ThrowsAsync<PaymentProviderException>(() => Gateway().PayOutAsync(PayOut(FakeStripeServer.OutageAccount, 100, "withdrawal-log-3")));

        Assert.NotEmpty(_logs.Lines);
        foreach (var account in new[] { FakeStripeServer.ConnectedAccount, unknown, FakeStripeServer.OutageAccount })
        {
            Assert.DoesNotContain(_logs.Lines, line => line.Contains(account, StringComparison.Ordinal));
            Assert.DoesNotContain(payouts, p => System.Text.Json.JsonSerializer.Serialize(p).Contains(account, StringComparison.Ordinal));
        }

        Assert.Contains(_logs.Lines, line => line.Contains("•••• 0001", StringComparison.Ordinal));
    }

    private StripeGateway Gateway()
    {
        var db = _database.NewContext();
        _contexts.Add(db);
        return new StripeGateway(db, _connection, _time, _loggerFactory.CreateLogger<StripeGateway>());
    }

    private async Task<PaymentStatus> StoredStatusAsync(string intentId)
    {
        await using var db = _database.NewContext();
        return (await db.Set<PaymentIntentRecord>().SingleAsync(i => i.Id == intentId)).Status;
    }

    private async Task<PaymentIntent> PaidIntentAsync(long fen, string key)
    {
        var intent = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), fen, key));
        var result = await Gateway().HandleWebhookAsync(Webhook(IntentEvent("evt_paid_" + key, "payment_intent.succeeded", intent, "succeeded", Now)));
        Assert.Equal(PaymentStatus.Succeeded, result.NewStatus);
        return intent;
    }

    private PaymentWebhook Webhook(string body, string? signature = null) => new()
    {
        Body = body,
        Headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Stripe-Signature"] = signature ?? FakeStripeServer.Sign(body, WebhookSecret, Now) },
        ReceivedAt = _time.GetUtcNow(),
    };

    private static string IntentEvent(string eventId, string type, PaymentIntent intent, string status, DateTimeOffset created)
    {
        var data = new JsonObject
        {
            ["id"] = intent.Id,
            ["object"] = "payment_intent",
            ["amount"] = intent.Amount.Minor,
            ["currency"] = intent.Amount.Currency.ToLowerInvariant(),
            ["status"] = status,
            ["created"] = created.ToUnixTimeSeconds(),
            ["metadata"] = new JsonObject { ["order_id"] = intent.OrderId.ToString() },
        };
        if (type == "payment_intent.payment_failed")
        {
            data["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["message"] = "Your card was declined." };
        }

        return FakeStripeServer.Event(eventId, type, created, data);
    }

    private static string ChargeRefunded(string eventId, string intentId, long amountRefunded, (string Id, long Amount, DateTimeOffset Created) refund)
        => FakeStripeServer.Event(eventId, "charge.refunded", refund.Created, new JsonObject
        {
            ["id"] = "ch_fake_1",
            ["object"] = "charge",
            ["amount"] = 10000,
            ["amount_refunded"] = amountRefunded,
            ["currency"] = "cny",
            ["payment_intent"] = intentId,
            ["refunded"] = amountRefunded == 10000,
            ["refunds"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray(new JsonObject
                {
                    ["id"] = refund.Id,
                    ["object"] = "refund",
                    ["amount"] = refund.Amount,
                    ["currency"] = "cny",
                    ["payment_intent"] = intentId,
                    ["status"] = "succeeded",
                    ["created"] = refund.Created.ToUnixTimeSeconds(),
                }),
                ["has_more"] = false,
            },
        });

    private static CreatePaymentIntent Create(Guid orderId, long fen, string key) => new()
    {
        OrderId = orderId,
        Amount = Money.FromFen(fen),
        Description = "order",
        IdempotencyKey = key,
    };

    private static ConfirmPayment Token(string intentId, string token, string key)
        => new() { PaymentIntentId = intentId, PaymentMethod = new TokenPaymentMethod { Token = token }, IdempotencyKey = key };

    private static CreatePayout PayOut(string account, long fen, string key) => new()
    {
        Reference = "ref-" + key,
        Amount = Money.FromFen(fen),
        Destination = new PayoutDestination { AccountHolder = "Zhang San", Account = account },
        Description = "Cash withdrawal",
        Metadata = new Dictionary<string, string> { ["trader"] = "trader-7" },
        IdempotencyKey = key,
    };

    private static RefundPayment Refund(string intentId, long fen, string key)
        => new() { PaymentIntentId = intentId, Amount = Money.FromFen(fen), IdempotencyKey = key };
}
