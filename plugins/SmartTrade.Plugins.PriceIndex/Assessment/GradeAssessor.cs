using System.Globalization;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Methodology;

namespace SmartTrade.Plugins.PriceIndex.Assessment;

/// <summary>
/// Assesses one grade for one window, inputs in the order of precedence of IOSCO principle 8:
/// <list type="number">
/// <item>the window's trades, outliers (beyond k x MAD from the median price) left out: their VWAP when at least
/// <c>minTrades</c> trades and <c>minQuantityKg</c> remain;</item>
/// <item>else the firm quotes valid at the window's end (each submitter's latest bid and latest offer), outliers left
/// out: their median when they come from at least <c>minQuoteSubmitters</c> submitters;</item>
/// <item>else the assessor's judgment for the window, if one was entered (always with a reason);</item>
/// <item>else the previous price, carried forward and flagged; with no previous price there is no assessment.</item>
/// </list>
/// </summary>
public sealed class GradeAssessor
{
    private readonly MethodologyParameters _parameters;
    private long[] _scratch = new long[64];
    private bool[] _outliers = new bool[64];

    /// <summary>An assessor using these parameters.</summary>
    public GradeAssessor(MethodologyParameters parameters) => _parameters = parameters;

    /// <summary>The price only, for recomputing history fast: the same rules as <see cref="Assess"/>, nothing listed.</summary>
    /// <param name="prices">The window's trade prices for the grade, fen per tonne.</param>
    /// <param name="quantities">Their quantities, kg.</param>
    /// <param name="quotes">The quotes valid at the window's end, or empty.</param>
    /// <param name="judgment">The window's judgment, or null.</param>
    /// <param name="previous">The previous price, or null.</param>
    /// <param name="method">What decided the price.</param>
    /// <returns>The price in fen, or null when there is none.</returns>
    public long? Price(ReadOnlySpan<long> prices, ReadOnlySpan<long> quantities, IReadOnlyList<QuoteInput> quotes, JudgmentInput? judgment, long? previous, out AssessmentMethod method)
    {
        EnsureCapacity(prices.Length);
        int kept = RobustStatistics.MarkOutliers(prices, _scratch, _parameters.OutlierMadMultiplierHundredths, _outliers, out _, out _);
        long vwap = RobustStatistics.Vwap(prices, quantities, _outliers.AsSpan(0, prices.Length), out long quantity);
        if (kept >= _parameters.MinTrades && quantity >= _parameters.MinQuantityKg)
        {
            method = AssessmentMethod.Vwap;
            return vwap;
        }
        if (quotes.Count > 0 && QuoteMedian(quotes, out _) is { } median)
        {
            method = AssessmentMethod.QuoteMedian;
            return median.Price;
        }
        if (judgment is not null)
        {
            method = AssessmentMethod.Judgment;
            return judgment.PriceMinor;
        }
        method = AssessmentMethod.CarriedForward;
        return previous;
    }

