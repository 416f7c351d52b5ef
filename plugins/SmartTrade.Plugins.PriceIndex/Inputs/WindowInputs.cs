using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.PriceIndex.Assessment;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Data;

namespace SmartTrade.Plugins.PriceIndex.Inputs;

/// <summary>
/// The stored inputs of a run of consecutive windows, handed out window by window: the trades executed since the
/// previous window, the quotes firm at the window's end, and the judgments entered for it.
/// </summary>
public sealed class WindowInputs
{
    private readonly List<RecordedTrade> _trades;
    private readonly Dictionary<string, List<FirmQuote>> _quotes;
    private readonly List<AssessorJudgment> _judgments;
    private int _next;

    private WindowInputs(List<RecordedTrade> trades, List<FirmQuote> quotes, List<AssessorJudgment> judgments)
    {
        _trades = trades;
        _quotes = quotes.GroupBy(q => q.Grade, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        _judgments = judgments;
    }

    /// <summary>Loads what windows ending from <paramref name="firstEndMs"/> to <paramref name="lastEndMs"/> need.</summary>
    /// <param name="db">The plugin's tables.</param>
    /// <param name="afterMs">The previous window's end (trades after it count).</param>
    /// <param name="firstEndMs">The first window's end.</param>
    /// <param name="lastEndMs">The last window's end.</param>
    /// <param name="cancellationToken">Cancelled when the host stops.</param>
    public static async Task<WindowInputs> LoadAsync(PriceIndexDbContext db, long afterMs, long firstEndMs, long lastEndMs, CancellationToken cancellationToken)
    {
        var trades = await db.Trades.AsNoTracking()
            .Where(t => t.ExecutedAtMs > afterMs && t.ExecutedAtMs <= lastEndMs)
            .OrderBy(t => t.ExecutedAtMs).ThenBy(t => t.TradeId)
            .ToListAsync(cancellationToken);
        var quotes = await db.Quotes.AsNoTracking()
            .Where(q => q.ValidUntilMs > firstEndMs && q.SubmittedAtMs <= lastEndMs)
            .ToListAsync(cancellationToken);
        var judgments = await db.Judgments.AsNoTracking()
            .Where(j => j.WindowEndMs >= firstEndMs && j.WindowEndMs <= lastEndMs)
            .ToListAsync(cancellationToken);
        return new WindowInputs(trades, quotes, judgments);
    }

    /// <summary>The trades up to and including <paramref name="endMs"/> not handed out yet, by grade. Call in window order.</summary>
    public WindowTrades TradesUpTo(long endMs)
    {
        var window = new List<(int, TradeInput)>();
        for (; _next < _trades.Count && _trades[_next].ExecutedAtMs <= endMs; _next++)
        {
            var trade = _trades[_next];
            int grade = IndexEngine.GradeIndex(trade.Grade);
            if (grade >= 0)
            {
                window.Add((grade, new TradeInput(trade.TradeId, trade.PriceMinor, trade.QuantityKg, Instant(trade.ExecutedAtMs))));
            }
        }
        return WindowTrades.Group(window, IndexEngine.Grades.Count);
    }

    /// <summary>Each grade's quotes firm at <paramref name="endMs"/> (submitted at or before it, valid after it).</summary>
    public IReadOnlyList<QuoteInput>[] QuotesAt(long endMs)
    {
        var result = new IReadOnlyList<QuoteInput>[IndexEngine.Grades.Count];
        for (int g = 0; g < result.Length; g++)
        {
            result[g] = _quotes.TryGetValue(IndexEngine.Grades[g], out var quotes)
                ? [.. quotes.Where(q => q.SubmittedAtMs <= endMs && q.ValidUntilMs > endMs).Select(ToInput)]
                : [];
        }
        return result;
    }

    /// <summary>Each grade's judgment for the window ending at <paramref name="endMs"/>: the latest entered, or null.</summary>
    public JudgmentInput?[] JudgmentsFor(long endMs)
    {
        var result = new JudgmentInput?[IndexEngine.Grades.Count];
        foreach (var judgment in _judgments.Where(j => j.WindowEndMs == endMs).OrderBy(j => j.EnteredAtMs).ThenBy(j => j.Id))
        {
            int grade = IndexEngine.GradeIndex(judgment.Grade);
            if (grade >= 0)
            {
                result[grade] = new JudgmentInput(judgment.Id, judgment.AssessorId, judgment.PriceMinor, judgment.Reason, Instant(judgment.EnteredAtMs));
            }
        }
        return result;
    }

    /// <summary>A stored quote as an input.</summary>
    public static QuoteInput ToInput(FirmQuote quote) => new(
        quote.Id, quote.SubmitterId, quote.SubmitterName, Enum.Parse<QuoteSide>(quote.Side), quote.PriceMinor, quote.QuantityKg,
        Instant(quote.SubmittedAtMs), Instant(quote.ValidUntilMs));

    /// <summary>Unix ms as Shanghai time.</summary>
    public static DateTimeOffset Instant(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(AssessmentWindow.ShanghaiOffset);
}
