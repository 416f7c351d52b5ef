using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.PriceIndex.Assessment;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Methodology;
using SmartTrade.Plugins.PriceIndex.Publication;
using static SmartTrade.Plugins.PriceIndex.Tests.Publication.IndexDatabase;

namespace SmartTrade.Plugins.PriceIndex.Tests.Publication;

/// <summary>
/// The demo year, published by the real publisher on a real database, recomputed from nothing but what each published
/// value lists, with arithmetic written here independently of the plugin's.
/// </summary>
public sealed class RecomputationTests
{
    [Fact]
    public async Task Every_published_value_of_the_demo_year_equals_what_its_listed_inputs_give()
    {
        await using var db = await CreateAsync(Shanghai(2026, 11, 27, 16, 0));
        await db.SeedDemoAsync();
        var assessments = await db.ReadAsync(d => d.Assessments.AsNoTracking().ToListAsync());
        var values = await db.ReadAsync(d => d.IndexValues.AsNoTracking().ToListAsync());
        var grades = assessments.ToLookup(a => (a.Grade, a.WindowEndMs));
        var indices = values.ToLookup(v => (v.IndexCode, v.WindowEndMs));

        foreach (var record in assessments)
        {
            var assessment = JsonSerializer.Deserialize<PriceAssessment>(record.InputsJson, MethodologyBook.Json)!;
            long expected = assessment.Method switch
            {
                AssessmentMethod.Vwap => Vwap(assessment.Trades),
                AssessmentMethod.QuoteMedian => Median(assessment.Quotes.Select(q => q.PriceMinor)),
                AssessmentMethod.Judgment => assessment.Judgment!.PriceMinor,
                _ => grades[(record.Grade, WindowMs(assessment.CarriedFrom!))].First(a => a.Method != nameof(AssessmentMethod.CarriedForward)).PriceMinor,
            };
            Assert.Equal(expected, record.PriceMinor);
            AssertOutliersFollowTheRule(assessment);
        }

        foreach (var record in values)
        {
            var inputs = JsonSerializer.Deserialize<IndexValueInputs>(record.InputsJson, MethodologyBook.Json)!;
            decimal sum = inputs.Period.Constituents.Where(c => c.WeightPpm > 0)
                .Sum(c => c.WeightPpm * inputs.Current[c.Code]!.Value / c.Reference!.Value);
            Assert.Equal(Math.Round(inputs.Period.LinkValue * sum / 1_000_000m, 2, MidpointRounding.AwayFromZero), record.Value);
            foreach (var (code, current) in inputs.Current)
            {
                // What the value used is what was published for that constituent at that window, at that time.
                decimal? published = code.StartsWith("ZSPI", StringComparison.Ordinal)
                    ? indices[(code, record.WindowEndMs)].Where(v => v.PublishedAtMs <= record.PublishedAtMs).MaxBy(v => v.Version)?.Value
                    : grades[(code, record.WindowEndMs)].Where(a => a.PublishedAtMs <= record.PublishedAtMs).MaxBy(a => a.Version)?.PriceMinor;
                Assert.Equal(published, current);
            }
        }

        // A year of history, every input kind used, outliers excluded, and a correction.
        Assert.True(values.Count(v => v.IndexCode == "ZSPI") >= 2 * 240);
        Assert.Equal(Enum.GetNames<AssessmentMethod>().Order(), assessments.Select(a => a.Method).Distinct().Order());
        Assert.Contains(assessments, a => a.InputsJson.Contains("\"excludedTrades\":[{", StringComparison.Ordinal));
        Assert.Contains(values, v => v.Version == 2 && v.CorrectionReason is not null);
    }

    [Fact]
    public async Task Seeding_the_demo_twice_adds_nothing()
    {
        await using var db = await CreateAsync(Shanghai(2026, 1, 30, 16, 0));
        await db.SeedDemoAsync();
        var counts = await CountsAsync(db);

        await db.SeedDemoAsync();

        Assert.Equal(counts, await CountsAsync(db));
        Assert.True(counts.Values > 0);
    }

    private static async Task<(int Trades, int Quotes, int Values)> CountsAsync(IndexDatabase db)
        => (await db.ReadAsync(d => d.Trades.CountAsync()), await db.ReadAsync(d => d.Quotes.CountAsync()), await db.ReadAsync(d => d.IndexValues.CountAsync()));

    private static long Vwap(IReadOnlyList<TradeInput> trades)
        => (long)Math.Round(trades.Sum(t => (decimal)t.PriceMinor * t.QuantityKg) / trades.Sum(t => t.QuantityKg), 0, MidpointRounding.AwayFromZero);

    private static long Median(IEnumerable<long> prices)
    {
        var sorted = prices.Order().ToList();
        decimal median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2m;
        return (long)Math.Round(median, 0, MidpointRounding.AwayFromZero);
    }

    // Every excluded trade is further than 3 x MAD from the median of all the window's trades; every kept one is not.
    private static void AssertOutliersFollowTheRule(PriceAssessment assessment)
    {
        var all = assessment.Trades.Select(t => (decimal)t.PriceMinor).Concat(assessment.ExcludedTrades.Select(e => (decimal)e.PriceMinor)).ToList();
        if (all.Count < 3)
        {
            Assert.Empty(assessment.ExcludedTrades);
            return;
        }
        decimal median = MedianOf(all);
        decimal mad = MedianOf(all.Select(p => Math.Abs(p - median)).ToList());
        Assert.All(assessment.ExcludedTrades, e => Assert.True(mad > 0 && Math.Abs(e.PriceMinor - median) > 3 * mad));
        Assert.All(assessment.Trades, t => Assert.False(mad > 0 && Math.Abs(t.PriceMinor - median) > 3 * mad));
    }

    private static decimal MedianOf(List<decimal> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static long WindowMs(string window)
        => new DateTimeOffset(DateTime.ParseExact(window, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), AssessmentWindow.ShanghaiOffset).ToUnixTimeMilliseconds();
}
