using System.Text.Json.Serialization;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>Where a receipt stands. Only <see cref="Active"/> receipts can be sold, pledged, split, merged or cancelled.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ReceiptStatus>))]
public enum ReceiptStatus
{
    /// <summary>Issued by the warehouse; the owner has not accepted it yet.</summary>
    PendingAcceptance,

    /// <summary>In the owner's hands, free to trade.</summary>
    Active,

    /// <summary>Pledged to a lender: it cannot be sold, split, merged or cancelled until released.</summary>
    Pledged,

    /// <summary>Replaced by the receipts it was split into (see their <see cref="WarehouseReceipt.SourceNumbers"/>).</summary>
    Split,

    /// <summary>Replaced by the receipt it was merged into.</summary>
    Merged,

    /// <summary>Cancelled for physical load-out: the goods left the warehouse.</summary>
    Cancelled,
}

/// <summary>
/// An electronic warehouse receipt (中塑仓单): a unique number (<c>ZS-2026-000123</c>) for a net weight of one grade held
/// at one approved warehouse, owned by a trader. Split, merged and cancelled receipts stay as history.
/// </summary>
public sealed class WarehouseReceipt
{
    /// <summary>The receipt number, <c>ZS-{year}-{6 digits}</c>.</summary>
    public required string Number { get; set; }

    /// <summary>The owner's user id.</summary>
    public required string OwnerId { get; set; }

    /// <summary>The instrument it trades under.</summary>
    public required string InstrumentCode { get; set; }

    /// <summary>The grade (polymer, grade code, producer).</summary>
    public int GradeId { get; set; }

    /// <summary>The warehouse holding the goods.</summary>
    public required string WarehouseCode { get; set; }

    /// <summary>Net weight, in kg.</summary>
    public long QuantityKg { get; set; }

    /// <summary>The production date of the goods (the earliest one, for a merged receipt).</summary>
    public DateOnly ProductionDate { get; set; }

    /// <summary>The warehouse's inspection certificate number (several, <c>;</c>-separated, for a merged receipt).</summary>
    public required string InspectionCertificate { get; set; }

    /// <summary>Where it stands.</summary>
    public ReceiptStatus Status { get; set; }

    /// <summary>The load-in it was issued for; none for a receipt made by a split, merge or partial transfer.</summary>
    public Guid? LoadInId { get; set; }

    /// <summary>The receipts it came from (comma-separated), for one made by a split, merge or partial transfer (a delivery joining a lot merges).</summary>
    public string? SourceNumbers { get; set; }

    /// <summary>The pledge it is under, while <see cref="ReceiptStatus.Pledged"/>.</summary>
    public Guid? PledgeId { get; set; }

    /// <summary>When the receipt was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The owner's queue position for first-in-first-out delivery: the registry log sequence at which the owner
    /// received it (a split keeps its receipt's position).
    /// </summary>
    public long AcquiredSequence { get; set; }

    /// <summary>Concurrency token: every change applies only to the version it read.</summary>
    public long Version { get; set; }

    /// <summary>The receipts it came from.</summary>
    public IReadOnlyList<string> Sources => string.IsNullOrEmpty(SourceNumbers) ? [] : SourceNumbers.Split(',');
}
