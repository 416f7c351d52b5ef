using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
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
    private static readonly Dictionary<string, string> ExchangeDemo = new()
    {
        ["SmartTrade__Demo__SeedCatalog"] = "true",
        ["SmartTrade__Plugins__warehouse-receipts__Exchange__DemoHistoryDays"] = "0",
    };

    private readonly TestFolders _folders = new();

    public ExchangeCrashTests() => _folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Killing_the_host_mid_stream_loses_no_acknowledged_order_or_trade_and_the_ledger_balances()
    {
        var port = HostProcess.FreePort();
        var acknowledged = new ConcurrentDictionary<long, (string Trader, long Filled)>();
        string instrument;
        long price;
        using (var host = await HostProcess.StartAsync(_folders, port, ExchangeDemo))
        {
            var seller = await HostProcess.ClientForAsync(port, Seller);
            var buyer = await HostProcess.ClientForAsync(port, Buyer);
            (instrument, var freeKg) = await HostProcess.DemoReceiptsAsync(seller);
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
        using (await HostProcess.StartAsync(_folders, port, ExchangeDemo))
        {
            var seller = await HostProcess.ClientForAsync(port, Seller);
            var buyer = await HostProcess.ClientForAsync(port, Buyer);
            var admin = await HostProcess.ClientForAsync(port, "admin@smarttrade.demo");
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
}
