using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Xunit;

namespace SmartTrade.Host.Tests.Receipts;

/// <summary>
/// The host as a real process, killed with SIGKILL while traders stream orders: after a restart every acknowledged
/// order and trade is there, the exchange's ledger balances and the registry's frozen receipts match the positions.
/// </summary>
public sealed class ExchangeCrashTests : IDisposable
{
    // The second demo trader sells: the demo data never needs its receipts free once they are issued.
    private const string Seller = "trader2@smarttrade.demo";
    private const string Buyer = "trader@smarttrade.demo";
    private const string Password = TestHost.Password;
    private readonly TestFolders _folders = new();

    public ExchangeCrashTests() => _folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Killing_the_host_mid_stream_loses_no_acknowledged_order_or_trade_and_the_ledger_balances()
    {
        var port = FreePort();
        var acknowledged = new ConcurrentDictionary<long, (string Trader, long Filled)>();
        string instrument;
        long price;
        using (var host = await HostProcess.StartAsync(_folders, port))
        {
            var seller = await ClientForAsync(port, Seller);
            var buyer = await ClientForAsync(port, Buyer);
            (instrument, var freeKg) = await DemoReceiptsAsync(seller);
            var lots = Math.Min(freeKg / 1_000, 60);
            Assert.True(lots >= 20, $"The demo trader has only {freeKg} kg free.");
            Assert.Equal(HttpStatusCode.Created, (await seller.PostAsJsonAsync("/api/v1/receipts/exchange/receipts/deposits", new { instrument, quantity = lots * 1_000 })).StatusCode);
            price = (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/receipts/exchange/instruments/{instrument}"))!["market"]!["previousSettlement"]!.GetValue<long>();
            Assert.Equal(HttpStatusCode.Created, (await buyer.PostAsJsonAsync("/api/v1/receipts/exchange/cash/deposits", new { amount = 2_000_000_000, card = new { number = Shopping.GoodCard, expMonth = 12, expYear = 2099, cvc = "123" } })).StatusCode);

            // Four streams of one-lot orders, sells and buys at the same price, so most of them trade.
            using var enough = new CancellationTokenSource();
            var streams = new[] { (seller, "sell"), (seller, "sell"), (buyer, "buy"), (buyer, "buy") }.Select(s => Task.Run(async () =>
            {
                for (var i = 0; i < lots / 2 && !enough.IsCancellationRequested; i++)
                {
                    try
                    {
                        var response = await s.Item1.PostAsJsonAsync("/api/v1/receipts/exchange/orders", new { instrument, side = s.Item2, price, quantity = 1_000 });
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var order = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                            acknowledged[order["orderId"]!.GetValue<long>()] = (s.Item2 == "sell" ? Seller : Buyer, order["filled"]!.GetValue<long>());
                            if (acknowledged.Count >= lots / 2)
                            {
                                await enough.CancelAsync();
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return; // the host is gone
                    }
                }
            })).ToList();

            await Task.WhenAny(Task.WhenAll(streams), Task.Delay(Timeout.Infinite, enough.Token).ContinueWith(_ => { }, TaskScheduler.Default));
            host.Kill(); // SIGKILL: no shutdown, no flush beyond what the journal already made durable
            await Task.WhenAll(streams);
        }

        Assert.True(acknowledged.Count >= 10, $"Only {acknowledged.Count} orders were acknowledged before the kill.");
        using (await HostProcess.StartAsync(_folders, port))
        {
            var seller = await ClientForAsync(port, Seller);
            var buyer = await ClientForAsync(port, Buyer);
            var admin = await ClientForAsync(port, "admin@smarttrade.demo");
            var orders = (await seller.GetFromJsonAsync<JsonArray>("/api/v1/receipts/exchange/orders?all=true"))!
                .Concat((await buyer.GetFromJsonAsync<JsonArray>("/api/v1/receipts/exchange/orders?all=true"))!)
                .ToDictionary(o => o!["orderId"]!.GetValue<long>(), o => o!["filled"]!.GetValue<long>());
            foreach (var (id, ack) in acknowledged)
            {
                Assert.True(orders.TryGetValue(id, out var filled), $"Acknowledged order {id} is missing after the restart.");
                Assert.True(filled >= ack.Filled, $"Order {id} had {ack.Filled} kg filled when acknowledged, {filled} kg after the restart.");
            }

            var trades = (await buyer.GetFromJsonAsync<JsonArray>("/api/v1/receipts/exchange/trades/mine?limit=200"))!;
            var bought = trades.Sum(t => t!["quantity"]!.GetValue<long>());
            var buyerAccount = (await buyer.GetFromJsonAsync<JsonObject>("/api/v1/receipts/exchange/account"))!;
            Assert.Equal(bought, buyerAccount["positions"]!.AsArray().Where(p => p!["instrument"]!.GetValue<string>() == instrument).Sum(p => p!["quantity"]!.GetValue<long>()));
            Assert.Equal(2_000_000_000 - trades.Sum(t => t!["value"]!.GetValue<long>() + t["fee"]!.GetValue<long>()), buyerAccount["cash"]!.GetValue<long>());
            Assert.True(bought > 0, "No trade happened before the kill.");

            var ledger = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/receipts/exchange/ledger"))!;
            Assert.True(ledger["balanced"]!.GetValue<bool>(), ledger["problem"]?.ToString());
            Assert.Equal(trades.Count, ledger["tradesSettled"]!.GetValue<long>());
        }
    }

    private static async Task<(string Instrument, long FreeKg)> DemoReceiptsAsync(HttpClient trader)
    {
        // The demo data is seeded in the background after start; wait for the trader's receipts (bounded).
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var holdings = (await trader.GetFromJsonAsync<JsonArray>("/api/v1/receipts/holdings"))!;
            var best = holdings.OrderByDescending(h => h!["freeKg"]!.GetValue<long>()).FirstOrDefault();
            if (best is not null && best["freeKg"]!.GetValue<long>() >= 30_000)
            {
                return (best["instrument"]!.GetValue<string>(), best["freeKg"]!.GetValue<long>());
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The demo receipts were not seeded within a minute.");
    }

    private static async Task<HttpClient> ClientForAsync(int port, string email)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        // The second demo trader is created by the demo data, in the background after start: wait for it (bounded).
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password });
        for (var attempt = 0; response.StatusCode == HttpStatusCode.Unauthorized && attempt < 300; attempt++)
        {
            await Task.Delay(200);
            response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password = Password });
        }

        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["access_token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The host's own executable (from this test's output) in Development, with demo data, on a port.</summary>
    private sealed class HostProcess : IDisposable
    {
        private readonly Process _process;

        private HostProcess(Process process) => _process = process;

        public static async Task<HostProcess> StartAsync(TestFolders folders, int port)
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "SmartTrade.Host.dll"), "--urls", $"http://127.0.0.1:{port}"])
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["SmartTrade__DataDirectory"] = folders.Data;
            start.Environment["SmartTrade__PluginsPath"] = folders.Plugins;
            start.Environment["SmartTrade__Demo__Password"] = Password;
            start.Environment["SmartTrade__Demo__SeedCatalog"] = "true";
            start.Environment["SmartTrade__Plugins__warehouse-receipts__Exchange__DemoHistoryDays"] = "0";
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var host = new HostProcess(process);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
            for (var attempt = 0; attempt < 600; attempt++)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The host exited with {process.ExitCode} before it was ready.");
                }

                try
                {
                    if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                    {
                        return host;
                    }
                }
                catch (HttpRequestException)
                {
                    // not listening yet
                }
                catch (TaskCanceledException)
                {
                    // slow to answer while starting
                }

                await Task.Delay(200);
            }

            host.Dispose();
            throw new TimeoutException("The host did not become ready within two minutes.");
        }

        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }
    }
}
