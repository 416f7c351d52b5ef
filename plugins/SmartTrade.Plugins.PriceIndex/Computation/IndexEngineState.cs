using System.Text.Json.Serialization;

namespace SmartTrade.Plugins.PriceIndex.Computation;

/// <summary>
/// Where the computation stands after a window: each grade's last price, the traded value since the last weighting,
/// and each index's current period. Persisted with every publication, so the next window continues from it.
/// </summary>
public sealed class IndexEngineState
{
    /// <summary>The end of the last window computed, Unix ms; <see cref="long.MinValue"/> before the first.</summary>
    [JsonPropertyName("lastWindowEndMs")]
    public long LastWindowEndMs { get; set; } = long.MinValue;

    /// <summary>The date of the last window computed.</summary>
    [JsonPropertyName("lastWindowDate")]
    public DateOnly? LastWindowDate { get; set; }

    /// <summary>Whether the base window has been computed (index values exist from it on).</summary>
    [JsonPropertyName("baseDone")]
    public bool BaseDone { get; set; }

    /// <summary>Each grade's last price and the window it is from.</summary>
    [JsonPropertyName("grades")]
    public Dictionary<string, GradePrice> Grades { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Each grade's traded value in fen since the last weighting (the base window, then each re-weighting).</summary>
    [JsonPropertyName("tradedValue")]
    public Dictionary<string, decimal> TradedValue { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Each index's period and last value.</summary>
    [JsonPropertyName("indices")]
    public Dictionary<string, IndexTrack> Indices { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>A grade's last price.</summary>
/// <param name="PriceMinor">Fen per tonne.</param>
/// <param name="Window">The window it was assessed in, <c>yyyy-MM-dd HH:mm</c>.</param>
public sealed record GradePrice([property: JsonPropertyName("priceMinor")] long PriceMinor, [property: JsonPropertyName("window")] string Window);

/// <summary>An index's current period and its last value.</summary>
public sealed class IndexTrack
{
    /// <summary>The period in force; null until the index starts.</summary>
    [JsonPropertyName("period")]
    public IndexPeriod? Period { get; set; }

    /// <summary>The last value published, points.</summary>
    [JsonPropertyName("lastValue")]
    public decimal? LastValue { get; set; }
}

/// <summary>
/// A weighting period: from the base window, or from a yearly re-weighting chain-linked to the previous period at its
/// link window (the last window before the re-weighting), so the series runs on without a jump.
/// </summary>
public sealed record IndexPeriod
{
    /// <summary>The window the period starts with, <c>yyyy-MM-dd HH:mm</c>.</summary>
    [JsonPropertyName("start")]
    public required string Start { get; init; }

    /// <summary>L: the base value in the first period, then the index value at the link window.</summary>
    [JsonPropertyName("linkValue")]
    public required decimal LinkValue { get; init; }

    /// <summary>The window whose value and prices the period is linked to (the base window in the first period).</summary>
    [JsonPropertyName("linkWindow")]
    public required string LinkWindow { get; init; }

    /// <summary>The constituents with their weights and reference prices.</summary>
    [JsonPropertyName("constituents")]
    public required IReadOnlyList<PeriodConstituent> Constituents { get; init; }
}

/// <summary>A constituent's weight and reference in a period.</summary>
/// <param name="Code">A grade (for a sub-index) or a sub-index code (for the composite).</param>
/// <param name="WeightPpm">Its weight in millionths (0 when it has no reference or traded nothing).</param>
/// <param name="Reference">Its price (fen per tonne) or value (points) at the link window; null when it had none.</param>
/// <param name="TradedValueMinor">The traded value in fen its weight came from.</param>
public sealed record PeriodConstituent(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("weightPpm")] long WeightPpm,
    [property: JsonPropertyName("reference")] decimal? Reference,
    [property: JsonPropertyName("tradedValueMinor")] decimal TradedValueMinor);
