using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SmartTrade.Platform.Search.Lucene;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Benchmarks.Search;

/// <summary>
/// Warm search latency over the persistent benchmark index (<see cref="BenchmarkIndex"/>, 1,000,000 listings unless
/// <c>SMARTTRADE_BENCH_LISTINGS</c> says otherwise; built on first use, or beforehand with <c>search-index</c>).
/// Each iteration is one search (invocation count 1), so the percentile columns are percentiles of single searches.
/// </summary>
[Config(typeof(Config))]
public class CatalogSearchBenchmarks
{
    private LuceneCatalogSearch _search = null!;
    private SearchQuery _deepPage = null!;

    [GlobalSetup]
    public void Setup()
    {
        _search = BenchmarkIndex.OpenOrBuildAsync(BenchmarkIndex.CountFromEnvironment(), Console.Out).GetAwaiter().GetResult();
        _deepPage = SearchScenarios.DeepPageAsync(_search).GetAwaiter().GetResult().Query;
    }

    [GlobalCleanup]
    public void Cleanup() => _search.Dispose();

    [Benchmark(Description = "zh term + 3 facets")]
    public long ChineseTermThreeFacets() => Run(SearchScenarios.ChineseTerm.Query);

    [Benchmark(Description = "en term + 3 facets")]
    public long EnglishTerm() => Run(SearchScenarios.EnglishTerm.Query);

    [Benchmark(Description = "broad town + 3 facets")]
    public long BroadTerm() => Run(SearchScenarios.BroadTerm.Query);

    [Benchmark(Description = "filter + price sort")]
    public long FilterSortByPrice() => Run(SearchScenarios.FilterSortByPrice.Query);

    [Benchmark(Description = "cursor page 250")]
    public long DeepPageCursor() => Run(_deepPage);

    // The Lucene provider completes synchronously; waiting costs nothing measurable.
    private long Run(SearchQuery query) => _search.SearchAsync(query).GetAwaiter().GetResult().Total;

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.Default
                .WithWarmupCount(10)
                .WithIterationCount(200)
                .WithInvocationCount(1)
                .WithUnrollFactor(1));
            AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, new PercentileColumn(99));
            // One search per iteration is short by BenchmarkDotNet's standards; that is the point here.
            WithOptions(ConfigOptions.DisableOptimizationsValidator);
        }
    }

    /// <summary>A percentile BenchmarkDotNet has no ready column for (it has P0-P100 but not P99).</summary>
    private sealed class PercentileColumn(int percentile) : IColumn
    {
        public string Id => $"{nameof(PercentileColumn)}.P{percentile}";

        public string ColumnName => $"P{percentile}";

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Statistics;

        public int PriorityInCategory => 100 + percentile;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => $"Percentile {percentile} of the single-search times";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var statistics = summary[benchmarkCase]?.ResultStatistics;
            if (statistics is null)
            {
                return "NA";
            }

            // Searches take milliseconds: always shown in ms, whatever unit the other columns chose.
            var milliseconds = statistics.Percentiles.Percentile(percentile) / 1_000_000;
            return milliseconds.ToString("N3", summary.GetCultureInfo()) + " ms";
        }

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
