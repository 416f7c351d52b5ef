using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartTrade.Platform.Data;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Localization;
using SmartTrade.Sdk.Payments;

namespace SmartTrade.Platform.Payments;

/// <summary>
/// The offline gateway, the default: it keeps intents, refunds and payouts in the platform database, decides payments
/// by <see cref="SandboxTestCards"/> and payouts by <see cref="SandboxTestBankAccounts"/>. A card that is malformed,
/// fails the Luhn check, has expired or has a bad CVC gives a <see cref="PaymentStatus.Failed"/> intent with code
/// <c>invalid_card</c> (not an exception), like a provider's decline. Only the brand and the last four digits of a
/// card are stored or logged; a payout's account is stored in full (to follow it up) but shown and logged masked.
/// </summary>
public sealed class SandboxGateway(PlatformDbContext db, TimeProvider time, ILogger<SandboxGateway> logger) : IPaymentGateway
{
    /// <summary>The failure code for a declined card.</summary>
    public const string CardDeclined = "card_declined";

    /// <summary>The failure code for a valid card that is not one of the Sandbox's test cards.</summary>
    public const string CardNotSupported = "card_not_supported";

    /// <summary>The failure code for a malformed, expired or otherwise invalid card.</summary>
    public const string InvalidCard = "invalid_card";

    /// <summary>The failure code for a payment method other than a card.</summary>
    public const string PaymentMethodNotSupported = "payment_method_not_supported";

    /// <summary>The failure code for a payout to an account that does not exist (<see cref="SandboxTestBankAccounts.DoesNotExist"/>).</summary>
    public const string NoAccount = "no_account";

    /// <summary>How long a payout to <see cref="SandboxTestBankAccounts.PaysAfterDelay"/> stays pending: one minute.</summary>
    public static readonly TimeSpan PendingPayoutDelay = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    public string Id => PaymentGatewayIds.Sandbox;

    /// <inheritdoc />
    public LocalizedText DisplayName { get; } = new("沙盒支付（测试卡）", "Sandbox (test cards)");

    /// <inheritdoc />
    public async Task<PaymentIntent> CreateIntentAsync(CreatePaymentIntent request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        PaymentRequests.RequirePositive(request.Amount, "amount");
        PaymentRequests.RequireKey(request.IdempotencyKey);

        var existing = await FindIntentByKeyAsync(request.IdempotencyKey, cancellationToken);
        if (existing is not null)
        {
            return SameIntentRequest(existing, request).ToIntent();
        }

        var now = time.GetUtcNow();
        var intent = new PaymentIntentRecord
        {
            Id = "pi_sbx_" + RandomToken(),
            GatewayId = Id,
            OrderId = request.OrderId,
            AmountMinor = request.Amount.Minor,
            Currency = request.Amount.Currency,
            IdempotencyKey = request.IdempotencyKey,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Set<PaymentIntentRecord>().Add(intent);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request created the intent with this key first: answer with that one.
            db.Entry(intent).State = EntityState.Detached;
            existing = await FindIntentByKeyAsync(request.IdempotencyKey, cancellationToken);
            if (existing is null)
            {
                throw;
            }

            return SameIntentRequest(existing, request).ToIntent();
        }

        logger.LogInformation("Sandbox payment intent {PaymentIntentId} created for order {OrderId}: {Amount}", intent.Id, intent.OrderId, intent.Amount);
        return intent.ToIntent();
    }

    /// <inheritdoc />
    public async Task<PaymentIntent> ConfirmAsync(ConfirmPayment request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var intent = await db.Set<PaymentIntentRecord>()
            .SingleOrDefaultAsync(i => i.Id == request.PaymentIntentId && i.GatewayId == Id, cancellationToken)
            ?? throw new PaymentIntentNotFoundException(Id, request.PaymentIntentId);

        switch (intent.Status)
        {
            case PaymentStatus.Succeeded:
                return intent.ToIntent();
            case PaymentStatus.Cancelled:
                throw new PaymentIntentStateException($"Payment intent '{intent.Id}' is cancelled and cannot be confirmed.");
        }

        var now = time.GetUtcNow();
        var outcome = Decide(request.PaymentMethod, now);
        if (request.PaymentMethod is CardPaymentMethod card)
        {
            intent.CardLast4 = card.Last4.Length == 4 ? card.Last4 : null;
            intent.CardBrand = outcome.Brand;
        }

        intent.TryMoveTo(outcome.Status, now, outcome.FailureCode, outcome.FailureMessage);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A concurrent confirmation won; its outcome stands.
            await db.Entry(intent).ReloadAsync(cancellationToken);
            return intent.ToIntent();
        }

