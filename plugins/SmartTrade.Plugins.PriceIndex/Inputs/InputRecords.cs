namespace SmartTrade.Plugins.PriceIndex.Inputs;

/// <summary>A trade of the receipt market as the index received it (<c>TradeExecuted</c>), kept once per trade id.</summary>
public sealed class RecordedTrade
{
    /// <summary>The exchange's trade id.</summary>
    public required string TradeId { get; init; }

    /// <summary>The market it traded on.</summary>
    public required string MarketId { get; init; }

    /// <summary>The grade: the instrument code, e.g. <c>PP-T30S</c>.</summary>
    public required string Grade { get; init; }

    /// <summary>Fen per tonne.</summary>
    public required long PriceMinor { get; init; }

    /// <summary>Kilograms.</summary>
    public required long QuantityKg { get; init; }

    /// <summary>When it was executed, Unix ms.</summary>
    public required long ExecutedAtMs { get; init; }

    /// <summary>When the index received it, Unix ms.</summary>
    public required long ReceivedAtMs { get; init; }
}

/// <summary>A merchant's firm bid or offer for a grade, valid until a stated time. Quotes are never changed.</summary>
public sealed class FirmQuote
{
    /// <summary>The id.</summary>
    public long Id { get; init; }

    /// <summary>The grade.</summary>
    public required string Grade { get; init; }

    /// <summary><c>Bid</c> or <c>Offer</c>.</summary>
    public required string Side { get; init; }

    /// <summary>Fen per tonne.</summary>
    public required long PriceMinor { get; init; }

    /// <summary>Kilograms firm at that price.</summary>
    public required long QuantityKg { get; init; }

    /// <summary>The submitting merchant's user id.</summary>
    public required string SubmitterId { get; init; }

    /// <summary>The submitter's display name.</summary>
    public required string SubmitterName { get; init; }

    /// <summary>When it was submitted, Unix ms.</summary>
    public required long SubmittedAtMs { get; init; }

    /// <summary>When it stops being firm, Unix ms (exclusive).</summary>
    public required long ValidUntilMs { get; init; }
}

/// <summary>An assessor's judgment of a grade's price for one window, with the reason. Never changed.</summary>
public sealed class AssessorJudgment
{
    /// <summary>The id.</summary>
    public long Id { get; init; }

    /// <summary>The grade.</summary>
    public required string Grade { get; init; }

    /// <summary>The end of the window it is for, Unix ms.</summary>
    public required long WindowEndMs { get; init; }

    /// <summary>Fen per tonne.</summary>
    public required long PriceMinor { get; init; }

    /// <summary>Why: required.</summary>
    public required string Reason { get; init; }

    /// <summary>The assessor's user id.</summary>
    public required string AssessorId { get; init; }

    /// <summary>When it was entered, Unix ms.</summary>
    public required long EnteredAtMs { get; init; }
}
