using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SmartTrade.Benchmarks.Measurement;

namespace SmartTrade.Benchmarks.Load;

/// <summary>
/// <c>exchange-load --url http://127.0.0.1:5080 [--url http://127.0.0.1:5081 ...] [--password Demo123!] [--clients 256] [--duration 20] [--warmup 5] [--instrument PP-T30S] [--batch N]</c>:
/// durable order entry through the HTTP API of running hosts in Development (demo traders). Several <c>--url</c>s are
/// hosts of one exchange cluster (PostgreSQL and Redis): the clients are spread over them evenly, so the followers
/// forward their orders to the owner. Each client loops
/// place a one-lot GTC buy below the market (risk check, cash frozen, journaled with group commit, acknowledged once
/// durable) then cancel it (journaled too), over as many keep-alive connections as clients. Prints orders placed per
/// second, requests per second, and latency percentiles of each step, then checks the exchange's ledger.
/// </summary>
public static class ExchangeOrderLoad
{
    public static async Task<int> RunAsync(ToolArguments args)
    {
        var urls = args.Values("--url").Select(u => new Uri(u)).ToList();
        if (urls.Count == 0)
        {
            throw new ArgumentException("--url is required, e.g. --url http://127.0.0.1:5080 (give it once per host of a cluster)");
        }

        var url = urls[0];
        var password = args.String("--password", "Demo123!");
        var clients = args.Int("--clients", 256);
        var duration = TimeSpan.FromSeconds(args.Int("--duration", 20));
        var warmup = TimeSpan.FromSeconds(args.Int("--warmup", 5));
        var instrument = args.String("--instrument", "PP-T30S");
        var batch = args.Int("--batch", 0);
        using var connections = new SocketsHttpHandler { MaxConnectionsPerServer = clients + 4, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        var ct = CancellationToken.None;

        // One client per trader and host: a token from one host of a cluster is accepted by all of them.
        var traders = new List<HttpClient>();
        var onHosts = new List<HttpClient>();
        foreach (var email in new[] { "trader@smarttrade.demo", "trader2@smarttrade.demo" })
        {
            var token = await HostApi.TokenAsync(url, email, password, ct);
            var trader = HostApi.ApiClient(connections, url, token);
            onHosts.AddRange(urls.Select(u => HostApi.ApiClient(connections, u, token)));
            var funded = await trader.PostAsJsonAsync("/api/v1/receipts/exchange/cash/deposits", new { amount = 5_000_000_000L, card = new { number = "4242 4242 4242 4242", expMonth = 12, expYear = 2099, cvc = "123" } }, ct);
            if (!funded.IsSuccessStatusCode)
            {
                throw new ArgumentException($"Funding {email} failed with {(int)funded.StatusCode}: {await funded.Content.ReadAsStringAsync(ct)}");
            }

            traders.Add(trader);
        }

        var market = (await traders[0].GetFromJsonAsync<JsonObject>($"/api/v1/receipts/exchange/instruments/{instrument}", ct))!["market"]!;
        var tick = 100L;
        var lower = market["lowerLimit"]!.GetValue<long>();
        var bestBid = market["bids"]!.AsArray().FirstOrDefault()?["price"]?.GetValue<long>() ?? market["previousSettlement"]!.GetValue<long>() - (10 * tick);
        var top = Math.Min(bestBid, market["previousSettlement"]!.GetValue<long>() - tick);
        Console.WriteLine($"{clients} clients over {urls.Count} host(s), {instrument}: buys between {lower} and {top} fen/t, {warmup.TotalSeconds:0} s warm-up + {duration.TotalSeconds:0} s, load average {CheckoutLoad.LoadAverage()}");

        if (batch > 0)
        {
            return await RunBatchesAsync(onHosts, traders.Count, urls, clients, batch, instrument, top, lower, tick, warmup, duration, url, password, connections);
        }

        var place = new ConcurrentQueue<long>();
        var cancel = new ConcurrentQueue<long>();
        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var measuring = false;
        var end = warmup + duration;
        var loops = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            // Client i: trader i % 2, host (i / 2) % hosts, so both traders reach every host.
            var client = onHosts[((i % traders.Count) * urls.Count) + ((i / traders.Count) % urls.Count)];
            var price = top - ((i % 50) * tick);
            if (price < lower)
            {
                price = lower;
            }

            while (clock.Elapsed < end)
            {
                var counted = Volatile.Read(ref measuring);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var placed = await client.PostAsJsonAsync("/api/v1/receipts/exchange/orders", new { instrument, side = "buy", price, quantity = 1_000 }, ct);
                    var afterPlace = Stopwatch.GetTimestamp();
                    if (!placed.IsSuccessStatusCode)
                    {
                        errors.AddOrUpdate($"place {(int)placed.StatusCode}", 1, (_, n) => n + 1);
                        continue;
                    }

                    var id = (await placed.Content.ReadFromJsonAsync<JsonObject>(ct))!["orderId"]!.GetValue<long>();
                    using var cancelled = await client.DeleteAsync($"/api/v1/receipts/exchange/orders/{id}", ct);
                    var done = Stopwatch.GetTimestamp();
                    if (!cancelled.IsSuccessStatusCode)
                    {
                        errors.AddOrUpdate($"cancel {(int)cancelled.StatusCode}", 1, (_, n) => n + 1);
                    }

                    if (counted)
                    {
                        place.Enqueue(afterPlace - start);
                        cancel.Enqueue(done - afterPlace);
                    }
                }
                catch (HttpRequestException ex)
                {
                    errors.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
                }
            }
        })).ToArray();

        await Task.Delay(warmup);
        var measureStart = clock.Elapsed;
        Volatile.Write(ref measuring, true);
        await Task.WhenAll(loops);
        var measured = clock.Elapsed - measureStart;

        var placeSummary = LatencySummary.FromStopwatchTicks(place.ToArray());
        var cancelSummary = LatencySummary.FromStopwatchTicks(cancel.ToArray());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"orders placed {place.Count:N0} in {measured.TotalSeconds:0.0} s = {place.Count / measured.TotalSeconds:N0} orders/s (durable ack); with cancels {(place.Count + cancel.Count) / measured.TotalSeconds:N0} requests/s; errors {errors.Values.Sum()}"));
        Console.WriteLine($"{"",-8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"mean ms",8}");
        Console.WriteLine($"{"place",-8} {LatencySummary.Ms(placeSummary.P50),8} {LatencySummary.Ms(placeSummary.P95),8} {LatencySummary.Ms(placeSummary.P99),8} {LatencySummary.Ms(placeSummary.Max),8} {LatencySummary.Ms(placeSummary.Mean),8}");
        Console.WriteLine($"{"cancel",-8} {LatencySummary.Ms(cancelSummary.P50),8} {LatencySummary.Ms(cancelSummary.P95),8} {LatencySummary.Ms(cancelSummary.P99),8} {LatencySummary.Ms(cancelSummary.Max),8} {LatencySummary.Ms(cancelSummary.Mean),8}");
        await ReportAsync(errors, connections, url, password);
        foreach (var trader in traders.Concat(onHosts))
        {
            trader.Dispose();
        }

        return 0;
    }

    /// <summary>
    /// <c>--batch N</c>: each client loops entering N one-lot IOC buys below the market in one batch request
    /// (<c>POST /orders/batch</c>); none can trade, so each is checked, has cash frozen and released, is journaled, and
    /// nothing rests (no cancels needed). Prints orders per second (durable acknowledgement) and request latency.
    /// </summary>
    private static async Task<int> RunBatchesAsync(
        List<HttpClient> onHosts, int traderCount, List<Uri> urls, int clients, int batch, string instrument, long top, long lower, long tick,
        TimeSpan warmup, TimeSpan duration, Uri url, string password, SocketsHttpHandler connections)
    {
        var ct = CancellationToken.None;
        var requests = new ConcurrentQueue<long>();
        var errors = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        long acknowledged = 0;
        var clock = Stopwatch.StartNew();
        var measuring = false;
        var end = warmup + duration;
        Console.WriteLine($"batches of {batch} IOC orders per request");
        var loops = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            var client = onHosts[((i % traderCount) * urls.Count) + ((i / traderCount) % urls.Count)];
            var orders = Enumerable.Range(0, batch)
                .Select(o => new { instrument, side = "buy", price = Math.Max(lower, top - (((i + o) % 50) * tick)), quantity = 1_000, timeInForce = "ioc" })
                .ToArray();
            var body = new { orders };
            while (clock.Elapsed < end)
            {
                var counted = Volatile.Read(ref measuring);
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var answered = await client.PostAsJsonAsync("/api/v1/receipts/exchange/orders/batch", body, ct);
                    var done = Stopwatch.GetTimestamp();
                    if (!answered.IsSuccessStatusCode)
                    {
                        errors.AddOrUpdate($"batch {(int)answered.StatusCode}", 1, (_, n) => n + 1);
                        continue;
                    }

                    var placed = (await answered.Content.ReadFromJsonAsync<JsonObject>(ct))!["placed"]!.GetValue<int>();
                    if (placed != batch)
                    {
                        errors.AddOrUpdate("order refused in a batch", batch - placed, (_, n) => n + batch - placed);
                    }

                    if (counted)
                    {
                        requests.Enqueue(done - start);
                        Interlocked.Add(ref acknowledged, placed);
                    }
                }
                catch (HttpRequestException ex)
                {
                    errors.AddOrUpdate(ex.GetType().Name, 1, (_, n) => n + 1);
                }
            }
        })).ToArray();

        await Task.Delay(warmup);
        var measureStart = clock.Elapsed;
        Volatile.Write(ref measuring, true);
        await Task.WhenAll(loops);
        var measured = clock.Elapsed - measureStart;

        var summary = LatencySummary.FromStopwatchTicks(requests.ToArray());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"orders placed {acknowledged:N0} in {measured.TotalSeconds:0.0} s = {acknowledged / measured.TotalSeconds:N0} orders/s (durable ack) in {requests.Count / measured.TotalSeconds:N0} requests/s; errors {errors.Values.Sum()}"));
        Console.WriteLine($"{"",-8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8} {"mean ms",8}");
        Console.WriteLine($"{"batch",-8} {LatencySummary.Ms(summary.P50),8} {LatencySummary.Ms(summary.P95),8} {LatencySummary.Ms(summary.P99),8} {LatencySummary.Ms(summary.Max),8} {LatencySummary.Ms(summary.Mean),8}");
        await ReportAsync(errors, connections, url, password);
        foreach (var client in onHosts)
        {
            client.Dispose();
        }

        return 0;
    }

    /// <summary>Prints the errors by kind, then checks the exchange's ledger (as the demo admin).</summary>
    private static async Task ReportAsync(ConcurrentDictionary<string, int> errors, SocketsHttpHandler connections, Uri url, string password)
    {
        foreach (var (what, count) in errors.OrderByDescending(e => e.Value))
        {
            Console.WriteLine($"  error {what}: {count}");
        }

        using var admin = HostApi.ApiClient(connections, url, await HostApi.TokenAsync(url, "admin@smarttrade.demo", password, CancellationToken.None));
        var ledger = await admin.GetFromJsonAsync<JsonObject>("/api/v1/receipts/exchange/ledger");
        Console.WriteLine($"ledger balanced: {ledger!["balanced"]}, journal sequence {ledger["journalSequence"]}; load average {CheckoutLoad.LoadAverage()}");
    }
}