        logger.LogInformation(
            "Sandbox payment intent {PaymentIntentId} confirmed with {PaymentMethod}: {Status} {FailureCode}",
            intent.Id, request.PaymentMethod, intent.Status, intent.FailureCode);
        return intent.ToIntent();
    }

    /// <inheritdoc />
    public async Task<PaymentIntent?> GetIntentAsync(string paymentIntentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(paymentIntentId);
        var intent = await db.Set<PaymentIntentRecord>().AsNoTracking()
            .SingleOrDefaultAsync(i => i.Id == paymentIntentId && i.GatewayId == Id, cancellationToken);
        return intent?.ToIntent();
    }

    /// <inheritdoc />
    public async Task<PaymentRefund> RefundAsync(RefundPayment request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        PaymentRequests.RequirePositive(request.Amount, "amount");
        PaymentRequests.RequireKey(request.IdempotencyKey);

        var existing = await FindRefundByKeyAsync(request.IdempotencyKey, cancellationToken);
        if (existing is not null)
        {
            return SameRefundRequest(existing, request).ToRefund();
        }

        // Retried on a lost optimistic race: the loser re-reads the refunded total and checks again.
        for (var attempt = 0; ; attempt++)
        {
            var intent = await db.Set<PaymentIntentRecord>()
                .SingleOrDefaultAsync(i => i.Id == request.PaymentIntentId && i.GatewayId == Id, cancellationToken)
                ?? throw new PaymentIntentNotFoundException(Id, request.PaymentIntentId);
            PaymentRequests.CheckRefundable(intent, request.Amount);

            var refund = new PaymentRefundRecord
            {
                Id = "re_sbx_" + RandomToken(),
                GatewayId = Id,
                PaymentIntentId = intent.Id,
                AmountMinor = request.Amount.Minor,
                Currency = intent.Currency,
                Status = RefundStatus.Succeeded,
                Reason = request.Reason,
                IdempotencyKey = request.IdempotencyKey,
                CreatedAt = time.GetUtcNow(),
            };
            intent.RefundedMinor = checked(intent.RefundedMinor + refund.AmountMinor);
            intent.Version++;
            db.Set<PaymentRefundRecord>().Add(refund);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                logger.LogInformation("Sandbox refund {RefundId} of {Amount} on payment intent {PaymentIntentId}", refund.Id, request.Amount, intent.Id);
                return refund.ToRefund();
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
                existing = await FindRefundByKeyAsync(request.IdempotencyKey, cancellationToken);
                if (existing is not null)
                {
                    return SameRefundRequest(existing, request).ToRefund();
                }
            }
        }
    }

    /// <inheritdoc />
    public bool SupportsPayouts => true;

    /// <summary>
    /// Pays out to a bank account (<see cref="PayoutDestination.Account"/>: 8 to 34 digits, spaces and dashes allowed;
    /// anything else is an <see cref="ArgumentException"/>), decided by <see cref="SandboxTestBankAccounts"/>:
    /// <see cref="SandboxTestBankAccounts.DoesNotExist"/> fails with <see cref="NoAccount"/>,
    /// <see cref="SandboxTestBankAccounts.PaysAfterDelay"/> is pending for <see cref="PendingPayoutDelay"/>, any other
    /// account is paid at once. A repeat with the same idempotency key returns the first payout as it stands now; with
    /// another reference, amount or account it is a <see cref="PaymentIdempotencyKeyReusedException"/>.
    /// </summary>
    /// <param name="request">The amount, destination, reference and idempotency key.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<Payout> PayOutAsync(CreatePayout request, CancellationToken cancellationToken = default)
    {
        PayoutRequests.Check(request);
        var account = PayoutRequests.BankAccountDigits(request.Destination.Account);

        var existing = await FindPayoutByKeyAsync(request.IdempotencyKey, cancellationToken);
        if (existing is not null)
        {
            return await SettleAsync(SamePayoutRequest(existing, request, account), cancellationToken);
        }

        var now = time.GetUtcNow();
        var payout = PayoutRecord.For(request, "po_sbx_" + RandomToken(), Id, account, now);
        switch (account)
        {
            case SandboxTestBankAccounts.DoesNotExist:
                payout.TryMoveTo(PayoutStatus.Failed, now, NoAccount, "The account does not exist.");
                break;
            case SandboxTestBankAccounts.PaysAfterDelay:
                break;
            default:
                payout.TryMoveTo(PayoutStatus.Paid, now);
                break;
        }

        db.Set<PayoutRecord>().Add(payout);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request made the payout with this key first: answer with that one.
            db.Entry(payout).State = EntityState.Detached;
            existing = await FindPayoutByKeyAsync(request.IdempotencyKey, cancellationToken);
            if (existing is null)
            {
                throw;
            }

            return await SettleAsync(SamePayoutRequest(existing, request, account), cancellationToken);
        }

        logger.LogInformation(
            "Sandbox payout {PayoutId} of {Amount} to {Destination} for {Reference}: {Status} {FailureCode}",
            payout.Id, payout.Amount, payout.MaskedAccount, payout.Reference, payout.Status, payout.FailureCode);
        return payout.ToPayout();
    }

    /// <summary>
    /// Reads a payout back; a payout to <see cref="SandboxTestBankAccounts.PaysAfterDelay"/> reads as paid once
    /// <see cref="PendingPayoutDelay"/> has passed since it was made (by the gateway's <see cref="TimeProvider"/>).
    /// </summary>
    /// <param name="payoutId">The payout's id, as <see cref="PayOutAsync"/> returned it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payout, or <see langword="null"/> when the Sandbox made no such payout.</returns>
    public async Task<Payout?> GetPayoutAsync(string payoutId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(payoutId);
        var payout = await db.Set<PayoutRecord>().SingleOrDefaultAsync(p => p.Id == payoutId && p.GatewayId == Id, cancellationToken);
        return payout is null ? null : await SettleAsync(payout, cancellationToken);
    }

    /// <inheritdoc />
    public Task<PaymentWebhookResult> HandleWebhookAsync(PaymentWebhook webhook, CancellationToken cancellationToken = default)
        => Task.FromResult(PaymentWebhookResult.Rejected("The sandbox gateway sends no webhooks."));

    private readonly record struct Outcome(PaymentStatus Status, string? FailureCode, string? FailureMessage, string? Brand);

    private static Outcome Decide(PaymentMethod method, DateTimeOffset now)
    {
        if (method is not CardPaymentMethod card)
        {
            return new(PaymentStatus.Failed, PaymentMethodNotSupported, "The sandbox accepts test cards only.", null);
        }

        var digits = SandboxCard.Digits(card.Number);
        if (digits is null || !SandboxCard.PassesLuhn(digits))
        {
            return new(PaymentStatus.Failed, InvalidCard, "The card number is not valid.", null);
        }

        var brand = SandboxCard.Brand(digits);
        if (card.ExpiryMonth is < 1 or > 12 || card.ExpiryYear is < 1000 or > 9999)
        {
            return new(PaymentStatus.Failed, InvalidCard, "The card's expiry date is not valid.", brand);
        }

        // A card is good through the last day of its expiry month.
        if ((card.ExpiryYear * 12) + card.ExpiryMonth < (now.UtcDateTime.Year * 12) + now.UtcDateTime.Month)
        {
            return new(PaymentStatus.Failed, InvalidCard, "The card has expired.", brand);
        }

        if (card.Cvc is null || card.Cvc.Length is < 3 or > 4 || !card.Cvc.All(char.IsAsciiDigit))
        {
            return new(PaymentStatus.Failed, InvalidCard, "The card's security code (CVC) is not valid.", brand);
        }

        return digits switch
        {
            SandboxTestCards.Succeeds => new(PaymentStatus.Succeeded, null, null, brand),
            SandboxTestCards.Declined => new(PaymentStatus.Failed, CardDeclined, "The card was declined.", brand),
            _ => new(PaymentStatus.Failed, CardNotSupported, "The sandbox accepts only its test cards (4242 4242 4242 4242).", brand),
        };
    }

    private Task<PaymentIntentRecord?> FindIntentByKeyAsync(string key, CancellationToken cancellationToken)
        => db.Set<PaymentIntentRecord>().SingleOrDefaultAsync(i => i.GatewayId == Id && i.IdempotencyKey == key, cancellationToken);

    private Task<PaymentRefundRecord?> FindRefundByKeyAsync(string key, CancellationToken cancellationToken)
        => db.Set<PaymentRefundRecord>().SingleOrDefaultAsync(r => r.GatewayId == Id && r.IdempotencyKey == key, cancellationToken);

    private Task<PayoutRecord?> FindPayoutByKeyAsync(string key, CancellationToken cancellationToken)
        => db.Set<PayoutRecord>().SingleOrDefaultAsync(p => p.GatewayId == Id && p.IdempotencyKey == key, cancellationToken);

    /// <summary>Pays a pending payout whose delay has passed, as the bank would have by now.</summary>
    private async Task<Payout> SettleAsync(PayoutRecord payout, CancellationToken cancellationToken)
    {
        var paidAt = payout.CreatedAt + PendingPayoutDelay;
        if (payout.Status == PayoutStatus.Pending && time.GetUtcNow() >= paidAt && payout.TryMoveTo(PayoutStatus.Paid, paidAt))
        {
            // Two readers settling at once write the same outcome.
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Sandbox payout {PayoutId} to {Destination}: {Status}", payout.Id, payout.MaskedAccount, payout.Status);
        }

        return payout.ToPayout();
    }

    private static PayoutRecord SamePayoutRequest(PayoutRecord existing, CreatePayout request, string account)
        => existing.IsSameRequest(request, account)
            ? existing
            : throw new PaymentIdempotencyKeyReusedException(
                $"The idempotency key was already used for a payout of {existing.Amount} to {existing.MaskedAccount} for another request.");

    private static PaymentIntentRecord SameIntentRequest(PaymentIntentRecord existing, CreatePaymentIntent request)
    {
        if (existing.OrderId != request.OrderId || existing.Amount != request.Amount)
        {
            throw new PaymentIdempotencyKeyReusedException(
                $"The idempotency key was already used for a payment intent of {existing.Amount} for another request.");
        }

        return existing;
    }

    private static PaymentRefundRecord SameRefundRequest(PaymentRefundRecord existing, RefundPayment request)
    {
        if (existing.PaymentIntentId != request.PaymentIntentId || new Money(existing.AmountMinor, existing.Currency) != request.Amount)
        {
            throw new PaymentIdempotencyKeyReusedException("The idempotency key was already used for a different refund.");
        }

        return existing;
    }

    private static string RandomToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}

