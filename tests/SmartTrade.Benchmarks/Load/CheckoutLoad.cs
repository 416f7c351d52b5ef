using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SmartTrade.Benchmarks.Measurement;

namespace SmartTrade.Benchmarks.Load;

/// <summary>
/// <c>load --url http://127.0.0.1:5080 [--data-dir DIR] [--buyers 32] [--duration 30] [--warmup 5] [--listings 20]</c>:
/// checkout and pay under concurrent load through the HTTP API of a running host. It registers a merchant and the
/// buyers through the storefront's form, lists kettles with plenty of stock, then every buyer loops
/// set cart line -> checkout -> pay (Sandbox test card) for the duration (after a warm-up whose loops are not
/// counted), and prints paid orders per second, loop latency p50/p95/p99 (and per step) and errors. With
/// <c>--data-dir</c> (the host's <c>SmartTrade:DataDirectory</c>) it also reads the host's outbox (read-only): its
/// backlog during the run and how long after the last order it took to drain, i.e. how far the search index and the
/// event handlers fell behind.
/// </summary>
public static class CheckoutLoad
{
    private static readonly string[] Steps = ["cart", "checkout", "pay"];

    public static async Task<int> RunAsync(ToolArguments args)
    {
        var url = new Uri(args.Value("--url") ?? throw new ArgumentException("--url is required, e.g. --url http://127.0.0.1:5080"));
        var dataDirectory = args.Value("--data-dir");
        var buyers = args.Int("--buyers", 32);
        var duration = TimeSpan.FromSeconds(args.Int("--duration", 30));
        var warmup = TimeSpan.FromSeconds(args.Int("--warmup", 5));
        var listingCount = args.Int("--listings", 20);
        var database = dataDirectory is null ? null : Path.Combine(Path.GetFullPath(dataDirectory), "smarttrade.db");
        if (database is not null && !File.Exists(database))
        {
            throw new ArgumentException($"No host database at {database}; --data-dir is the host's SmartTrade:DataDirectory.");
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var ct = cancel.Token;
        var run = DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Random.Shared.Next(1000).ToString("000", CultureInfo.InvariantCulture);
        using var connections = new SocketsHttpHandler { MaxConnectionsPerServer = buyers + 4, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };

        Console.WriteLine($"Preparing against {url}: 1 merchant, {listingCount} listings, {buyers} buyers (run {run})");
        var merchantToken = await HostApi.RegisterAsync(url, $"load-merchant-{run}@load.test", $"压测商家 {run}", "Merchant", ct);
        using var merchant = HostApi.ApiClient(connections, url, merchantToken);
        var listings = new Guid[listingCount];
        for (var i = 0; i < listingCount; i++)
        {
            listings[i] = await HostApi.ListKettleAsync(merchant, i + 1, stock: 100_000_000, ct);
        }

        var tokens = new string[buyers];
        await Parallel.ForAsync(0, buyers, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, token) =>
            tokens[i] = await HostApi.RegisterAsync(url, $"load-buyer-{run}-{i:000}@load.test", $"压测买家 {i}", "Buyer", token));
        var clients = tokens.Select(t => HostApi.ApiClient(connections, url, t)).ToArray();
        var outbox = database is null ? null : new OutboxWatch(database);
        var processedBefore = outbox?.Processed() ?? 0;

        Console.WriteLine($"Running {buyers} buyers for {warmup.TotalSeconds:0} s warm-up + {duration.TotalSeconds:0} s, load average {LoadAverage()}");
        var recorder = new Recorder();
        var clock = Stopwatch.StartNew();
        var measuring = false;
        var measureStart = TimeSpan.Zero;
        var end = warmup + duration;
        var sampler = outbox is null ? Task.CompletedTask : Task.Run(async () =>
        {
            while (clock.Elapsed < end && !ct.IsCancellationRequested)
            {
                outbox.Sample();
                await Task.Delay(1_000, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }, ct);
        var loops = clients.Select((client, i) => Task.Run(async () =>
        {
            var n = i;
            while (clock.Elapsed < end && !ct.IsCancellationRequested)
            {
                var listing = listings[n++ % listings.Length];
                var counted = Volatile.Read(ref measuring);
                var loopStart = Stopwatch.GetTimestamp();
                var stepStart = loopStart;
                var step = 0;
                try
                {
                    await HostApi.SetCartLineAsync(client, listing, 1, ct);
                    var afterCart = Stopwatch.GetTimestamp();
                    step = 1;
                    var order = await HostApi.CheckoutAsync(client, ct);
                    var afterCheckout = Stopwatch.GetTimestamp();
                    step = 2;
                    await HostApi.PayAsync(client, order, ct);
                    var done = Stopwatch.GetTimestamp();
                    if (counted)
                    {
                        recorder.Success(done - loopStart, [afterCart - stepStart, afterCheckout - afterCart, done - afterCheckout]);
                    }
                }
                catch (Exception ex) when (ex is StepFailedException or HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    if (counted)
                    {
                        recorder.Failure(ex is StepFailedException failed ? $"{failed.Step} {failed.Status}" : $"{Steps[step]} {ex.GetType().Name}");
                    }
                }
            }
        }, ct)).ToArray();

        await Task.Delay(warmup, ct);
        measureStart = clock.Elapsed;
        Volatile.Write(ref measuring, true);
        await Task.WhenAll(loops);
        var measured = clock.Elapsed - measureStart;
        await sampler;
        var lastOrderAt = Stopwatch.GetTimestamp();

        recorder.Print(measured, buyers);
        if (outbox is not null)
        {
            var drain = Stopwatch.StartNew();
            while (outbox.Backlog() > 0 && drain.Elapsed < TimeSpan.FromMinutes(5))
            {
                await Task.Delay(100, CancellationToken.None);
            }

            var processed = outbox.Processed() - processedBefore;
            Console.WriteLine($"outbox: {processed:N0} messages handled since the start of the run; backlog during the run max {outbox.MaxBacklog:N0}, mean {outbox.MeanBacklog:N0}; " +
                              $"empty {Stopwatch.GetElapsedTime(lastOrderAt).TotalSeconds:0.0} s after the last order");
        }

        Console.WriteLine($"load average {LoadAverage()}");
        foreach (var client in clients)
        {
            client.Dispose();
        }

        return 0;
    }

    /// <summary>The machine's 1, 5 and 15 minute load averages (Linux), for the figures' context.</summary>
    internal static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);
        }
        catch (IOException)
        {
            return "n/a";
        }
    }

    /// <summary>Loop and step latencies of the counted loops, and failures by step and status.</summary>
    private sealed class Recorder
    {
        private readonly ConcurrentQueue<(long Loop, long[] Steps)> _successes = new();
        private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);

        public void Success(long loopTicks, long[] stepTicks) => _successes.Enqueue((loopTicks, stepTicks));

        public void Failure(string what) => _failures.AddOrUpdate(what, 1, (_, n) => n + 1);

        public void Print(TimeSpan measured, int buyers)
        {
            var successes = _successes.ToArray();
            var loop = LatencySummary.FromStopwatchTicks(successes.Select(s => s.Loop).ToArray());
            var failures = _failures.Values.Sum();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"buyers {buyers}: {successes.Length:N0} orders paid in {measured.TotalSeconds:0.0} s = {successes.Length / measured.TotalSeconds:N1} orders/s; errors {failures}"));
            Console.WriteLine($"{"",-10} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"mean ms",8}");
            Print("loop", loop);
            for (var s = 0; s < Steps.Length; s++)
            {
                Print(Steps[s], LatencySummary.FromStopwatchTicks(successes.Select(x => x.Steps[s]).ToArray()));
            }

            foreach (var (what, count) in _failures.OrderByDescending(f => f.Value))
            {
                Console.WriteLine($"  error {what}: {count}");
            }
        }

        private static void Print(string name, LatencySummary summary)
            => Console.WriteLine($"{name,-10} {LatencySummary.Ms(summary.P50),8} {LatencySummary.Ms(summary.P95),8} {LatencySummary.Ms(summary.P99),8} {LatencySummary.Ms(summary.Max),8} {LatencySummary.Ms(summary.Mean),8}");
    }

    /// <summary>Reads the host's outbox table read-only (once a second during the run: a short shared lock).</summary>
    private sealed class OutboxWatch(string database)
    {
        private readonly string _connection = new SqliteConnectionStringBuilder { DataSource = database, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        private long _samples;
        private long _sum;

        public long MaxBacklog { get; private set; }

        public double MeanBacklog => _samples == 0 ? 0 : _sum / (double)_samples;

        public void Sample()
        {
            var backlog = Backlog();
            MaxBacklog = Math.Max(MaxBacklog, backlog);
            _sum += backlog;
            _samples++;
        }

        public long Backlog() => Count("SELECT COUNT(*) FROM platform_outbox WHERE ProcessedAt IS NULL");

        public long Processed() => Count("SELECT COUNT(*) FROM platform_outbox WHERE ProcessedAt IS NOT NULL");

        private long Count(string sql)
        {
            using var connection = new SqliteConnection(_connection);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 30;
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }
}
