using System.Globalization;

namespace SmartTrade.Benchmarks.Measurement;

/// <summary>Mean and nearest-rank percentiles of a set of durations.</summary>
public sealed record LatencySummary(int Count, TimeSpan Mean, TimeSpan P50, TimeSpan P95, TimeSpan P99, TimeSpan Max)
{
    /// <summary>Summarises durations given in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    /// <param name="ticks">The measured durations; sorted in place.</param>
    public static LatencySummary FromStopwatchTicks(long[] ticks)
    {
        if (ticks.Length == 0)
        {
            return new LatencySummary(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
        }

        Array.Sort(ticks);
        var total = 0d;
        foreach (var t in ticks)
        {
            total += t;
        }

        return new LatencySummary(
            ticks.Length,
            ToTimeSpan(total / ticks.Length),
            ToTimeSpan(Percentile(ticks, 50)),
            ToTimeSpan(Percentile(ticks, 95)),
            ToTimeSpan(Percentile(ticks, 99)),
            ToTimeSpan(ticks[^1]));
    }

    /// <summary>The nearest-rank percentile of sorted values: the smallest value with at least p% of values at or below it.</summary>
    public static long Percentile(long[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    /// <summary>Milliseconds with two decimals, for tables.</summary>
    public static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static TimeSpan ToTimeSpan(double stopwatchTicks) => TimeSpan.FromSeconds(stopwatchTicks / System.Diagnostics.Stopwatch.Frequency);
}