/// <summary>Card number checks for the Sandbox; they work on a normalized copy and never keep it.</summary>
internal static class SandboxCard
{
    /// <summary>The digits of a card number written with optional spaces or dashes; null when anything else is in it.</summary>
    public static string? Digits(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return null;
        }

        var digits = new System.Text.StringBuilder(number.Length);
        foreach (var c in number)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-'))
            {
                return null;
            }
        }

        return digits.Length is >= 12 and <= 19 ? digits.ToString() : null;
    }

    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    public static string Brand(string digits) => digits switch
    {
        _ when digits.StartsWith('4') => "visa",
        _ when digits.StartsWith("34", StringComparison.Ordinal) || digits.StartsWith("37", StringComparison.Ordinal) => "amex",
        _ when digits.StartsWith("62", StringComparison.Ordinal) => "unionpay",
        _ when digits[0] == '5' && digits[1] is >= '1' and <= '5' => "mastercard",
        _ when int.Parse(digits.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture) is >= 2221 and <= 2720 => "mastercard",
        _ => "unknown",
    };
}

/// <summary>Checks shared by the gateways.</summary>
internal static class PaymentRequests
{
    public static void RequirePositive(Money amount, string name)
    {
        if (amount.Minor <= 0)
        {
            throw new InvalidPaymentRequestException($"The {name} must be positive.");
        }

        if (string.IsNullOrWhiteSpace(amount.Currency) || amount.Currency.Length != 3 || !amount.Currency.All(char.IsAsciiLetterUpper))
        {
            throw new InvalidPaymentRequestException($"The {name}'s currency must be an upper-case ISO 4217 code.");
        }
    }

    public static void RequireKey(string? key)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > 255)
        {
            throw new InvalidPaymentRequestException("An idempotency key of 1 to 255 characters is required.");
        }
    }

    /// <summary>Refunds need a succeeded intent, its currency, and room left under the amount captured.</summary>
    public static void CheckRefundable(PaymentIntentRecord intent, Money amount)
    {
        if (intent.Status != PaymentStatus.Succeeded)
        {
            throw new PaymentIntentStateException($"Payment intent '{intent.Id}' is {intent.Status}; only a succeeded payment can be refunded.");
        }

        if (!string.Equals(intent.Currency, amount.Currency, StringComparison.Ordinal))
        {
            throw new InvalidPaymentRequestException($"The refund must be in the payment's currency, {intent.Currency}.");
        }

        var remaining = intent.AmountMinor - intent.RefundedMinor;
        if (amount.Minor > remaining)
        {
            throw new RefundExceedsPaymentException(
                $"The refund of {amount} exceeds what remains unrefunded of the payment: {new Money(remaining, intent.Currency)}.");
        }
    }
}
