using System.Diagnostics;
using System.Globalization;
using SmartTrade.Benchmarks.Measurement;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Benchmarks.Search;

/// <summary>
/// <c>search-index [--listings N] [--rebuild]</c>: builds the benchmark index (or shows the one already built) and
/// prints build rate and size. <c>search-latency [--listings N] [--runs N] [--warmup N]</c>: runs each scenario N times
/// in a row on a warm index, without BenchmarkDotNet, and prints mean, p50, p95, p99 and allocation per search.
/// </summary>
public static class SearchCommands
{
    public static async Task<int> IndexAsync(ToolArguments args)
    {
        var count = args.Int("--listings", BenchmarkIndex.CountFromEnvironment());
        var report = args.Flag("--rebuild") ? null : BenchmarkIndex.Existing(count);
        if (report is null)
        {
            report = await BenchmarkIndex.BuildAsync(count, Console.Out);
        }
        else
        {
            Console.WriteLine($"Index already built in {BenchmarkIndex.PathFor(count)} (--rebuild to build it again):");
        }

        report.Print(Console.Out);
        return 0;
    }

    public static async Task<int> LatencyAsync(ToolArguments args)
    {
        var count = args.Int("--listings", BenchmarkIndex.CountFromEnvironment());
        var runs = args.Int("--runs", 500);
        var warmup = args.Int("--warmup", 50);
        await using var search = await BenchmarkIndex.OpenOrBuildAsync(count, Console.Out);
        var only = args.Value("--only");
        var scenarios = (await SearchScenarios.AllAsync(search))
            .Where(s => only is null || s.Name.Contains(only, StringComparison.OrdinalIgnoreCase))
            .ToList();
        Console.WriteLine($"{count:N0} listings, {runs} runs per search after {warmup} warm-up runs, load average {BenchmarkIndex.LoadAverage()}");
        Console.WriteLine($"{"search",-24} {"hits",9} {"mean ms",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"cpu ms",8} {"alloc KiB",10}");
        foreach (var scenario in scenarios)
        {
            var m = await MeasureAsync(search, scenario.Query, runs, warmup);
            var s = m.Summary;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{scenario.Name,-24} {m.Total,9:N0} {LatencySummary.Ms(s.Mean),8} {LatencySummary.Ms(s.P50),8} {LatencySummary.Ms(s.P95),8} {LatencySummary.Ms(s.P99),8} {LatencySummary.Ms(s.Max),8} {LatencySummary.Ms(m.CpuPerSearch),8} {m.AllocatedPerSearch / 1024.0,10:N1}"));
        }

        Console.WriteLine("(mean/p50/p95/p99/max: wall time per search; cpu: the searching thread's CPU time per search, which other load hardly moves)");

        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"working set {process.WorkingSet64 / 1024 / 1024:N0} MiB, GC heap {GC.GetTotalMemory(false) / 1024 / 1024:N0} MiB, load average {BenchmarkIndex.LoadAverage()}");
        return 0;
    }

    /// <summary>Times <paramref name="runs"/> searches one after another: latencies, hits, CPU time and bytes allocated per search.</summary>
    public static async Task<(LatencySummary Summary, long Total, TimeSpan CpuPerSearch, double AllocatedPerSearch)> MeasureAsync(ICatalogSearch search, SearchQuery query, int runs, int warmup)
    {
        long total = 0;
        for (var i = 0; i < warmup; i++)
        {
            total = (await search.SearchAsync(query)).Total;
        }

        var ticks = new long[runs];
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = ThreadCpuTime.Now();
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await search.SearchAsync(query);
            ticks[i] = Stopwatch.GetTimestamp() - started;
        }

        // The Lucene provider completes synchronously, so every search ran on this thread.
        var cpu = (ThreadCpuTime.Now() - cpuBefore) / Math.Max(runs, 1);
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)Math.Max(runs, 1);
        return (LatencySummary.FromStopwatchTicks(ticks), total, cpu, allocated);
    }
}
