using SmartTrade.Plugins.PriceIndex.Assessment;
using SmartTrade.Plugins.PriceIndex.Indices;
using SmartTrade.Plugins.PriceIndex.Methodology;

namespace SmartTrade.Plugins.PriceIndex.Computation;

/// <summary>A window's trades, grouped by grade: the trades of grade g are at <c>Start[g]</c> up to <c>Start[g + 1]</c>.</summary>
/// <param name="Start">Offsets per grade (one more than the grades).</param>
/// <param name="Prices">Fen per tonne.</param>
/// <param name="Quantities">Kilograms.</param>
/// <param name="Details">The trades themselves, parallel to <paramref name="Prices"/>; needed to list inputs.</param>
public sealed record WindowTrades(int[] Start, long[] Prices, long[] Quantities, TradeInput[]? Details)
{
    /// <summary>Groups trades by grade (index into <see cref="IndexEngine.Grades"/>).</summary>
    public static WindowTrades Group(IReadOnlyList<(int Grade, TradeInput Trade)> trades, int gradeCount)
    {
        var start = new int[gradeCount + 1];
        foreach (var (grade, _) in trades)
        {
            start[grade + 1]++;
        }
        for (int g = 0; g < gradeCount; g++)
        {
            start[g + 1] += start[g];
        }
        var next = (int[])start.Clone();
        var prices = new long[trades.Count];
        var quantities = new long[trades.Count];
        var details = new TradeInput[trades.Count];
        foreach (var (grade, trade) in trades.OrderBy(t => t.Trade.ExecutedAt).ThenBy(t => t.Trade.TradeId, StringComparer.Ordinal))
        {
            int at = next[grade]++;
            prices[at] = trade.PriceMinor;
            quantities[at] = trade.QuantityKg;
            details[at] = trade;
        }
        return new WindowTrades(start, prices, quantities, details);
    }
}

/// <summary>What one window gave: the grades' assessments (when listed) and prices, and the index values.</summary>
/// <param name="Window">The window.</param>
/// <param name="Assessments">Each assessed grade's assessment with its inputs (empty when not asked for).</param>
/// <param name="Values">The index values (none before the base window).</param>
public sealed record WindowResult(AssessmentWindow Window, IReadOnlyList<PriceAssessment> Assessments, IReadOnlyList<ComputedIndexValue> Values);

/// <summary>
/// Computes the 中塑 indices window after window: assesses every grade (<see cref="GradeAssessor"/>), then the polymer
/// sub-indices from their grades and the composite from the sub-indices (<see cref="Laspeyres"/>). The first period
/// starts at the base date's closing window with the base value, weighted by the base date's traded value; on the
/// first trading day of each later year the weights are reset from the traded value since the last weighting and the
/// new period is chain-linked at the previous window. Hot path: no LINQ per trade.
/// </summary>
public sealed class IndexEngine
{
    private readonly MethodologyParameters _parameters;
    private readonly GradeAssessor _assessor;
    private readonly IndexDefinition[] _subIndices;
    private readonly IndexDefinition _composite;
    private readonly int[][] _subIndexGrades;

    /// <summary>An engine continuing from <paramref name="state"/> (a new state starts at the base date).</summary>
    public IndexEngine(MethodologyParameters parameters, string methodologyVersion, IndexEngineState? state = null)
    {
        _parameters = parameters;
        MethodologyVersion = methodologyVersion;
        _assessor = new GradeAssessor(parameters);
        State = state ?? new IndexEngineState();
        _subIndices = [.. PlasticsPriceIndices.All.Where(i => i.Kind == IndexKind.Polymer)];
        _composite = PlasticsPriceIndices.All.Single(i => i.Kind == IndexKind.Composite);
        var gradeIndex = Grades.Select((g, i) => (g, i)).ToDictionary(p => p.g, p => p.i, StringComparer.Ordinal);
        _subIndexGrades = [.. _subIndices.Select(s => s.Constituents.Select(c => gradeIndex[c]).ToArray())];
        Schedule = new WindowSchedule(parameters.Windows, parameters.BaseDate);
    }

