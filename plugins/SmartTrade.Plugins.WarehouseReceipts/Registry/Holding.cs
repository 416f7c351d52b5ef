using System.Text.Json.Serialization;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>
/// A trader's position in one instrument, kept beside the receipts so that quantity checks are one conditional
/// update: <see cref="AvailableKg"/> is the weight of the trader's active receipts, part of which may be frozen by
/// sell orders; <see cref="PledgedKg"/> is the weight of pledged ones. Free = available - frozen, never negative.
/// </summary>
public sealed class Holding
{
    /// <summary>The trader's user id.</summary>
    public required string OwnerId { get; set; }

    /// <summary>The instrument.</summary>
    public required string InstrumentCode { get; set; }

    /// <summary>Net weight of the trader's active receipts in the instrument, in kg (frozen included).</summary>
    public long AvailableKg { get; set; }

    /// <summary>The part of <see cref="AvailableKg"/> held for resting sell orders, in kg.</summary>
    public long FrozenKg { get; set; }

    /// <summary>Net weight of the trader's pledged receipts in the instrument, in kg.</summary>
    public long PledgedKg { get; set; }
}

/// <summary>Which of the seller's quantity a transfer takes.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TransferSource>))]
public enum TransferSource
{
    /// <summary>Free quantity (not frozen): a transfer outside the order book.</summary>
    Free,

    /// <summary>Quantity frozen for a sell order: a trade settling that order; the frozen amount goes down with it.</summary>
    Frozen,
}

/// <summary>A delivery of receipt quantity from seller to buyer for a trade, recorded once per trade reference.</summary>
public sealed class ReceiptTransfer
{
    /// <summary>The trade's reference, unique: a repeat of the same transfer returns this record and moves nothing.</summary>
    public required string TradeRef { get; set; }

    /// <summary>The seller's user id.</summary>
    public required string SellerId { get; set; }

    /// <summary>The buyer's user id.</summary>
    public required string BuyerId { get; set; }

    /// <summary>The instrument.</summary>
    public required string InstrumentCode { get; set; }

    /// <summary>The quantity delivered, in kg.</summary>
    public long QuantityKg { get; set; }

    /// <summary>Whether it took free or frozen quantity.</summary>
    public TransferSource Source { get; set; }

    /// <summary>The receipts the buyer received (comma-separated), first-in-first-out from the seller's.</summary>
    public required string DeliveredNumbers { get; set; }

    /// <summary>The registry log entry recording it.</summary>
    public long LogSequence { get; set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset At { get; set; }
}
