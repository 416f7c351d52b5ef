using System.Text.Json.Serialization;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>Where a load-in declaration stands.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LoadInStatus>))]
public enum LoadInStatus
{
    /// <summary>Declared by the trader; the warehouse has not inspected it yet.</summary>
    Declared,

    /// <summary>Inspected and accepted by the warehouse, which issued a receipt for it.</summary>
    Issued,

    /// <summary>Refused by the warehouse at inspection, with a reason.</summary>
    Rejected,
}

/// <summary>
/// A trader's declaration that goods of a grade are coming into an approved warehouse. The warehouse inspects them,
/// then issues a receipt for the net weight it found, or rejects the load-in with a reason.
/// </summary>
public sealed class LoadIn
{
    /// <summary>The declaration's id.</summary>
    public Guid Id { get; set; }

    /// <summary>The declaring trader's user id; the receipt will be theirs.</summary>
    public required string TraderId { get; set; }

    /// <summary>The warehouse the goods go into.</summary>
    public required string WarehouseCode { get; set; }

    /// <summary>The grade declared.</summary>
    public int GradeId { get; set; }

    /// <summary>The grade's instrument.</summary>
    public required string InstrumentCode { get; set; }

    /// <summary>The declared net weight, in kg.</summary>
    public long DeclaredKg { get; set; }

    /// <summary>The production date on the producer's bags.</summary>
    public DateOnly ProductionDate { get; set; }

    /// <summary>The producer's batch number, when the trader gives one.</summary>
    public string? BatchNumber { get; set; }

    /// <summary>Where the declaration stands.</summary>
    public LoadInStatus Status { get; set; }

    /// <summary>When it was declared.</summary>
    public DateTimeOffset DeclaredAt { get; set; }

    /// <summary>When the warehouse issued or rejected it.</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The warehouse operator who issued or rejected it.</summary>
    public string? DecidedBy { get; set; }

    /// <summary>Why the warehouse rejected it.</summary>
    public string? RejectionReason { get; set; }

    /// <summary>The receipt issued for it.</summary>
    public string? ReceiptNumber { get; set; }

    /// <summary>Concurrency token: a decision applies only to the version it read.</summary>
    public long Version { get; set; }
}
