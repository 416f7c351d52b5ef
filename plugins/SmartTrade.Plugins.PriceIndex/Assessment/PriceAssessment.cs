using System.Text.Json.Serialization;

namespace SmartTrade.Plugins.PriceIndex.Assessment;

/// <summary>Which input decided a window's price, in the order of precedence of IOSCO principle 8.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AssessmentMethod>))]
public enum AssessmentMethod
{
    /// <summary>The volume-weighted average of the window's concluded trades.</summary>
    Vwap,

    /// <summary>The median of firm quotes from enough distinct submitters.</summary>
    QuoteMedian,

    /// <summary>An assessor's judgment, with its written reason.</summary>
    Judgment,

    /// <summary>Too little data: the previous price, carried forward and flagged.</summary>
    CarriedForward,
}

/// <summary>Whether a firm quote is a bid or an offer.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<QuoteSide>))]
public enum QuoteSide
{
    /// <summary>A firm bid to buy.</summary>
    Bid,

    /// <summary>A firm offer to sell.</summary>
    Offer,
}

/// <summary>A concluded trade as an input.</summary>
/// <param name="TradeId">The exchange's trade id.</param>
/// <param name="PriceMinor">Fen per tonne.</param>
/// <param name="QuantityKg">Kilograms.</param>
/// <param name="ExecutedAt">When it was executed.</param>
public sealed record TradeInput(
    [property: JsonPropertyName("tradeId")] string TradeId,
    [property: JsonPropertyName("priceMinor")] long PriceMinor,
    [property: JsonPropertyName("quantityKg")] long QuantityKg,
    [property: JsonPropertyName("executedAt")] DateTimeOffset ExecutedAt);

/// <summary>A merchant's firm bid or offer as an input.</summary>
/// <param name="QuoteId">The quote's id.</param>
/// <param name="SubmitterId">Who submitted it (user id).</param>
/// <param name="SubmitterName">The submitter's display name.</param>
/// <param name="Side">Bid or offer.</param>
/// <param name="PriceMinor">Fen per tonne.</param>
/// <param name="QuantityKg">Kilograms.</param>
/// <param name="SubmittedAt">When it was submitted.</param>
/// <param name="ValidUntil">When it stops being firm.</param>
public sealed record QuoteInput(
    [property: JsonPropertyName("quoteId")] long QuoteId,
    [property: JsonPropertyName("submitterId")] string SubmitterId,
    [property: JsonPropertyName("submitterName")] string SubmitterName,
    [property: JsonPropertyName("side")] QuoteSide Side,
    [property: JsonPropertyName("priceMinor")] long PriceMinor,
    [property: JsonPropertyName("quantityKg")] long QuantityKg,
    [property: JsonPropertyName("submittedAt")] DateTimeOffset SubmittedAt,
    [property: JsonPropertyName("validUntil")] DateTimeOffset ValidUntil);

/// <summary>An assessor's judgment of a grade's price for one window.</summary>
/// <param name="JudgmentId">The judgment's id.</param>
/// <param name="AssessorId">Who made it (user id).</param>
/// <param name="PriceMinor">Fen per tonne.</param>
/// <param name="Reason">Why: always given.</param>
/// <param name="EnteredAt">When it was entered.</param>
public sealed record JudgmentInput(
    [property: JsonPropertyName("judgmentId")] long JudgmentId,
    [property: JsonPropertyName("assessorId")] string AssessorId,
    [property: JsonPropertyName("priceMinor")] long PriceMinor,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("enteredAt")] DateTimeOffset EnteredAt);

/// <summary>An observation left out as an outlier, with its value and distance from the median.</summary>
/// <param name="Id">The trade id or quote id.</param>
/// <param name="PriceMinor">Its price, fen per tonne.</param>
/// <param name="DeviationMinor">|price - median| in fen.</param>
public sealed record ExcludedInput(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("priceMinor")] long PriceMinor,
    [property: JsonPropertyName("deviationMinor")] decimal DeviationMinor);

/// <summary>
/// One grade's price for one window with everything it came from: enough to recompute it by hand. Method VWAP: the
/// VWAP of <see cref="Trades"/>. QuoteMedian: the median of <see cref="Quotes"/> (halves rounded up). Judgment:
/// <see cref="Judgment"/>'s price. CarriedForward: <see cref="CarriedFrom"/>'s price.
/// </summary>
public sealed record PriceAssessment
{
    /// <summary>The grade (instrument code).</summary>
    [JsonPropertyName("grade")]
    public required string Grade { get; init; }

    /// <summary>The window's date.</summary>
    [JsonPropertyName("date")]
    public required DateOnly Date { get; init; }

    /// <summary>The window's time, <c>HH:mm</c>.</summary>
    [JsonPropertyName("window")]
    public required string Window { get; init; }

    /// <summary>The price, fen per tonne.</summary>
    [JsonPropertyName("priceMinor")]
    public required long PriceMinor { get; init; }

    /// <summary>What decided it.</summary>
    [JsonPropertyName("method")]
    public required AssessmentMethod Method { get; init; }

    /// <summary>The trades used (outliers left out).</summary>
    [JsonPropertyName("trades")]
    public IReadOnlyList<TradeInput> Trades { get; init; } = [];

    /// <summary>The window's trades left out as outliers.</summary>
    [JsonPropertyName("excludedTrades")]
    public IReadOnlyList<ExcludedInput> ExcludedTrades { get; init; } = [];

    /// <summary>The firm quotes used (each submitter's latest bid and offer, outliers left out); listed when they decided the price.</summary>
    [JsonPropertyName("quotes")]
    public IReadOnlyList<QuoteInput> Quotes { get; init; } = [];

    /// <summary>The quotes left out as outliers.</summary>
    [JsonPropertyName("excludedQuotes")]
    public IReadOnlyList<ExcludedInput> ExcludedQuotes { get; init; } = [];

    /// <summary>The judgment used, when it decided the price.</summary>
    [JsonPropertyName("judgment")]
    public JudgmentInput? Judgment { get; init; }

    /// <summary>For a carried-forward price: the window it was carried from, <c>yyyy-MM-dd HH:mm</c>.</summary>
    [JsonPropertyName("carriedFrom")]
    public string? CarriedFrom { get; init; }

    /// <summary>Why this method: the thresholds met or missed.</summary>
    [JsonPropertyName("note")]
    public required string Note { get; init; }
}
