using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lucene.Net.Index;
using Lucene.Net.Store;
using SmartTrade.Platform.Search.Lucene;
using SmartTrade.Sdk.Catalog;

namespace SmartTrade.Benchmarks.Search;

/// <summary>
/// The persistent Lucene index the search benchmarks read: <see cref="SyntheticCatalog"/> listings 0..count-1 written
/// once through <see cref="LuceneCatalogSearch.IndexAsync"/> (the host's own indexing path, in batches like the admin
/// reindex) into <c>$SMARTTRADE_BENCH_DIR/lucene-{count}</c> (default <c>~/.cache/smarttrade-benchmarks</c>) and
/// reused by later runs. A <c>catalog.json</c> written after a complete build records what the folder holds; a folder
/// without it, or made by another generator revision, is built again.
/// </summary>
public static class BenchmarkIndex
{
    /// <summary>The catalogue size the benchmarks use unless told otherwise.</summary>
    public const int DefaultCount = 1_000_000;

    private const int BatchSize = 5_000;
    private const string ManifestName = "catalog.json";

    /// <summary>The number of listings from <c>SMARTTRADE_BENCH_LISTINGS</c>, or <see cref="DefaultCount"/>.</summary>
    public static int CountFromEnvironment()
        => int.TryParse(Environment.GetEnvironmentVariable("SMARTTRADE_BENCH_LISTINGS"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : DefaultCount;

    /// <summary>The folder holding the index of <paramref name="count"/> listings.</summary>
    public static string PathFor(int count)
    {
        var root = Environment.GetEnvironmentVariable("SMARTTRADE_BENCH_DIR");
        if (string.IsNullOrWhiteSpace(root))
        {
            root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "smarttrade-benchmarks");
        }

        return Path.Combine(Path.GetFullPath(root), $"lucene-{count}");
    }

    /// <summary>What a completed build wrote, or <see langword="null"/> when the folder has no usable index.</summary>
    public static BuildReport? Existing(int count)
    {
        var manifest = Path.Combine(PathFor(count), ManifestName);
        if (!File.Exists(manifest))
        {
            return null;
        }

        var report = JsonSerializer.Deserialize<BuildReport>(File.ReadAllText(manifest));
        return report is { Revision: SyntheticCatalog.Revision } && report.Listings == count ? report : null;
    }

    /// <summary>Opens the index with the four markets' schemas, as the host would.</summary>
    public static LuceneCatalogSearch Open(int count)
        => new(new LuceneSearchOptions { IndexDirectory = PathFor(count) }, new FixedMarketSchemas([.. SyntheticCatalog.Markets]));

    /// <summary>Opens the index, building it first when it is missing or stale.</summary>
    public static async Task<LuceneCatalogSearch> OpenOrBuildAsync(int count, TextWriter log)
    {
        if (Existing(count) is null)
        {
            await BuildAsync(count, log);
        }

        return Open(count);
    }

    /// <summary>Builds the index from scratch, printing progress, and returns the figures.</summary>
    public static async Task<BuildReport> BuildAsync(int count, TextWriter log)
    {
        var path = PathFor(count);
        if (System.IO.Directory.Exists(path))
        {
            System.IO.Directory.Delete(path, recursive: true);
        }

        log.WriteLine($"Building {count:N0} listings into {path}");
        var total = Stopwatch.StartNew();
        var generating = TimeSpan.Zero;
        var lastReport = TimeSpan.Zero;
        await using (var search = Open(count))
        {
            var batch = new Listing[BatchSize];
            for (var start = 0; start < count; start += BatchSize)
            {
                var size = Math.Min(BatchSize, count - start);
                var made = Stopwatch.StartNew();
                Parallel.For(0, size, i => batch[i] = SyntheticCatalog.Listing(start + i));
                generating += made.Elapsed;
                await search.IndexAsync(size == BatchSize ? batch : batch[..size]);
                if (total.Elapsed - lastReport >= TimeSpan.FromSeconds(15) || start + size == count)
                {
                    lastReport = total.Elapsed;
                    var done = start + size;
                    log.WriteLine($"  {done,10:N0} listings  {done / total.Elapsed.TotalSeconds,8:N0}/s  {total.Elapsed:hh\\:mm\\:ss}");
                }
            }
        }

        var elapsed = total.Elapsed;
        var report = new BuildReport
        {
            Revision = SyntheticCatalog.Revision,
            Listings = count,
            Seconds = Math.Round(elapsed.TotalSeconds, 1),
            ListingsPerSecond = Math.Round(count / (elapsed - generating).TotalSeconds),
            GeneratorSeconds = Math.Round(generating.TotalSeconds, 1),
            IndexBytes = SizeOf(path),
            Segments = Segments(path),
            BuiltAt = DateTimeOffset.UtcNow,
            Machine = $"{Environment.ProcessorCount} cores, load average {LoadAverage()}",
        };
        File.WriteAllText(Path.Combine(path, ManifestName), JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        return report;
    }

    /// <summary>The bytes of the index files (everything in the folder but the manifest).</summary>
    public static long SizeOf(string path)
        => new DirectoryInfo(path).EnumerateFiles().Where(f => f.Name != ManifestName).Sum(f => f.Length);

    /// <summary>The number of segments of the last commit.</summary>
    public static int Segments(string path)
    {
        using var directory = FSDirectory.Open(path);
        using var reader = DirectoryReader.Open(directory);
        return reader.Leaves.Count;
    }

    /// <summary>The 1-minute load average (Linux), or "n/a".</summary>
    public static string LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}

/// <summary>The figures of one index build, kept beside the index.</summary>
public sealed record BuildReport
{
    public int Revision { get; init; }

    public int Listings { get; init; }

    /// <summary>Wall time of the whole build, generation included.</summary>
    public double Seconds { get; init; }

    /// <summary>Listings indexed per second, generation time left out.</summary>
    public double ListingsPerSecond { get; init; }

    public double GeneratorSeconds { get; init; }

    public long IndexBytes { get; init; }

    public int Segments { get; init; }

    public DateTimeOffset BuiltAt { get; init; }

    public string Machine { get; init; } = "";

    public void Print(TextWriter log)
    {
        log.WriteLine($"listings:        {Listings:N0}");
        log.WriteLine($"build time:      {Seconds:N1} s (generator {GeneratorSeconds:N1} s)");
        log.WriteLine($"build rate:      {ListingsPerSecond:N0} listings/s");
        log.WriteLine($"index size:      {IndexBytes / 1024.0 / 1024.0:N1} MiB ({IndexBytes / (double)Listings:N0} bytes/listing), {Segments} segments");
        log.WriteLine($"built:           {BuiltAt:u} on {Machine}");
    }
}
