using System.Text.Json.Serialization;

namespace SmartTrade.Plugins.PriceIndex.Computation;

/// <summary>
/// Everything one published index value was computed from, so anyone can recompute it:
/// value = round(linkValue x sum(weightPpm x current / reference) / 1,000,000, 2), halves away from zero.
/// </summary>
public sealed record IndexValueInputs
{
    /// <summary>The formula, in words.</summary>
    public const string FormulaText = "value = round(linkValue * sum(weightPpm * current / reference) / 1000000, 2), halves away from zero; constituents with weight 0 are skipped";

    /// <summary>The index code.</summary>
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    /// <summary>The window's date.</summary>
    [JsonPropertyName("date")]
    public required DateOnly Date { get; init; }

    /// <summary>The window's time, <c>HH:mm</c>.</summary>
    [JsonPropertyName("window")]
    public required string Window { get; init; }

    /// <summary>The formula.</summary>
    [JsonPropertyName("formula")]
    public string Formula { get; init; } = FormulaText;

    /// <summary>The period in force: link value, link window, weights and references.</summary>
    [JsonPropertyName("period")]
    public required IndexPeriod Period { get; init; }

    /// <summary>Whether this window started the period (base window or a re-weighting).</summary>
    [JsonPropertyName("periodStartsHere")]
    public required bool PeriodStartsHere { get; init; }

    /// <summary>Each constituent's current price (fen per tonne) or sub-index value at this window; null when it has none.</summary>
    [JsonPropertyName("current")]
    public required IReadOnlyDictionary<string, decimal?> Current { get; init; }

    /// <summary>The value these inputs give (<see cref="FormulaText"/>).</summary>
    public decimal Compute()
    {
        var constituents = Period.Constituents;
        Span<long> weights = stackalloc long[constituents.Count];
        Span<decimal> references = stackalloc decimal[constituents.Count];
        Span<decimal> now = stackalloc decimal[constituents.Count];
        for (int i = 0; i < constituents.Count; i++)
        {
            var c = constituents[i];
            var current = Current.GetValueOrDefault(c.Code);
            bool usable = c.WeightPpm > 0 && c.Reference is > 0 && current is not null;
            weights[i] = usable ? c.WeightPpm : 0;
            references[i] = c.Reference ?? 0;
            now[i] = current ?? 0;
        }
        return Laspeyres.Value(Period.LinkValue, weights, references, now);
    }
}

/// <summary>An index value computed for a window.</summary>
/// <param name="Code">The index.</param>
/// <param name="Value">Points, two decimals.</param>
/// <param name="Inputs">What it was computed from.</param>
public sealed record ComputedIndexValue(string Code, decimal Value, IndexValueInputs Inputs);
