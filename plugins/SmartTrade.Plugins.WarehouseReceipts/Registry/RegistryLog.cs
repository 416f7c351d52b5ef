using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <summary>
/// One change of the registry, appended to a single hash chain: each entry's <see cref="Hash"/> is the SHA-256 of
/// its own content and <see cref="PreviousHash"/>, so changing, removing or reordering any entry breaks every link
/// after it.
/// </summary>
public sealed class RegistryLogEntry
{
    /// <summary>Position in the chain, from 1 with no gaps.</summary>
    public long Sequence { get; set; }

    /// <summary>When the change was made, to the millisecond (what is hashed).</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>What happened (a <see cref="RegistryActions"/> value).</summary>
    public required string Action { get; set; }

    /// <summary>Who made the change: a user id, or <c>system</c>.</summary>
    public required string ActorId { get; set; }

    /// <summary>The receipts concerned, comma-separated (empty for a load-in not yet issued or an operator change).</summary>
    public required string ReceiptNumbers { get; set; }

    /// <summary>The change as JSON: its parameters and the state of each receipt concerned after it.</summary>
    public required string Details { get; set; }

    /// <summary>The hash of the entry before (64 zeros for the first).</summary>
    public required string PreviousHash { get; set; }

    /// <summary>SHA-256 (lower-case hex) of this entry's content and <see cref="PreviousHash"/>.</summary>
    public required string Hash { get; set; }

    /// <summary>The hash this entry's content gives now; differs from <see cref="Hash"/> if a field was altered.</summary>
    public string ComputeHash() => RegistryHash.Of(Sequence, At, Action, ActorId, ReceiptNumbers, Details, PreviousHash);
}

/// <summary>Indexes the log by receipt: one row per receipt an entry concerns.</summary>
public sealed class RegistryLogReceipt
{
    /// <summary>The receipt number.</summary>
    public required string ReceiptNumber { get; set; }

    /// <summary>The entry's sequence.</summary>
    public long Sequence { get; set; }
}

/// <summary>
/// The single row holding the chain's last sequence and hash. Appending locks it (an update) before reading it, so
/// appends are serialized on every database, and the hash written is checked against the sequence read.
/// </summary>
public sealed class RegistryChainHead
{
    /// <summary>Always <see cref="SingletonId"/>.</summary>
    public int Id { get; set; }

    /// <summary>The last entry's sequence (0 before the first).</summary>
    public long Sequence { get; set; }

    /// <summary>The last entry's hash (<see cref="RegistryHash.Genesis"/> before the first).</summary>
    public required string Hash { get; set; }

    /// <summary>The id of the one row.</summary>
    public const int SingletonId = 1;
}

/// <summary>A named counter (receipt numbers per year), taken by a locking increment.</summary>
public sealed class NumberSequence
{
    /// <summary>The counter's name, such as <c>receipt-2026</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The last number handed out.</summary>
    public long Last { get; set; }
}

/// <summary>What a registry log entry records.</summary>
public static class RegistryActions
{
    /// <summary>A trader declared a load-in.</summary>
    public const string LoadInDeclared = "load-in-declared";

    /// <summary>A warehouse rejected a load-in at inspection.</summary>
    public const string LoadInRejected = "load-in-rejected";

    /// <summary>A warehouse issued a receipt for a load-in.</summary>
    public const string ReceiptIssued = "receipt-issued";

    /// <summary>The owner accepted an issued receipt.</summary>
    public const string ReceiptAccepted = "receipt-accepted";

    /// <summary>A receipt was pledged.</summary>
    public const string ReceiptPledged = "receipt-pledged";

    /// <summary>A pledge was released.</summary>
    public const string PledgeReleased = "pledge-released";

    /// <summary>A receipt was split into several.</summary>
    public const string ReceiptSplit = "receipt-split";

    /// <summary>Receipts were merged into one.</summary>
    public const string ReceiptsMerged = "receipts-merged";

    /// <summary>Receipt quantity was delivered for a trade.</summary>
    public const string ReceiptsTransferred = "receipts-transferred";

    /// <summary>A receipt was cancelled for load-out.</summary>
    public const string ReceiptCancelled = "receipt-cancelled";

    /// <summary>A user was made operator of a warehouse.</summary>
    public const string OperatorAssigned = "operator-assigned";

    /// <summary>A user stopped operating a warehouse.</summary>
    public const string OperatorRemoved = "operator-removed";
}

/// <summary>The chain's hash function.</summary>
public static class RegistryHash
{
    /// <summary>The previous hash of the first entry.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// SHA-256 of the fields, each written as its UTF-8 byte length, <c>:</c>, the text and <c>;</c> (so no field's
    /// content can pass for another's), the time as Unix milliseconds so any database's timestamp gives the same hash.
    /// </summary>
    public static string Of(long sequence, DateTimeOffset at, string action, string actorId, string receiptNumbers, string details, string previousHash)
    {
        var canonical = new StringBuilder();
        foreach (var field in (ReadOnlySpan<string>)[
            sequence.ToString(CultureInfo.InvariantCulture),
            at.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            action, actorId, receiptNumbers, details, previousHash])
        {
            canonical.Append(Encoding.UTF8.GetByteCount(field).ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append(';');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    /// <summary>A time as the chain stores it: UTC, whole milliseconds.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());
}
