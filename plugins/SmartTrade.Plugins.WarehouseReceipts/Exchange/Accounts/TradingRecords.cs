namespace SmartTrade.Plugins.WarehouseReceipts.Exchange.Accounts;

/// <summary>A user's trading account on the exchange: the engine keys accounts on numbers, people on user ids.</summary>
public sealed class TradingAccount
{
    /// <summary>The exchange's account number, from 1 (0 is the exchange's own fee account).</summary>
    public long TraderId { get; set; }

    /// <summary>The user's id.</summary>
    public required string UserId { get; set; }

    /// <summary>When the account was opened.</summary>
    public DateTimeOffset OpenedAt { get; set; }
}

/// <summary>What a <see cref="TradingMovement"/> moves.</summary>
public enum MovementKind
{
    /// <summary>Cash paid in through the payment gateway.</summary>
    CashDeposit,

    /// <summary>Free cash paid out of the trading account.</summary>
    CashWithdrawal,

    /// <summary>Free receipt quantity of the registry brought into trading (frozen in the registry).</summary>
    ReceiptsIn,

    /// <summary>Free receipt quantity taken out of trading (released in the registry).</summary>
    ReceiptsOut,
}

/// <summary>Where a <see cref="TradingMovement"/> is.</summary>
public enum MovementStatus
{
    /// <summary>Recorded; the exchange has not confirmed it yet (completed on start after a crash).</summary>
    Pending,

    /// <summary>A deposit whose card payment succeeded; the exchange has not credited it yet (done on start after a crash).</summary>
    Paid,

    /// <summary>Done on both sides: the exchange and the registry or the payment gateway.</summary>
    Completed,

    /// <summary>Refused (card declined, not enough free cash or quantity, payout refused); nothing moved, or what moved went back.</summary>
    Refused,

    /// <summary>
    /// A withdrawal the exchange has debited whose payout the gateway has not confirmed yet (submitted and pending, or
    /// the gateway did not answer); completed or refused when the gateway's outcome is known.
    /// </summary>
    PayingOut,
}

/// <summary>
/// Cash or receipt quantity moving into or out of trading. The row is written before the exchange is told, and its
/// id is the exchange command's reference, so a movement interrupted by a crash is completed exactly once on start.
/// </summary>
public sealed class TradingMovement
{
    /// <summary>The movement's number, also the reference of its exchange command.</summary>
    public long Id { get; set; }

    /// <summary>The trading account.</summary>
    public long TraderId { get; set; }

    /// <summary>The account's user id.</summary>
    public required string UserId { get; set; }

    /// <summary>What moves.</summary>
    public MovementKind Kind { get; set; }

    /// <summary>The instrument, for receipt movements.</summary>
    public string? InstrumentCode { get; set; }

    /// <summary>Fen for cash, kg for receipts; positive.</summary>
    public long Amount { get; set; }

    /// <summary>Where it is.</summary>
    public MovementStatus Status { get; set; }

    /// <summary>The payment gateway's intent, for deposits.</summary>
    public string? PaymentIntentId { get; set; }

    /// <summary>The payment gateway, for deposits and withdrawals.</summary>
    public string? GatewayId { get; set; }

    /// <summary>For withdrawals: the name of the account paid to.</summary>
    public string? PayoutAccountHolder { get; set; }

    /// <summary>For withdrawals: the account paid to, in the gateway's terms (a bank account number for the Sandbox).</summary>
    public string? PayoutAccount { get; set; }

    /// <summary>For withdrawals: the bank of the account paid to, when it is a bank account.</summary>
    public string? PayoutBank { get; set; }

    /// <summary>For withdrawals: the gateway's payout, once it answered.</summary>
    public string? PayoutId { get; set; }

    /// <summary>The caller's idempotency key, unique per user.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>Why it was refused.</summary>
    public string? Failure { get; set; }

    /// <summary>When it was requested.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it completed or was refused.</summary>
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>
/// A trade of the exchange as the registry settled it: the receipts delivered seller to buyer (first-in-first-out)
/// under the reference <c>T-{instrument}-{trade number}</c>, with prices, fees and both parties.
/// </summary>
public sealed class SettledTrade
{
    /// <summary>The trade's reference, <c>T-PP-T30S-000042</c>; also the registry transfer's.</summary>
    public required string TradeRef { get; set; }

    /// <summary>The instrument code.</summary>
    public required string InstrumentCode { get; set; }

    /// <summary>The instrument's trade number, from 1.</summary>
    public long TradeSequence { get; set; }

    /// <summary>The journal sequence of the command that made the trade.</summary>
    public long JournalSequence { get; set; }

    /// <summary>Price, fen per tonne.</summary>
    public long Price { get; set; }

    /// <summary>Quantity, kg.</summary>
    public long QuantityKg { get; set; }

    /// <summary>Value, fen.</summary>
    public long Value { get; set; }

    /// <summary>The buyer's fee, fen.</summary>
    public long BuyerFee { get; set; }

    /// <summary>The seller's fee, fen.</summary>
    public long SellerFee { get; set; }

    /// <summary>The buyer's trading account.</summary>
    public long BuyerTraderId { get; set; }

    /// <summary>The seller's trading account.</summary>
    public long SellerTraderId { get; set; }

    /// <summary>The buyer's user id.</summary>
    public required string BuyerId { get; set; }

    /// <summary>The seller's user id.</summary>
    public required string SellerId { get; set; }

    /// <summary>Whether the buyer's order was the incoming one.</summary>
    public bool BuyerWasAggressor { get; set; }

    /// <summary>When the trade was made.</summary>
    public DateTimeOffset ExecutedAt { get; set; }

    /// <summary>The receipts delivered, comma-separated (from the registry transfer).</summary>
    public string DeliveredNumbers { get; set; } = string.Empty;

    /// <summary>Why the registry could not deliver, when it could not (for an operator to resolve); usually null.</summary>
    public string? DeliveryProblem { get; set; }

    /// <summary>Whether <see cref="SmartTrade.Sdk.Trading.TradeExecuted"/> went out for it (sent again on start when not).</summary>
    public bool Published { get; set; }
}

/// <summary>How far the registry has settled the exchange's journal (one row).</summary>
public sealed class SettlementCheckpoint
{
    /// <summary>Always 1.</summary>
    public int Id { get; set; }

    /// <summary>The last journal sequence whose trades are settled in the registry.</summary>
    public long JournalSequence { get; set; }
}
