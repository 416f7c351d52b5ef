using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmartTrade.Plugins.WarehouseReceipts.Data;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Payments;

namespace SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;

/// <summary>The outcome of a movement request: the movement, or why it was refused (a stable code and an HTTP status).</summary>
/// <param name="Movement">The movement as recorded (also when refused).</param>
/// <param name="Status">400, 402, 404, 409 or 422 when refused; 0 when it went through.</param>
/// <param name="Code">The stable problem code when refused.</param>
/// <param name="Detail">What went wrong, for people.</param>
/// <param name="Replayed">True when an earlier request with the same idempotency key answered.</param>
public sealed record MovementOutcome(TradingMovement? Movement, int Status = 0, string? Code = null, string? Detail = null, bool Replayed = false)
{
    /// <summary>Whether the movement completed.</summary>
    public bool Succeeded => Status == 0;
}

/// <summary>
/// Cash and receipt quantity moving into and out of trading. Each movement is a row written before the exchange is
/// told, whose id is the exchange command's reference: a repeat is refused by the exchange as a duplicate, so a
/// movement interrupted by a crash is completed exactly once by <see cref="ReconcileAsync"/> on start.
/// <list type="bullet">
/// <item>Cash in: the payment gateway takes the card payment, then the exchange credits the account.</item>
/// <item>Cash out: the exchange debits free cash, then the payment gateway pays it to the trader's account; a payout the
/// gateway refuses is credited back.</item>
/// <item>Receipts in: the registry freezes free quantity (it can no longer be pledged or cancelled) in the same
/// transaction as the row, then the exchange credits the position.</item>
/// <item>Receipts out: the exchange debits free position, then the registry releases the frozen quantity.</item>
/// </list>
/// </summary>
public sealed class TradingMovements(
    WarehouseReceiptsDbContext db,
    ReceiptRegistry registry,
    ExchangeService exchange,
    ITraderAccounts accounts,
    TimeProvider time,
    ILogger<TradingMovements> logger)
{
    /// <summary>The largest single cash movement, fen (100 million yuan).</summary>
    public const long MaxCash = 10_000_000_000;

    /// <summary>A trader's movements, newest first.</summary>
    public async Task<IReadOnlyList<TradingMovement>> OfAsync(string userId, int limit, CancellationToken cancellationToken)
        => await db.TradingMovements.AsNoTracking().Where(m => m.UserId == userId).OrderByDescending(m => m.Id).Take(Math.Clamp(limit, 1, 200)).ToListAsync(cancellationToken);

    /// <summary>One of a trader's movements, or <see langword="null"/> when the trader has none with that id.</summary>
    public async Task<TradingMovement?> FindAsync(string userId, long id, CancellationToken cancellationToken)
        => await db.TradingMovements.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.UserId == userId, cancellationToken);

    /// <summary>Pays cash into the trading account with a card through <paramref name="gateway"/>.</summary>
    public async Task<MovementOutcome> DepositCashAsync(string userId, long amount, PaymentMethod card, IPaymentGateway gateway, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (amount is <= 0 or > MaxCash)
        {
            return new MovementOutcome(null, 400, "invalid-amount", $"The amount is between 1 and {MaxCash} fen.");
        }

        var (movement, replay) = await BeginAsync(userId, MovementKind.CashDeposit, null, amount, idempotencyKey, cancellationToken);
        if (replay is not null)
        {
            return replay;
        }

        var key = $"exchange-cash-{movement.Id}";
        var intent = await gateway.CreateIntentAsync(
            new CreatePaymentIntent
            {
                OrderId = MovementGuid(movement.Id),
                Amount = Money.FromFen(amount),
                Description = $"Trading cash for account {movement.TraderId}",
                IdempotencyKey = key,
                Metadata = new Dictionary<string, string> { ["movement"] = movement.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["purpose"] = "exchange-cash" },
            },
            cancellationToken);
        movement.PaymentIntentId = intent.Id;
        movement.GatewayId = gateway.Id;
        await db.SaveChangesAsync(cancellationToken);

        var confirmed = await gateway.ConfirmAsync(new ConfirmPayment { PaymentIntentId = intent.Id, PaymentMethod = card, IdempotencyKey = key + "-confirm" }, cancellationToken);
        if (confirmed.Status != PaymentStatus.Succeeded)
        {
            return await RefuseAsync(movement, 402, "payment-declined", confirmed.FailureMessage ?? "The card payment did not go through.", cancellationToken);
        }

        movement.Status = MovementStatus.Paid;
        await db.SaveChangesAsync(cancellationToken);
        return await ApplyAsync(movement, cancellationToken);
    }

    /// <summary>
    /// Credits demo cash to a trading account without a card payment (Development demo data only), recorded as a
    /// deposit through the <c>demo-grant</c> gateway so the movement list says what it was.
    /// </summary>
    public async Task<MovementOutcome> GrantDemoCashAsync(string userId, long amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        var (movement, replay) = await BeginAsync(userId, MovementKind.CashDeposit, null, amount, idempotencyKey, cancellationToken);
        if (replay is not null)
        {
            return replay;
        }

        movement.GatewayId = "demo-grant";
        movement.Status = MovementStatus.Paid;
        await db.SaveChangesAsync(cancellationToken);
        return await ApplyAsync(movement, cancellationToken);
    }

    /// <summary>The longest account holder or bank name, characters.</summary>
    public const int PayoutNameLength = 100;

    /// <summary>The longest payout account, characters (an IBAN is at most 34; a Chinese bank card 19).</summary>
    public const int PayoutAccountLength = 64;

    /// <summary>
    /// Pays free cash out of the trading account to <paramref name="destination"/> through <paramref name="gateway"/>
    /// (or, when it is <see langword="null"/>, to the account the trader's last paid withdrawal went to). The exchange
    /// debits the cash first, so it cannot be spent twice; then the gateway pays it out under the movement's own
    /// idempotency key. A payout the gateway refuses is credited back and the withdrawal refused (422 <c>payout-failed</c>);
    /// one the gateway has not settled yet (or did not answer) stays <see cref="MovementStatus.PayingOut"/> and is
    /// settled by <see cref="ReconcileAsync"/>.
    /// </summary>
    public async Task<MovementOutcome> WithdrawCashAsync(string userId, long amount, PayoutDestination? destination, IPaymentGateway gateway, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        if (amount is <= 0 or > MaxCash)
        {
            return new MovementOutcome(null, 400, "invalid-amount", $"The amount is between 1 and {MaxCash} fen.");
        }

        if (!gateway.SupportsPayouts)
        {
            return new MovementOutcome(null, 503, "payouts-unavailable", $"The payment gateway '{gateway.Id}' cannot pay out; withdrawals are not available.");
        }

        if (await FindReplayAsync(userId, idempotencyKey, MovementKind.CashWithdrawal, null, amount, cancellationToken) is { } replay)
        {
            return replay;
        }

        destination ??= await PayoutAccountOfAsync(userId, cancellationToken);
        if (destination is null)
        {
            return new MovementOutcome(null, 400, "payout-account-required", "Give the account to pay to: the account holder, the account and its bank.");
        }

        if (CheckDestination(destination) is { } bad)
        {
            return bad;
        }

        var (movement, earlier) = await BeginAsync(userId, MovementKind.CashWithdrawal, null, amount, idempotencyKey, cancellationToken, m =>
        {
            m.GatewayId = gateway.Id;
            m.PayoutAccountHolder = destination.AccountHolder.Trim();
            m.PayoutAccount = destination.Account.Trim();
            m.PayoutBank = string.IsNullOrWhiteSpace(destination.Bank) ? null : destination.Bank.Trim();
        });
        if (earlier is not null)
        {
            return earlier;
        }

        var debited = await ApplyAsync(movement, cancellationToken);
        return debited.Succeeded ? await PayOutAsync(debited.Movement!, gateway, cancellationToken) : debited;
    }

    /// <summary>The account the trader's latest paid withdrawal went to, or <see langword="null"/> when none was paid yet.</summary>
    public async Task<PayoutDestination?> PayoutAccountOfAsync(string userId, CancellationToken cancellationToken)
    {
        var last = await db.TradingMovements.AsNoTracking()
            .Where(m => m.UserId == userId && m.Kind == MovementKind.CashWithdrawal && m.Status == MovementStatus.Completed && m.PayoutAccount != null)
            .OrderByDescending(m => m.Id)
            .FirstOrDefaultAsync(cancellationToken);
        return last is null ? null : DestinationOf(last);
    }

    /// <summary>Where a withdrawal pays to, or <see langword="null"/> for other movements.</summary>
    public static PayoutDestination? DestinationOf(TradingMovement movement)
        => movement.PayoutAccount is null ? null : new() { AccountHolder = movement.PayoutAccountHolder ?? string.Empty, Account = movement.PayoutAccount, Bank = movement.PayoutBank };

    private static MovementOutcome? CheckDestination(PayoutDestination destination)
    {
        var holder = destination.AccountHolder?.Trim();
        var account = destination.Account?.Trim();
        if (string.IsNullOrEmpty(holder) || holder.Length > PayoutNameLength)
        {
            return new MovementOutcome(null, 400, "invalid-payout-account", $"Give the account holder's name (up to {PayoutNameLength} characters).");
        }

        if (string.IsNullOrEmpty(account) || account.Length > PayoutAccountLength || account.Any(char.IsControl))
        {
            return new MovementOutcome(null, 400, "invalid-payout-account", $"Give the account to pay to (up to {PayoutAccountLength} characters).");
        }

        return destination.Bank is { } bank && (bank.Trim().Length > PayoutNameLength || bank.Any(char.IsControl))
            ? new MovementOutcome(null, 400, "invalid-payout-account", $"The bank's name is up to {PayoutNameLength} characters.")
            : null;
    }

    /// <summary>
    /// Has the gateway pay a debited withdrawal out (asking again with the same key when an earlier attempt was
    /// interrupted, or reading a pending payout back) and records the outcome: paid → completed; refused → the cash
    /// is credited back and the withdrawal refused; pending or no answer → left paying out.
    /// </summary>
    private async Task<MovementOutcome> PayOutAsync(TradingMovement movement, IPaymentGateway gateway, CancellationToken cancellationToken)
    {
        var key = $"exchange-withdrawal-{movement.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        Payout? payout;
        try
        {
            payout = movement.PayoutId is { } id
                ? await gateway.GetPayoutAsync(id, cancellationToken)
                : await gateway.PayOutAsync(
                    new CreatePayout
                    {
                        Reference = key,
                        Amount = Money.FromFen(movement.Amount),
                        Destination = DestinationOf(movement)!,
                        Description = $"Trading cash withdrawal {movement.Id} of account {movement.TraderId}",
                        Metadata = new Dictionary<string, string> { ["movement"] = movement.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["purpose"] = "exchange-cash" },
                        IdempotencyKey = key,
                    },
                    cancellationToken);
        }
        catch (ArgumentException ex)
        {
            // The gateway cannot use the account (its own rules: a bank account's digits, a Stripe connected account id);
            // asking again would fail the same way.
            var reason = ex.ParamName is { } name && ex.Message.EndsWith($" (Parameter '{name}')", StringComparison.Ordinal)
                ? ex.Message[..^$" (Parameter '{name}')".Length]
                : ex.Message;
            return await ReturnCashAsync(movement, 400, "invalid-payout-account", $"The payout account was not accepted: {reason}", cancellationToken);
        }
        catch (NotSupportedException ex)
        {
            return await ReturnCashAsync(movement, 503, "payouts-unavailable", ex.Message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Withdrawal {Id}: the payout through {Gateway} did not answer; it is retried with the same key later.", movement.Id, gateway.Id);
            return await StillPayingOutAsync(movement, null, cancellationToken);
        }

        switch (payout?.Status)
        {
            case PayoutStatus.Paid:
                var tracked = await db.TradingMovements.SingleAsync(m => m.Id == movement.Id, cancellationToken);
                tracked.PayoutId = payout.Id;
                tracked.Status = MovementStatus.Completed;
                tracked.CompletedAt = time.GetUtcNow();
                await db.SaveChangesAsync(cancellationToken);
                return new MovementOutcome(tracked);
            case PayoutStatus.Failed:
                logger.LogInformation("Withdrawal {Id}: payout {Payout} refused ({Code}); the cash goes back to the trading account.", movement.Id, payout.Id, payout.FailureCode);
                return await ReturnCashAsync(
                    movement, 422, "payout-failed",
                    $"The payout to {PayoutDestination.Mask(movement.PayoutAccount ?? string.Empty)} was refused ({payout.FailureCode}): {payout.FailureMessage} The cash is back in the trading account.",
                    cancellationToken);
            case PayoutStatus.Pending:
                return await StillPayingOutAsync(movement, payout.Id, cancellationToken);
            default:
                // The gateway has no such payout: the one recorded was lost at the gateway; ask again under the key.
                logger.LogWarning("Withdrawal {Id}: the gateway {Gateway} does not know payout {Payout}.", movement.Id, gateway.Id, movement.PayoutId);
                return await StillPayingOutAsync(movement, movement.PayoutId, cancellationToken);
        }
    }

    private async Task<MovementOutcome> StillPayingOutAsync(TradingMovement movement, string? payoutId, CancellationToken cancellationToken)
    {
        var tracked = await db.TradingMovements.SingleAsync(m => m.Id == movement.Id, cancellationToken);
        tracked.PayoutId = payoutId ?? tracked.PayoutId;
        tracked.Status = MovementStatus.PayingOut;
        await db.SaveChangesAsync(cancellationToken);
        return new MovementOutcome(tracked);
    }

    // A refused payout: the debited cash is credited back (the movement's id is the credit's reference, so it happens
    // once), then the withdrawal is refused.
    private async Task<MovementOutcome> ReturnCashAsync(TradingMovement movement, int status, string code, string detail, CancellationToken cancellationToken)
    {
        var credit = await exchange.Sequencer.SubmitAsync(ExchangeCommand.Deposit(movement.TraderId, movement.Amount, movement.Id));
        if (!credit.Reply.Succeeded && credit.Reply.Error != TradingError.DuplicateReference)
        {
            throw new InvalidOperationException($"Withdrawal {movement.Id}: the refused payout's cash could not be credited back ({credit.Reply.Error}).");
        }

        return await RefuseAsync(movement, status, code, detail, cancellationToken);
    }

    /// <summary>Brings free receipt quantity of the registry into trading.</summary>
    public async Task<MovementOutcome> DepositReceiptsAsync(string userId, string instrumentCode, long kilograms, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (Check(instrumentCode, kilograms) is { } bad)
        {
            return bad;
        }

        var code = exchange.InstrumentsByCode[instrumentCode].Code;
        if (await FindReplayAsync(userId, idempotencyKey, MovementKind.ReceiptsIn, code, kilograms, cancellationToken) is { } replay)
        {
            return replay;
        }

        // The registry's freeze and the movement row commit together, so quantity frozen for trading is always
        // accounted for by a movement, even if the process dies before the exchange hears of it.
        var traderId = await accounts.GetOrOpenAsync(userId, cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var frozen = await registry.FreezeAsync(userId, code, kilograms, cancellationToken);
            if (!frozen.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                var refusal = frozen.Refusal!;
                return new MovementOutcome(null, refusal.Status, refusal.Code, refusal.Detail);
            }

            var movement = NewMovement(userId, traderId, MovementKind.ReceiptsIn, code, kilograms, idempotencyKey);
            db.TradingMovements.Add(movement);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return await ApplyAsync(movement, cancellationToken);
        }
    }

    /// <summary>Takes free receipt quantity out of trading back to the registry.</summary>
    public async Task<MovementOutcome> WithdrawReceiptsAsync(string userId, string instrumentCode, long kilograms, string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (Check(instrumentCode, kilograms) is { } bad)
        {
            return bad;
        }

        var code = exchange.InstrumentsByCode[instrumentCode].Code;
        var (movement, replay) = await BeginAsync(userId, MovementKind.ReceiptsOut, code, kilograms, idempotencyKey, cancellationToken);
        return replay ?? await ApplyAsync(movement, cancellationToken);
    }

    /// <summary>
    /// How long a card deposit may stay unconfirmed before <see cref="ReconcileAsync"/> asks the gateway what became of it:
    /// far longer than any deposit request lasts, so a deposit another host is still confirming is left alone.
    /// </summary>
    public static readonly TimeSpan DepositSettleTime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Completes the movements a crash interrupted: receipts frozen but not yet credited, cash paid but not yet
    /// credited, debits not yet confirmed. The exchange refuses a reference it has applied, which tells that the
    /// first attempt went through. A card deposit interrupted between the card payment and its record (older than
    /// <see cref="DepositSettleTime"/>) is settled by what its gateway says: paid ones are credited, declined or
    /// never-charged ones refused, and ones the gateway is still processing wait for the next start.
    /// </summary>
    /// <param name="gateways">The host's payment gateways, to read interrupted card payments back.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many movements were looked at.</returns>
    public async Task<int> ReconcileAsync(IEnumerable<IPaymentGateway> gateways, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        var settledBefore = time.GetUtcNow() - DepositSettleTime;
        var open = await db.TradingMovements
            .Where(m => m.Status == MovementStatus.Paid || m.Status == MovementStatus.Pending || m.Status == MovementStatus.PayingOut)
            .OrderBy(m => m.Id)
            .ToListAsync(cancellationToken);
        var looked = 0;
        foreach (var movement in open)
        {
            if (movement is { Kind: MovementKind.CashDeposit, Status: MovementStatus.Pending })
            {
                if (movement.CreatedAt > settledBefore)
                {
                    continue;
                }

                looked++;
                if (!await SettleInterruptedDepositAsync(movement, gateways, cancellationToken))
                {
                    continue;
                }
            }
            else
            {
                looked++;
            }

            var outcome = movement.Status == MovementStatus.PayingOut ? null : await ApplyAsync(movement, cancellationToken);
            if (movement.Kind == MovementKind.CashWithdrawal && outcome is not { Succeeded: false })
            {
                outcome = await SettleWithdrawalAsync(outcome?.Movement ?? movement, gateways, cancellationToken);
            }

            logger.LogInformation("Movement {Id} ({Kind}) interrupted before; now {Status}.", movement.Id, movement.Kind, outcome?.Movement?.Status ?? movement.Status);
        }

        return looked;
    }

    /// <summary>
    /// Settles the withdrawals whose payouts the gateway had not confirmed: each is read back (or, when the gateway never
    /// answered, asked for again under its key) and completed, refused with its cash credited back, or left for later.
    /// The exchange's owner runs this every <see cref="PayoutCheckInterval"/>.
    /// </summary>
    /// <param name="gateways">The host's payment gateways.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many withdrawals are still paying out.</returns>
    public async Task<int> SettlePayoutsAsync(IEnumerable<IPaymentGateway> gateways, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gateways);
        var paying = await db.TradingMovements.AsNoTracking()
            .Where(m => m.Status == MovementStatus.PayingOut)
            .OrderBy(m => m.Id)
            .ToListAsync(cancellationToken);
        var still = 0;
        foreach (var movement in paying)
        {
            var outcome = await SettleWithdrawalAsync(movement, gateways, cancellationToken);
            if (outcome.Movement?.Status == MovementStatus.PayingOut)
            {
                still++;
            }
        }

        return still;
    }

    /// <summary>How often the exchange's owner asks the gateway about withdrawals still paying out.</summary>
    public static readonly TimeSpan PayoutCheckInterval = TimeSpan.FromMinutes(1);

    private async Task<MovementOutcome> SettleWithdrawalAsync(TradingMovement movement, IEnumerable<IPaymentGateway> gateways, CancellationToken cancellationToken)
    {
        var gateway = gateways.FirstOrDefault(g => g.Id == movement.GatewayId);
        if (gateway is null)
        {
            logger.LogWarning("Withdrawal {Id} waits: its payment gateway {Gateway} is not configured.", movement.Id, movement.GatewayId);
            return new MovementOutcome(movement);
        }

        return await PayOutAsync(movement, gateway, cancellationToken);
    }

    /// <summary>Finds out from the gateway whether an interrupted card deposit was paid; true when it is now Paid.</summary>
    private async Task<bool> SettleInterruptedDepositAsync(TradingMovement movement, IEnumerable<IPaymentGateway> gateways, CancellationToken cancellationToken)
    {
        if (movement.PaymentIntentId is null)
        {
            // Interrupted before the payment was even asked for: no card was charged.
            await RefuseAsync(movement, 409, "payment-interrupted", "The deposit was interrupted before the card was charged; nothing was taken.", cancellationToken);
            logger.LogInformation("Deposit {Id} was interrupted before its payment; refused.", movement.Id);
            return false;
        }

        var gateway = gateways.FirstOrDefault(g => g.Id == movement.GatewayId);
        if (gateway is null)
        {
            logger.LogWarning("Deposit {Id} waits: its payment gateway {Gateway} is not configured.", movement.Id, movement.GatewayId);
            return false;
        }

        PaymentIntent? intent;
        try
        {
            intent = await gateway.GetIntentAsync(movement.PaymentIntentId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Deposit {Id} waits: payment {Intent} could not be read back from {Gateway}.", movement.Id, movement.PaymentIntentId, gateway.Id);
            return false;
        }

        switch (intent?.Status)
        {
            case PaymentStatus.Succeeded:
                var paid = await db.TradingMovements
                    .Where(m => m.Id == movement.Id && m.Status == MovementStatus.Pending)
                    .ExecuteUpdateAsync(u => u.SetProperty(m => m.Status, MovementStatus.Paid), cancellationToken);
                movement.Status = MovementStatus.Paid;
                logger.LogInformation("Deposit {Id} was paid ({Intent}) before the interruption; crediting it.", movement.Id, movement.PaymentIntentId);
                return paid == 1;
            case null or PaymentStatus.RequiresPaymentMethod:
                await RefuseAsync(movement, 409, "payment-interrupted", "The deposit was interrupted before the card was charged; nothing was taken.", cancellationToken);
                return false;
            case PaymentStatus.Failed or PaymentStatus.Cancelled:
                await RefuseAsync(movement, 402, "payment-declined", intent.FailureMessage ?? "The card payment did not go through.", cancellationToken);
                return false;
            default:
                logger.LogInformation("Deposit {Id} waits: payment {Intent} is {Status}.", movement.Id, movement.PaymentIntentId, intent.Status);
                return false;
        }
    }

    private MovementOutcome? Check(string instrumentCode, long kilograms)
    {
        if (string.IsNullOrWhiteSpace(instrumentCode) || !exchange.InstrumentsByCode.TryGetValue(instrumentCode, out var instrument))
        {
            return new MovementOutcome(null, 404, "unknown-instrument", $"No instrument '{instrumentCode}'.");
        }

        return kilograms <= 0 || kilograms % instrument.LotSize != 0 || kilograms > instrument.LotSize * 100_000
            ? new MovementOutcome(null, 400, "invalid-quantity", $"The quantity is a positive multiple of {instrument.LotSize} kg.")
            : null;
    }

    private async Task<(TradingMovement Movement, MovementOutcome? Replay)> BeginAsync(
        string userId, MovementKind kind, string? instrument, long amount, string? idempotencyKey, CancellationToken cancellationToken, Action<TradingMovement>? fill = null)
    {
        if (await FindReplayAsync(userId, idempotencyKey, kind, instrument, amount, cancellationToken) is { } replay)
        {
            return (replay.Movement!, replay);
        }

        var traderId = await accounts.GetOrOpenAsync(userId, cancellationToken);
        var movement = NewMovement(userId, traderId, kind, instrument, amount, idempotencyKey);
        fill?.Invoke(movement);
        db.TradingMovements.Add(movement);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            db.Entry(movement).State = EntityState.Detached;
            return (movement, await FindReplayAsync(userId, idempotencyKey, kind, instrument, amount, cancellationToken)
                ?? throw new InvalidOperationException("A movement could not be recorded."));
        }

        return (movement, null);
    }

    private async Task<MovementOutcome?> FindReplayAsync(string userId, string? idempotencyKey, MovementKind kind, string? instrument, long amount, CancellationToken cancellationToken)
    {
        if (idempotencyKey is null)
        {
            return null;
        }

        var earlier = await db.TradingMovements.AsNoTracking().FirstOrDefaultAsync(m => m.UserId == userId && m.IdempotencyKey == idempotencyKey, cancellationToken);
        if (earlier is null)
        {
            return null;
        }

        if (earlier.Kind != kind || earlier.InstrumentCode != instrument || earlier.Amount != amount)
        {
            return new MovementOutcome(earlier, 422, "idempotency-key-reused", "This Idempotency-Key was used for a different movement.", Replayed: true);
        }

        return earlier.Status == MovementStatus.Refused
            ? new MovementOutcome(earlier, 422, "movement-refused", earlier.Failure, Replayed: true)
            : new MovementOutcome(earlier, Replayed: true);
    }

    private TradingMovement NewMovement(string userId, long traderId, MovementKind kind, string? instrument, long amount, string? idempotencyKey) => new()
    {
        UserId = userId,
        TraderId = traderId,
        Kind = kind,
        InstrumentCode = instrument,
        Amount = amount,
        Status = MovementStatus.Pending,
        IdempotencyKey = idempotencyKey,
        CreatedAt = time.GetUtcNow(),
    };

    // Tells the exchange, then finishes the row (and, for receipts out, the registry's release) in one transaction.
    private async Task<MovementOutcome> ApplyAsync(TradingMovement movement, CancellationToken cancellationToken)
    {
        var command = movement.Kind switch
        {
            MovementKind.CashDeposit => ExchangeCommand.Deposit(movement.TraderId, movement.Amount, movement.Id),
            MovementKind.CashWithdrawal => ExchangeCommand.Withdraw(movement.TraderId, movement.Amount, movement.Id),
            MovementKind.ReceiptsIn => ExchangeCommand.CreditReceipts(movement.TraderId, exchange.InstrumentsByCode[movement.InstrumentCode!].Id, movement.Amount, movement.Id),
            _ => ExchangeCommand.DebitReceipts(movement.TraderId, exchange.InstrumentsByCode[movement.InstrumentCode!].Id, movement.Amount, movement.Id),
        };
        var result = await exchange.Sequencer.SubmitAsync(command);
        var error = result.Reply.Error;
        if (!result.Reply.Succeeded && error != TradingError.DuplicateReference)
        {
            // Refused by the exchange: nothing moved there. Receipts brought in go back to free in the registry.
            if (movement.Kind == MovementKind.ReceiptsIn)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                await registry.UnfreezeAsync(movement.UserId, movement.InstrumentCode!, movement.Amount, cancellationToken);
                var outcome = await RefuseAsync(movement, TradingEndpoints.StatusOf(error), TradingErrors.Code(error), TradingErrors.Describe(error), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return outcome;
            }

            return await RefuseAsync(movement, TradingEndpoints.StatusOf(error), TradingErrors.Code(error), TradingErrors.Describe(error), cancellationToken);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            if (movement.Kind == MovementKind.ReceiptsOut)
            {
                var released = await registry.UnfreezeAsync(movement.UserId, movement.InstrumentCode!, movement.Amount, cancellationToken);
                if (!released.Succeeded)
                {
                    logger.LogError("Receipts out {Id}: the registry could not release {Kg} kg of {Instrument} for {User}: {Detail}", movement.Id, movement.Amount, movement.InstrumentCode, movement.UserId, released.Refusal!.Detail);
                }
            }

            var tracked = await db.TradingMovements.SingleAsync(m => m.Id == movement.Id, cancellationToken);
            if (movement.Kind == MovementKind.CashWithdrawal)
            {
                // Debited; the payout comes next (PayOutAsync).
                tracked.Status = MovementStatus.PayingOut;
            }
            else
            {
                tracked.Status = MovementStatus.Completed;
                tracked.CompletedAt = time.GetUtcNow();
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new MovementOutcome(tracked);
        }
    }

    private async Task<MovementOutcome> RefuseAsync(TradingMovement movement, int status, string code, string? detail, CancellationToken cancellationToken)
    {
        var tracked = await db.TradingMovements.SingleAsync(m => m.Id == movement.Id, cancellationToken);
        tracked.Status = MovementStatus.Refused;
        tracked.Failure = detail is { Length: > 300 } ? detail[..300] : detail;
        tracked.CompletedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return new MovementOutcome(tracked, status, code, detail);
    }

    private static Guid MovementGuid(long id)
    {
        Span<byte> bytes = stackalloc byte[16];
        "exchange"u8.CopyTo(bytes);
        BitConverter.TryWriteBytes(bytes[8..], id);
        return new Guid(bytes);
    }
}
