using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Platform.Data;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Payments;

namespace SmartTrade.Platform.Payments.Tests;

public sealed class SandboxGatewayTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    private readonly PaymentsDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly RecordingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggerFactory;
    private readonly List<PlatformDbContext> _contexts = [];

    public SandboxGatewayTests()
    {
        _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(_logs).SetMinimumLevel(LogLevel.Trace));
    }

    public void Dispose()
    {
        foreach (var context in _contexts)
        {
            context.Dispose();
        }

        _loggerFactory.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Should_create_an_intent_that_requires_a_payment_method()
    {
        var orderId = Guid.NewGuid();

        var intent = await Gateway().CreateIntentAsync(Create(orderId, 12990, "order-1"));

        Assert.Equal(PaymentGatewayIds.Sandbox, intent.GatewayId);
        Assert.Equal(orderId, intent.OrderId);
        Assert.Equal(Money.FromFen(12990), intent.Amount);
        Assert.Equal(PaymentStatus.RequiresPaymentMethod, intent.Status);
        Assert.Equal("order-1", intent.IdempotencyKey);
        Assert.Equal(Now, intent.CreatedAt);
        Assert.StartsWith("pi_sbx_", intent.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_an_intent_back_gives_its_recorded_outcome_and_nothing_for_an_unknown_id()
    {
        var paid = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 800, "read-back-1"));
        var declined = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 800, "read-back-2"));
        var untouched = await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 800, "read-back-3"));
        await Gateway().ConfirmAsync(Confirm(paid.Id, Card(SandboxTestCards.Succeeds)));
        await Gateway().ConfirmAsync(Confirm(declined.Id, Card("4000 0000 0000 0002")));

        IPaymentGateway gateway = Gateway();
        Assert.Equal(PaymentStatus.Succeeded, (await gateway.GetIntentAsync(paid.Id))!.Status);
        Assert.Equal(PaymentStatus.Failed, (await gateway.GetIntentAsync(declined.Id))!.Status);
        Assert.Equal(PaymentStatus.RequiresPaymentMethod, (await gateway.GetIntentAsync(untouched.Id))!.Status);
        Assert.Null(await gateway.GetIntentAsync("pi_sbx_unknown"));
    }

    [Fact]
    public async Task Should_return_the_same_intent_for_a_repeated_idempotency_key()
    {
        var request = Create(Guid.NewGuid(), 500, "order-2");

        var first = await Gateway().CreateIntentAsync(request);
        var second = await Gateway().CreateIntentAsync(request);

        Assert.Equal(first.Id, second.Id);
        await using var db = _database.NewContext();
        Assert.Equal(1, await db.Set<PaymentIntentRecord>().CountAsync());
    }

    [Fact]
    public async Task Should_refuse_a_repeated_idempotency_key_with_another_amount()
    {
        var orderId = Guid.NewGuid();
        await Gateway().CreateIntentAsync(Create(orderId, 500, "order-3"));

        var error = await Assert.ThrowsAsync<PaymentIdempotencyKeyReusedException>(
            () => Gateway().CreateIntentAsync(Create(orderId, 600, "order-3")));

        Assert.Equal(422, error.StatusCode);
    }

    [Fact]
    public async Task Should_refuse_a_non_positive_amount()
    {
        var error = await Assert.ThrowsAsync<InvalidPaymentRequestException>(
            () => Gateway().CreateIntentAsync(Create(Guid.NewGuid(), 0, "order-zero")));

        Assert.Equal(400, error.StatusCode);
    }

    [Theory]
    [InlineData("4242424242424242")]
    [InlineData("4242 4242 4242 4242")]
    [InlineData("4242-4242-4242-4242")]
    public async Task Should_succeed_with_the_success_test_card(string number)
    {
        var intent = await NewIntentAsync();

        var confirmed = await Gateway().ConfirmAsync(Confirm(intent.Id, Card(number)));

        Assert.Equal(PaymentStatus.Succeeded, confirmed.Status);
        Assert.Null(confirmed.FailureCode);
        await using var db = _database.NewContext();
        var stored = await db.Set<PaymentIntentRecord>().SingleAsync(i => i.Id == intent.Id);
        Assert.Equal(PaymentStatus.Succeeded, stored.Status);
        Assert.Equal("4242", stored.CardLast4);
        Assert.Equal("visa", stored.CardBrand);
    }

    [Fact]
    public async Task Should_fail_with_card_declined_for_the_declined_test_card()
    {
        var intent = await NewIntentAsync();

        var confirmed = await Gateway().ConfirmAsync(Confirm(intent.Id, Card("4000 0000 0000 0002")));

        Assert.Equal(PaymentStatus.Failed, confirmed.Status);
        Assert.Equal("card_declined", confirmed.FailureCode);
        Assert.Equal("The card was declined.", confirmed.FailureMessage);
    }

    [Fact]
    public async Task Should_fail_with_card_not_supported_for_any_other_valid_card()
    {
        var intent = await NewIntentAsync();

        var confirmed = await Gateway().ConfirmAsync(Confirm(intent.Id, Card("5555 5555 5555 4444")));

        Assert.Equal(PaymentStatus.Failed, confirmed.Status);
        Assert.Equal("card_not_supported", confirmed.FailureCode);
    }

    [Theory]
    [InlineData("4242424242424241", 12, 2030, "123", "The card number is not valid.")]
    [InlineData("4242 4242 4242 424x", 12, 2030, "123", "The card number is not valid.")]
    [InlineData("4242", 12, 2030, "123", "The card number is not valid.")]
    [InlineData("4242424242424242", 10, 2026, "123", "The card has expired.")]
    [InlineData("4242424242424242", 12, 2025, "123", "The card has expired.")]
    [InlineData("4242424242424242", 13, 2030, "123", "The card's expiry date is not valid.")]
    [InlineData("4242424242424242", 0, 2030, "123", "The card's expiry date is not valid.")]
    [InlineData("4242424242424242", 12, 2030, "12", "The card's security code (CVC) is not valid.")]
    [InlineData("4242424242424242", 12, 2030, "12345", "The card's security code (CVC) is not valid.")]
    [InlineData("4242424242424242", 12, 2030, "12a", "The card's security code (CVC) is not valid.")]
    public async Task Should_fail_with_invalid_card_for_a_malformed_or_expired_card(string number, int month, int year, string cvc, string message)
    {
        var intent = await NewIntentAsync();

        var confirmed = await Gateway().ConfirmAsync(Confirm(intent.Id, Card(number, month, year, cvc)));

        Assert.Equal(PaymentStatus.Failed, confirmed.Status);
        Assert.Equal("invalid_card", confirmed.FailureCode);
        Assert.Equal(message, confirmed.FailureMessage);
    }

    [Fact]
    public async Task Should_accept_a_card_that_expires_this_month()
    {
        var intent = await NewIntentAsync();

        var confirmed = await Gateway().ConfirmAsync(Confirm(intent.Id, Card(SandboxTestCards.Succeeds, 11, 2026, "1234")));

        Assert.Equal(PaymentStatus.Succeeded, confirmed.Status);
    }

    [Fact]
    public async Task Should_return_a_succeeded_intent_unchanged_when_confirmed_again()
    {
        var intent = await NewIntentAsync();
        var succeeded = await Gateway().ConfirmAsync(Confirm(intent.Id, Card(SandboxTestCards.Succeeds)));

        var again = await Gateway().ConfirmAsync(Confirm(intent.Id, Card(SandboxTestCards.Declined)));

        Assert.Equal(succeeded, again);
        await using var db = _database.NewContext();
        Assert.Equal("4242", (await db.Set<PaymentIntentRecord>().SingleAsync(i => i.Id == intent.Id)).CardLast4);
    }

    [Fact]
    public async Task Should_let_the_buyer_try_another_card_after_a_decline()
    {
        var intent = await NewIntentAsync();
        await Gateway().ConfirmAsync(Confirm(intent.Id, Card(SandboxTestCards.Declined)));

        var retried = await Gateway().ConfirmAsync(Confirm(intent.Id, Card(SandboxTestCards.Succeeds)));

        Assert.Equal(PaymentStatus.Succeeded, retried.Status);
        Assert.Null(retried.FailureCode);
    }

    [Fact]
    public async Task Should_fail_a_token_payment_method()
    {
        var intent = await NewIntentAsync();

        var confirmed = await Gateway().ConfirmAsync(Confirm(intent.Id, new TokenPaymentMethod { Token = "pm_card_visa" }));

        Assert.Equal(PaymentStatus.Failed, confirmed.Status);
        Assert.Equal("payment_method_not_supported", confirmed.FailureCode);
    }

    [Fact]
    public async Task Should_answer_not_found_for_an_unknown_intent()
    {
        var error = await Assert.ThrowsAsync<PaymentIntentNotFoundException>(
            () => Gateway().ConfirmAsync(Confirm("pi_sbx_missing", Card(SandboxTestCards.Succeeds))));

        Assert.Equal(404, error.StatusCode);
    }

    [Fact]
    public async Task Should_never_store_or_log_the_full_card_number()
    {
        foreach (var number in new[] { SandboxTestCards.Succeeds, SandboxTestCards.Declined, "5555555555554444" })
        {
            var intent = await NewIntentAsync();
            await Gateway().ConfirmAsync(Confirm(intent.Id, Card(number)));
        }

        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        _contexts.Clear();
        var bytes = _database.ReadAllBytes();
        Assert.NotEmpty(bytes);
        foreach (var number in new[] { SandboxTestCards.Succeeds, SandboxTestCards.Declined, "5555555555554444" })
        {
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(number)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(number)));
            Assert.DoesNotContain(_logs.Lines, line => line.Contains(number, StringComparison.Ordinal));
        }

        Assert.Contains(_logs.Lines, line => line.Contains("****4242", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Should_refund_partially_then_the_rest_and_no_more()
    {
        var intent = await PaidIntentAsync(10000);

        var first = await Gateway().RefundAsync(Refund(intent.Id, 3000, "refund-1"));
        var second = await Gateway().RefundAsync(Refund(intent.Id, 7000, "refund-2"));
        var error = await Assert.ThrowsAsync<RefundExceedsPaymentException>(() => Gateway().RefundAsync(Refund(intent.Id, 1, "refund-3")));

        Assert.Equal(RefundStatus.Succeeded, first.Status);
        Assert.Equal(Money.FromFen(3000), first.Amount);
        Assert.Equal(Money.FromFen(7000), second.Amount);
        Assert.Equal(422, error.StatusCode);
        await using var db = _database.NewContext();
        Assert.Equal(10000, (await db.Set<PaymentIntentRecord>().SingleAsync(i => i.Id == intent.Id)).RefundedMinor);
        Assert.Equal(2, await db.Set<PaymentRefundRecord>().CountAsync());
    }

    [Fact]
    public async Task Should_refuse_a_refund_larger_than_the_payment()
    {
        var intent = await PaidIntentAsync(10000);

        await Assert.ThrowsAsync<RefundExceedsPaymentException>(() => Gateway().RefundAsync(Refund(intent.Id, 10001, "refund-big")));
    }

    [Fact]
    public async Task Should_return_the_same_refund_for_a_repeated_idempotency_key()
    {
        var intent = await PaidIntentAsync(10000);

        var first = await Gateway().RefundAsync(Refund(intent.Id, 6000, "refund-once"));
        var second = await Gateway().RefundAsync(Refund(intent.Id, 6000, "refund-once"));

        Assert.Equal(first, second);
        await using var db = _database.NewContext();
        Assert.Equal(6000, (await db.Set<PaymentIntentRecord>().SingleAsync(i => i.Id == intent.Id)).RefundedMinor);
        await Assert.ThrowsAsync<PaymentIdempotencyKeyReusedException>(() => Gateway().RefundAsync(Refund(intent.Id, 5000, "refund-once")));
    }

    [Fact]
    public async Task Should_never_refund_more_than_captured_under_concurrent_refunds()
    {
        var intent = await PaidIntentAsync(10000);

        var attempts = Enumerable.Range(0, 6).Select(async i =>
        {
            try
            {
                return await Gateway().RefundAsync(Refund(intent.Id, 3000, $"refund-race-{i}"));
            }
            catch (RefundExceedsPaymentException)
            {
                return null;
            }
        });
        var refunds = await Task.WhenAll(attempts);

        Assert.Equal(3, refunds.Count(r => r is not null));
        await using var db = _database.NewContext();
        Assert.Equal(9000, await db.Set<PaymentRefundRecord>().SumAsync(r => r.AmountMinor));
        Assert.Equal(9000, (await db.Set<PaymentIntentRecord>().SingleAsync(i => i.Id == intent.Id)).RefundedMinor);
    }

    [Fact]
    public async Task Should_refuse_to_refund_an_unpaid_intent()
    {
        var intent = await NewIntentAsync();

        var error = await Assert.ThrowsAsync<PaymentIntentStateException>(() => Gateway().RefundAsync(Refund(intent.Id, 100, "refund-unpaid")));

        Assert.Equal(422, error.StatusCode);
    }

    [Fact]
    public async Task Should_reject_webhooks()
    {
        var result = await Gateway().HandleWebhookAsync(new PaymentWebhook { Body = "{}", ReceivedAt = Now });

        Assert.False(result.Accepted);
        Assert.NotNull(result.RejectionReason);
    }

    [Fact]
    public void Should_support_payouts()
        => Assert.True(((IPaymentGateway)Gateway()).SupportsPayouts);

    [Fact]
    public async Task Should_pay_out_at_once_to_the_paying_test_account_and_record_it()
    {
        IPaymentGateway gateway = Gateway();

        var payout = await gateway.PayOutAsync(PayOut(SandboxTestBankAccounts.Pays, 250000, "withdrawal-1"));

        Assert.Equal(PayoutStatus.Paid, payout.Status);
        Assert.StartsWith("po_sbx_", payout.Id, StringComparison.Ordinal);
        Assert.Equal(PaymentGatewayIds.Sandbox, payout.GatewayId);
        Assert.Equal(("ref-withdrawal-1", Money.FromFen(250000), "withdrawal-1", Now), (payout.Reference, payout.Amount, payout.IdempotencyKey, payout.CreatedAt));
        Assert.Equal("•••• 0001", payout.Destination);
        Assert.Null(payout.FailureCode);
        await using var db = _database.NewContext();
        var stored = await db.Set<PayoutRecord>().SingleAsync();
        Assert.Equal((payout.Id, PayoutStatus.Paid, SandboxTestBankAccounts.Pays, "张三", "中国银行"), (stored.Id, stored.Status, stored.Account, stored.AccountHolder, stored.Bank));
    }

    [Theory]
    [InlineData("6200 0000 0000 0001")]
    [InlineData("6200-0000-0000-0001")]
    [InlineData("12345678")]
    [InlineData("1234567890123456789012345678901234")]
    public async Task Should_pay_out_to_any_other_well_formed_bank_account_number(string account)
    {
        var payout = await Gateway().PayOutAsync(PayOut(account, 100, "withdrawal-any"));

        Assert.Equal(PayoutStatus.Paid, payout.Status);
        await using var db = _database.NewContext();
        Assert.Equal(account.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal), (await db.Set<PayoutRecord>().SingleAsync()).Account);
    }

    [Fact]
    public async Task Should_fail_with_no_account_for_the_missing_test_account_and_repeat_nothing()
    {
        var request = PayOut(SandboxTestBankAccounts.DoesNotExist, 50000, "withdrawal-2");

        var first = await Gateway().PayOutAsync(request);
        var again = await Gateway().PayOutAsync(request);

        Assert.Equal(PayoutStatus.Failed, first.Status);
        Assert.Equal(SandboxGateway.NoAccount, first.FailureCode);
        Assert.Equal("no_account", first.FailureCode);
        Assert.Equal("The account does not exist.", first.FailureMessage);
        Assert.Equal(first, again);
        await using var db = _database.NewContext();
        Assert.Equal(1, await db.Set<PayoutRecord>().CountAsync());
    }

    [Fact]
    public async Task Should_keep_a_payout_to_the_slow_test_account_pending_for_a_minute_then_read_it_back_paid()
    {
        var payout = await Gateway().PayOutAsync(PayOut(SandboxTestBankAccounts.PaysAfterDelay, 80000, "withdrawal-3"));

        _time.Advance(SandboxGateway.PendingPayoutDelay - TimeSpan.FromSeconds(1));
        var stillPending = await Gateway().GetPayoutAsync(payout.Id);
        _time.Advance(TimeSpan.FromSeconds(1));
        var paid = await Gateway().GetPayoutAsync(payout.Id);

        Assert.Equal(PayoutStatus.Pending, payout.Status);
        Assert.Equal(PayoutStatus.Pending, stillPending!.Status);
        Assert.Equal(PayoutStatus.Paid, paid!.Status);
        Assert.Equal(payout.Id, paid.Id);
        await using var db = _database.NewContext();
        var stored = await db.Set<PayoutRecord>().SingleAsync();
        Assert.Equal((PayoutStatus.Paid, Now + SandboxGateway.PendingPayoutDelay), (stored.Status, stored.UpdatedAt));
    }

    [Fact]
    public async Task Should_return_the_first_payout_for_a_repeated_idempotency_key_and_pay_once()
    {
        var request = PayOut(SandboxTestBankAccounts.Pays, 30000, "withdrawal-4");

        var first = await Gateway().PayOutAsync(request);
        var second = await Gateway().PayOutAsync(request with { Destination = request.Destination with { Account = "6200 0000 0000 0001" } });

        Assert.Equal(first, second);
        await using var db = _database.NewContext();
        Assert.Equal(30000, await db.Set<PayoutRecord>().SumAsync(p => p.AmountMinor));
    }

    [Fact]
    public async Task Should_return_a_pending_payout_repeated_after_its_delay_as_paid()
    {
        var request = PayOut(SandboxTestBankAccounts.PaysAfterDelay, 30000, "withdrawal-5");
        var first = await Gateway().PayOutAsync(request);
        _time.Advance(SandboxGateway.PendingPayoutDelay);

        var again = await Gateway().PayOutAsync(request);

        Assert.Equal((first.Id, PayoutStatus.Paid), (again.Id, again.Status));
    }

    [Fact]
    public async Task Should_refuse_a_repeated_idempotency_key_with_another_amount_account_or_reference()
    {
        var request = PayOut(SandboxTestBankAccounts.Pays, 30000, "withdrawal-6");
        await Gateway().PayOutAsync(request);

        var otherAmount = await Assert.ThrowsAsync<PaymentIdempotencyKeyReusedException>(() => Gateway().PayOutAsync(request with { Amount = Money.FromFen(30001) }));
        await Assert.ThrowsAsync<PaymentIdempotencyKeyReusedException>(
            () => Gateway().PayOutAsync(request with { Destination = request.Destination with { Account = "6200000000000009" } }));
        await Assert.ThrowsAsync<PaymentIdempotencyKeyReusedException>(() => Gateway().PayOutAsync(request with { Reference = "ref-other" }));

        Assert.Equal(422, otherAmount.StatusCode);
        Assert.DoesNotContain(SandboxTestBankAccounts.Pays, otherAmount.Message, StringComparison.Ordinal);
        await using var db = _database.NewContext();
        Assert.Equal(30000, (await db.Set<PayoutRecord>().SingleAsync()).AmountMinor);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1234567")]
    [InlineData("12345678901234567890123456789012345")]
    [InlineData("6200 0000 0000 000x")]
    [InlineData("DE89370400440532013000")]
    [InlineData("6200.0000.0000.0001")]
    public async Task Should_refuse_a_malformed_bank_account_and_record_nothing(string account)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Gateway().PayOutAsync(PayOut(account, 100, "withdrawal-bad")));

        Assert.Equal("destination", error.ParamName);
        await using var db = _database.NewContext();
        Assert.Equal(0, await db.Set<PayoutRecord>().CountAsync());
    }

    [Fact]
    public async Task Should_refuse_a_payout_without_a_positive_amount_a_reference_or_an_account_holder()
    {
        var request = PayOut(SandboxTestBankAccounts.Pays, 100, "withdrawal-7");

        await Assert.ThrowsAsync<InvalidPaymentRequestException>(() => Gateway().PayOutAsync(request with { Amount = Money.FromFen(0) }));
        await Assert.ThrowsAsync<InvalidPaymentRequestException>(() => Gateway().PayOutAsync(request with { Reference = " " }));
        await Assert.ThrowsAsync<ArgumentException>(() => Gateway().PayOutAsync(request with { Destination = request.Destination with { AccountHolder = "" } }));
        await Assert.ThrowsAsync<InvalidPaymentRequestException>(() => Gateway().PayOutAsync(request with { IdempotencyKey = "" }));

        await using var db = _database.NewContext();
        Assert.Equal(0, await db.Set<PayoutRecord>().CountAsync());
    }

    [Fact]
    public async Task Reading_back_a_payout_the_sandbox_never_made_gives_nothing()
    {
        await Gateway().PayOutAsync(PayOut(SandboxTestBankAccounts.Pays, 100, "withdrawal-8"));

        Assert.Null(await Gateway().GetPayoutAsync("po_sbx_unknown"));
    }

    [Fact]
    public async Task Should_never_log_or_return_the_full_bank_account_number()
    {
        var accounts = new[] { SandboxTestBankAccounts.Pays, SandboxTestBankAccounts.DoesNotExist, SandboxTestBankAccounts.PaysAfterDelay, "6222020200112233445" };
        var payouts = new List<Payout>();
        for (var i = 0; i < accounts.Length; i++)
        {
            payouts.Add(await Gateway().PayOutAsync(PayOut(accounts[i], 100, $"withdrawal-log-{i}")));
        }

        _time.Advance(SandboxGateway.PendingPayoutDelay);
        await Gateway().GetPayoutAsync(payouts[2].Id);
        await Assert.ThrowsAsync<PaymentIdempotencyKeyReusedException>(() => Gateway().PayOutAsync(PayOut(accounts[0], 101, "withdrawal-log-0")));

        Assert.NotEmpty(_logs.Lines);
        foreach (var account in accounts)
        {
            Assert.DoesNotContain(_logs.Lines, line => line.Contains(account, StringComparison.Ordinal));
            Assert.DoesNotContain(payouts, p => System.Text.Json.JsonSerializer.Serialize(p).Contains(account, StringComparison.Ordinal));
        }

        Assert.Contains(_logs.Lines, line => line.Contains("•••• 3445", StringComparison.Ordinal));
    }

    private SandboxGateway Gateway()
    {
        var db = _database.NewContext();
        _contexts.Add(db);
        return new SandboxGateway(db, _time, _loggerFactory.CreateLogger<SandboxGateway>());
    }

    private async Task<PaymentIntent> NewIntentAsync(long fen = 12990)
        => await Gateway().CreateIntentAsync(Create(Guid.NewGuid(), fen, Guid.NewGuid().ToString("N")));

    private async Task<PaymentIntent> PaidIntentAsync(long fen)
    {
        var intent = await NewIntentAsync(fen);
        var paid = await Gateway().ConfirmAsync(Confirm(intent.Id, Card(SandboxTestCards.Succeeds)));
        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        return paid;
    }

    private static CreatePaymentIntent Create(Guid orderId, long fen, string key) => new()
    {
        OrderId = orderId,
        Amount = Money.FromFen(fen),
        Description = "order",
        IdempotencyKey = key,
    };

    private static ConfirmPayment Confirm(string intentId, PaymentMethod method) => new() { PaymentIntentId = intentId, PaymentMethod = method };

    private static CardPaymentMethod Card(string number, int month = 12, int year = 2030, string cvc = "123")
        => new() { Number = number, ExpiryMonth = month, ExpiryYear = year, Cvc = cvc };

    private static CreatePayout PayOut(string account, long fen, string key) => new()
    {
        Reference = "ref-" + key,
        Amount = Money.FromFen(fen),
        Destination = new PayoutDestination { AccountHolder = "张三", Account = account, Bank = "中国银行" },
        Description = "Cash withdrawal",
        IdempotencyKey = key,
    };

    private static RefundPayment Refund(string intentId, long fen, string key)
        => new() { PaymentIntentId = intentId, Amount = Money.FromFen(fen), IdempotencyKey = key, Reason = "order-cancelled" };
}