    /// <summary>The grade's assessment for the window with every input listed, or null when there is no price at all.</summary>
    /// <param name="grade">The grade.</param>
    /// <param name="window">The window.</param>
    /// <param name="trades">The window's trades for the grade.</param>
    /// <param name="quotes">The grade's quotes valid at the window's end.</param>
    /// <param name="judgment">The window's judgment for the grade, or null.</param>
    /// <param name="previous">The previous price and the window it was assessed in, or null.</param>
    public PriceAssessment? Assess(string grade, AssessmentWindow window, IReadOnlyList<TradeInput> trades, IReadOnlyList<QuoteInput> quotes, JudgmentInput? judgment, (long Price, string Window)? previous)
    {
        int n = trades.Count;
        EnsureCapacity(n);
        var prices = new long[n];
        var quantities = new long[n];
        for (int i = 0; i < n; i++)
        {
            prices[i] = trades[i].PriceMinor;
            quantities[i] = trades[i].QuantityKg;
        }
        int kept = RobustStatistics.MarkOutliers(prices, _scratch, _parameters.OutlierMadMultiplierHundredths, _outliers, out long twiceMedian, out _);
        long vwap = RobustStatistics.Vwap(prices, quantities, _outliers.AsSpan(0, n), out long quantity);
        var used = new List<TradeInput>(kept);
        var excluded = new List<ExcludedInput>();
        for (int i = 0; i < n; i++)
        {
            if (_outliers[i])
            {
                excluded.Add(new ExcludedInput(trades[i].TradeId, prices[i], Math.Abs((2 * prices[i]) - twiceMedian) / 2m));
            }
            else
            {
                used.Add(trades[i]);
            }
        }
        string tradeNote = string.Create(CultureInfo.InvariantCulture,
            $"{kept} trades, {quantity / 1000m:0.###} t after {excluded.Count} outliers (minimum {_parameters.MinTrades} trades and {_parameters.MinQuantityKg / 1000m:0.###} t)");
        var assessment = new PriceAssessment
        {
            Grade = grade,
            Date = window.Date,
            Window = window.TimeText,
            PriceMinor = vwap,
            Method = AssessmentMethod.Vwap,
            Trades = used,
            ExcludedTrades = excluded,
            Note = tradeNote + ": VWAP.",
        };
        if (kept >= _parameters.MinTrades && quantity >= _parameters.MinQuantityKg)
        {
            return assessment;
        }

        var median = QuoteMedian(quotes, out var selection);
        if (median is { } m)
        {
            return assessment with
            {
                PriceMinor = m.Price,
                Method = AssessmentMethod.QuoteMedian,
                Quotes = m.Used,
                ExcludedQuotes = m.Excluded,
                Note = string.Create(CultureInfo.InvariantCulture, $"{tradeNote}; {m.Used.Count} firm quotes from {m.Submitters} submitters (minimum {_parameters.MinQuoteSubmitters}): median."),
            };
        }
        string quoteNote = string.Create(CultureInfo.InvariantCulture, $"{tradeNote}; firm quotes from {selection} submitters (minimum {_parameters.MinQuoteSubmitters})");
        if (judgment is not null)
        {
            return assessment with { PriceMinor = judgment.PriceMinor, Method = AssessmentMethod.Judgment, Judgment = judgment, Note = quoteNote + ": assessor judgment." };
        }
        if (previous is { } carried)
        {
            return assessment with { PriceMinor = carried.Price, Method = AssessmentMethod.CarriedForward, CarriedFrom = carried.Window, Note = quoteNote + ": carried forward." };
        }
        return null;
    }

    /// <summary>
    /// The median of the firm quotes (each submitter's latest bid and latest offer; outliers left out), when what is
    /// kept comes from enough distinct submitters; halves of a fen round up.
    /// </summary>
    /// <param name="quotes">Quotes valid at the window's end.</param>
    /// <param name="submitters">How many distinct submitters were kept (whether or not enough).</param>
    private (long Price, IReadOnlyList<QuoteInput> Used, IReadOnlyList<ExcludedInput> Excluded, int Submitters)? QuoteMedian(IReadOnlyList<QuoteInput> quotes, out int submitters)
    {
        var latest = new Dictionary<(string, QuoteSide), QuoteInput>();
        foreach (var quote in quotes)
        {
            var key = (quote.SubmitterId, quote.Side);
            if (!latest.TryGetValue(key, out var seen) || (quote.SubmittedAt, quote.QuoteId).CompareTo((seen.SubmittedAt, seen.QuoteId)) > 0)
            {
                latest[key] = quote;
            }
        }
        var chosen = latest.Values.OrderBy(q => q.QuoteId).ToList();
        int n = chosen.Count;
        EnsureCapacity(n);
        var prices = chosen.Select(q => q.PriceMinor).ToArray();
        RobustStatistics.MarkOutliers(prices, _scratch, _parameters.OutlierMadMultiplierHundredths, _outliers, out long twiceMedian, out _);
        var used = new List<QuoteInput>();
        var excluded = new List<ExcludedInput>();
        for (int i = 0; i < n; i++)
        {
            if (_outliers[i])
            {
                excluded.Add(new ExcludedInput(chosen[i].QuoteId.ToString(CultureInfo.InvariantCulture), prices[i], Math.Abs((2 * prices[i]) - twiceMedian) / 2m));
            }
            else
            {
                used.Add(chosen[i]);
            }
        }
        submitters = used.Select(q => q.SubmitterId).Distinct(StringComparer.Ordinal).Count();
        if (submitters < _parameters.MinQuoteSubmitters)
        {
            return null;
        }
        var kept = used.Select(q => q.PriceMinor).ToArray();
        return (RobustStatistics.RoundHalfUp(RobustStatistics.TwiceMedian(kept)), used, excluded, submitters);
    }

    private void EnsureCapacity(int n)
    {
        if (_scratch.Length < n)
        {
            _scratch = new long[Math.Max(n, _scratch.Length * 2)];
            _outliers = new bool[_scratch.Length];
        }
    }
}
