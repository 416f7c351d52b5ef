using System.Diagnostics;
using SmartTrade.Benchmarks.Trading;
using SmartTrade.Plugins.PriceIndex.Computation;
using SmartTrade.Plugins.PriceIndex.Methodology;

namespace SmartTrade.Benchmarks.PriceIndex;

/// <summary>
/// <c>index-recompute [--trades N] [--runs N]</c>: recomputes a year of every 中塑 index (every grade's assessment per
/// window, the five sub-indices and the composite, with the base window and a chain-linked re-weighting at the year
/// end) from N synthetic receipt trades (default 10,000,000) held in memory in execution order, as the publisher's
/// engine does it. Timed: grouping the trades by window and grade, and every window's computation. Prints the best and
/// median of the runs.
/// </summary>
internal static class IndexRecompute
{
    private static readonly DateOnly Base = new(2025, 12, 1);
    private static readonly DateOnly End = new(2026, 11, 30);

    public static int Run(string[] args)
    {
        int count = (int)EngineLatency.Option(args, "--trades", 10_000_000);
        int runs = (int)EngineLatency.Option(args, "--runs", 5);
        var parameters = new MethodologyParameters { BaseDate = Base };
        var schedule = new WindowSchedule(parameters.Windows, Base);
        var windows = schedule.Between(long.MinValue, new DateTimeOffset(End.ToDateTime(new TimeOnly(23, 0)), AssessmentWindow.ShanghaiOffset).ToUnixTimeMilliseconds()).ToArray();
        var trades = Generate(count, windows);
        Console.WriteLine($"{count:N0} trades over {windows.Length} windows ({windows[0]} to {windows[^1]}), {IndexEngine.Grades.Count} grades, {Environment.ProcessorCount} cores");

        var times = new List<double>();
        var cpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (int run = 0; run < runs + 1; run++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            decimal last = Recompute(parameters, windows, trades);
            double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            process.Refresh();
            double cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            if (run > 0)
            {
                times.Add(seconds);
                cpu.Add(cpuSeconds);
            }
            Console.WriteLine($"run {run}{(run == 0 ? " (warm-up)" : "")}: {seconds:F3} s wall, {cpuSeconds:F3} s CPU, last ZSPI {last}");
        }
        times.Sort();
        cpu.Sort();
        Console.WriteLine($"index-recompute: {count:N0} trades, wall best {times[0]:F3} s / median {times[times.Count / 2]:F3} s, CPU median {cpu[cpu.Count / 2]:F3} s ({count / times[times.Count / 2] / 1e6:F1} million trades/s)");
        return 0;
    }

    /// <summary>The whole year: group by window and grade (one pass and a counting sort), then step the engine window by window.</summary>
    private static decimal Recompute(MethodologyParameters parameters, AssessmentWindow[] windows, SyntheticTrades trades)
    {
        int grades = IndexEngine.Grades.Count;
        var prices = new long[trades.Count];
        var quantities = new long[trades.Count];
        var engine = new IndexEngine(parameters, "bench");
        var counts = new int[grades + 1];
        int next = 0;
        decimal composite = 0;
        foreach (var window in windows)
        {
            long end = window.EndMs;
            int from = next;
            while (next < trades.Count && trades.ExecutedAtMs[next] <= end)
            {
                next++;
            }
            Array.Clear(counts);
            for (int i = from; i < next; i++)
            {
                counts[trades.Grade[i] + 1]++;
            }
            var start = new int[grades + 1];
            start[0] = from;
            for (int g = 0; g < grades; g++)
            {
                start[g + 1] = start[g] + counts[g + 1];
            }
            Array.Copy(start, counts, grades);
            for (int i = from; i < next; i++)
            {
                int at = counts[trades.Grade[i]]++;
                prices[at] = trades.PriceMinor[i];
                quantities[at] = trades.QuantityKg[i];
            }
            var result = engine.Step(window, new WindowTrades(start, prices, quantities, null), null, null, listInputs: false);
            foreach (var value in result.Values)
            {
                if (value.Code == "ZSPI")
                {
                    composite = value.Value;
                }
            }
        }
        return composite;
    }

    private sealed class SyntheticTrades(int count)
    {
        public int Count { get; } = count;

        public byte[] Grade { get; } = new byte[count];

        public long[] PriceMinor { get; } = new long[count];

        public long[] QuantityKg { get; } = new long[count];

        public long[] ExecutedAtMs { get; } = new long[count];
    }

    // Trades spread evenly over the windows, in execution order; each grade's price a random walk, a few fat fingers.
    private static SyntheticTrades Generate(int count, AssessmentWindow[] windows)
    {
        var random = new Random(20261129);
        var trades = new SyntheticTrades(count);
        int grades = IndexEngine.Grades.Count;
        var fair = Enumerable.Range(0, grades).Select(g => 5_000.0 + (g * 600)).ToArray();
        int perWindow = count / windows.Length;
        int i = 0;
        for (int w = 0; w < windows.Length && i < count; w++)
        {
            for (int g = 0; g < grades; g++)
            {
                fair[g] *= 1 + ((random.NextDouble() - 0.5) * 0.01);
            }
            int n = w == windows.Length - 1 ? count - i : perWindow;
            long end = windows[w].EndMs;
            long span = (long)TimeSpan.FromMinutes(60).TotalMilliseconds;
            for (int k = 0; k < n; k++, i++)
            {
                int g = random.Next(grades);
                double price = fair[g] * (1 + ((random.NextDouble() - 0.5) * 0.008));
                if (random.Next(500) == 0)
                {
                    price *= 1.1;
                }
                trades.Grade[i] = (byte)g;
                trades.PriceMinor[i] = (long)Math.Round(price) * 100;
                trades.QuantityKg[i] = random.Next(1, 41) * 1_000L;
                trades.ExecutedAtMs[i] = end - span + (span * (k + 1) / (n + 1));
            }
        }
        return trades;
    }
}