    /// <summary>Every grade assessed, in the order trades are grouped by.</summary>
    public static IReadOnlyList<string> Grades => PlasticsPriceIndices.Grades;

    /// <summary>The methodology version values cite.</summary>
    public string MethodologyVersion { get; }

    /// <summary>The windows.</summary>
    public WindowSchedule Schedule { get; }

    /// <summary>The state after the last window computed.</summary>
    public IndexEngineState State { get; }

    /// <summary>The index of a grade in <see cref="Grades"/>, or -1.</summary>
    public static int GradeIndex(string grade)
    {
        for (int i = 0; i < Grades.Count; i++)
        {
            if (string.Equals(Grades[i], grade, StringComparison.Ordinal))
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Computes the next window. Windows must come in order, each once.</summary>
    /// <param name="window">The window.</param>
    /// <param name="trades">Its trades by grade.</param>
    /// <param name="quotes">The quotes valid at its end, per grade; null for none.</param>
    /// <param name="judgments">Its judgments per grade; null for none.</param>
    /// <param name="listInputs">Whether to list every assessment's inputs (publication) or only compute (recomputation).</param>
    public WindowResult Step(AssessmentWindow window, WindowTrades trades, IReadOnlyList<QuoteInput>[]? quotes, JudgmentInput?[]? judgments, bool listInputs)
    {
        if (window.EndMs <= State.LastWindowEndMs)
        {
            throw new InvalidOperationException($"Window {window} is not after the last one computed.");
        }
        var previousPrices = new long?[Grades.Count];
        for (int g = 0; g < Grades.Count; g++)
        {
            previousPrices[g] = State.Grades.TryGetValue(Grades[g], out var p) ? p.PriceMinor : null;
        }

        bool reweight = State.BaseDone && window.Slot == 0 && State.LastWindowDate is { } lastDate && window.Date.Year > lastDate.Year;
        string? linkWindow = reweight ? LastWindowText() : null;
        if (reweight)
        {
            StartPeriods(window, previousPrices, linkWindow!, fromBase: false);
        }

        var prices = new long?[Grades.Count];
        var carried = new bool[Grades.Count];
        var assessments = listInputs ? new List<PriceAssessment>(Grades.Count) : null;
        for (int g = 0; g < Grades.Count; g++)
        {
            int from = trades.Start[g], to = trades.Start[g + 1];
            var gradeQuotes = quotes?[g] ?? [];
            var judgment = judgments?[g];
            if (assessments is not null)
            {
                var list = new ArraySegment<TradeInput>(trades.Details!, from, to - from);
                var previous = State.Grades.TryGetValue(Grades[g], out var last) ? (last.PriceMinor, last.Window) : ((long, string)?)null;
                var assessment = _assessor.Assess(Grades[g], window, list, gradeQuotes, judgment, previous);
                prices[g] = assessment?.PriceMinor;
                carried[g] = assessment?.Method == AssessmentMethod.CarriedForward;
                if (assessment is not null)
                {
                    assessments.Add(assessment);
                }
            }
            else
            {
                prices[g] = _assessor.Price(trades.Prices.AsSpan(from, to - from), trades.Quantities.AsSpan(from, to - from), gradeQuotes, judgment, previousPrices[g], out var method);
                carried[g] = method == AssessmentMethod.CarriedForward;
            }
            Int128 value = 0;
            for (int i = from; i < to; i++)
            {
                value += (Int128)trades.Prices[i] * trades.Quantities[i];
            }
            if (value != 0)
            {
                State.TradedValue[Grades[g]] = State.TradedValue.GetValueOrDefault(Grades[g]) + ((decimal)value / 1000m);
            }
        }

        string windowText = window.ToString();
        for (int g = 0; g < Grades.Count; g++)
        {
            if (prices[g] is { } price && !carried[g])
            {
                State.Grades[Grades[g]] = new GradePrice(price, windowText);
            }
        }

        bool startsHere = reweight;
        if (!State.BaseDone && window.Date == _parameters.BaseDate && window.IsLastOfDay)
        {
            StartPeriods(window, prices, windowText, fromBase: true);
            State.BaseDone = true;
            startsHere = true;
        }

        var values = State.BaseDone ? ComputeValues(window, prices, startsHere) : [];
        State.LastWindowEndMs = window.EndMs;
        State.LastWindowDate = window.Date;
        return new WindowResult(window, (IReadOnlyList<PriceAssessment>?)assessments ?? [], values);
    }

    private string LastWindowText()
    {
        var end = DateTimeOffset.FromUnixTimeMilliseconds(State.LastWindowEndMs).ToOffset(AssessmentWindow.ShanghaiOffset);
        return $"{end:yyyy-MM-dd HH:mm}";
    }

    private void StartPeriods(AssessmentWindow window, long?[] referencePrices, string linkWindow, bool fromBase)
    {
        var subReferences = new decimal?[_subIndices.Length];
        var subTraded = new decimal[_subIndices.Length];
        for (int s = 0; s < _subIndices.Length; s++)
        {
            var grades = _subIndexGrades[s];
            var traded = grades.Select(g => State.TradedValue.GetValueOrDefault(Grades[g])).ToArray();
            var eligible = grades.Select(g => referencePrices[g] is not null).ToArray();
            var weights = LaspeyresWeights.FromTradedValue(traded, eligible, _parameters.WeightCapPpm);
            var track = Track(_subIndices[s].Code);
            decimal link = fromBase || track.LastValue is null ? _parameters.BaseValue : track.LastValue.Value;
            if (weights.Any(w => w > 0))
            {
                track.Period = new IndexPeriod
                {
                    Start = window.ToString(),
                    LinkValue = link,
                    LinkWindow = linkWindow,
                    Constituents = [.. grades.Select((g, i) => new PeriodConstituent(Grades[g], weights[i], referencePrices[g], traded[i]))],
                };
                subReferences[s] = link;
                subTraded[s] = weights.Select((w, i) => w > 0 ? traded[i] : 0).Sum();
            }
        }

        var composite = Track(_composite.Code);
        var compositeWeights = LaspeyresWeights.FromTradedValue(subTraded, [.. subReferences.Select(r => r is not null)], _parameters.WeightCapPpm);
        if (compositeWeights.Any(w => w > 0))
        {
            composite.Period = new IndexPeriod
            {
                Start = window.ToString(),
                LinkValue = fromBase || composite.LastValue is null ? _parameters.BaseValue : composite.LastValue.Value,
                LinkWindow = linkWindow,
                Constituents = [.. _subIndices.Select((s, i) => new PeriodConstituent(s.Code, compositeWeights[i], subReferences[i], subTraded[i]))],
            };
        }
        State.TradedValue.Clear();
    }

    private List<ComputedIndexValue> ComputeValues(AssessmentWindow window, long?[] prices, bool startsHere)
    {
        var values = new List<ComputedIndexValue>(_subIndices.Length + 1);
        var subValues = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        for (int s = 0; s < _subIndices.Length; s++)
        {
            var track = Track(_subIndices[s].Code);
            var current = new Dictionary<string, decimal?>(StringComparer.Ordinal);
            foreach (int g in _subIndexGrades[s])
            {
                current[Grades[g]] = prices[g];
            }
            subValues[_subIndices[s].Code] = Compute(track, window, current, startsHere, values, _subIndices[s].Code);
        }
        Compute(Track(_composite.Code), window, subValues, startsHere, values, _composite.Code);
        return values;
    }

    private decimal? Compute(IndexTrack track, AssessmentWindow window, Dictionary<string, decimal?> current, bool startsHere, List<ComputedIndexValue> values, string code)
    {
        if (track.Period is not { } period)
        {
            return null;
        }
        var inputs = new IndexValueInputs
        {
            Code = code,
            Date = window.Date,
            Window = window.TimeText,
            Period = period,
            PeriodStartsHere = startsHere && period.Start == window.ToString(),
            Current = current,
        };
        decimal value = inputs.Compute();
        track.LastValue = value;
        values.Add(new ComputedIndexValue(code, value, inputs));
        return value;
    }

    private IndexTrack Track(string code)
    {
        if (!State.Indices.TryGetValue(code, out var track))
        {
            track = new IndexTrack();
            State.Indices[code] = track;
        }
        return track;
    }
}
