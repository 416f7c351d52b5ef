using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;
using static SmartTrade.Host.Tests.Receipts.ExchangeApiTests;
using static SmartTrade.Host.Tests.Receipts.ExchangeConcurrencyTests;

namespace SmartTrade.Host.Tests.PostgreSql;

/// <summary>The receipt registry and its exchange, with the price index listening, on a fresh PostgreSQL database.</summary>
public sealed class ReceiptExchangeOnPostgreSql : PostgreSqlHost
{
    protected override IEnumerable<string> Plugins => ["SmartTrade.Plugins.WarehouseReceipts", "SmartTrade.Plugins.PriceIndex"];

    protected override Task StartedAsync() => PrepareAsync(Host);
}

/// <summary>
/// Registry changes and exchange settlement on PostgreSQL: a trade moves the receipts to the buyer in the hash-chained
/// registry, and concurrent sellers and buyers never sell a receipt twice (the conditional holding updates and the
/// chain head's row lock, which SQLite's single writer made trivially safe, hold under PostgreSQL's row locking).
/// </summary>
public sealed class PostgreSqlExchangeTests(ReceiptExchangeOnPostgreSql fixture) : IClassFixture<ReceiptExchangeOnPostgreSql>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task A_trade_settles_paying_the_seller_and_delivering_verifiable_receipts_to_the_buyer()
    {
        const long price = Price + 2_000; // above any bid the concurrent test leaves resting in the shared book
        var traders = await TradersAsync(Host, "pg-trade", 2);
        var (seller, buyer) = (traders[0], traders[1]);
        var issued = await IssueReceiptAsync(Host, seller, 30_000);
        Assert.Equal(HttpStatusCode.Created, (await seller.PostAsJsonAsync("/api/v1/receipts/exchange/receipts/deposits", new { instrument = Instrument, quantity = 30_000 })).StatusCode);
        await FundAsync(buyer, 30_000_000);

        Assert.Equal(HttpStatusCode.Created, (await OrderAsync(seller, "sell", price, 20_000)).StatusCode);
        var buy = await OrderAsync(buyer, "buy", price, 20_000);

        Assert.Equal(HttpStatusCode.Created, buy.StatusCode);
        Assert.Equal("filled", (await buy.Content.ReadFromJsonAsync<JsonObject>())!["state"]!.GetValue<string>());
        var value = 20 * price;
        var fee = value * 5 / 10_000;
        Assert.Equal(30_000_000 - value - fee, (await AccountAsync(buyer))["cash"]!.GetValue<long>());
        Assert.Equal(value - fee, (await AccountAsync(seller))["cash"]!.GetValue<long>());
        var trade = Assert.Single((await buyer.GetFromJsonAsync<JsonArray>("/api/v1/receipts/exchange/trades/mine"))!)!;
        var delivered = trade["receipts"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        Assert.NotEmpty(delivered);

        // The registry agrees, and the receipts' hash-chained histories (timestamps read back from PostgreSQL) verify.
        Assert.Equal((20_000L, 20_000L), await HoldingAsync(buyer, Instrument));
        Assert.Equal((10_000L, 10_000L), await HoldingAsync(seller, Instrument));
        var anonymous = Host.CreateClient();
        foreach (var number in delivered.Append(issued))
        {
            var verification = (await anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/receipts/{number}/verify"))!;
            Assert.True(verification["intact"]!.GetValue<bool>(), $"{number}: {verification}");
        }

        var ledger = (await (await Host.AdminAsync()).GetFromJsonAsync<JsonObject>("/api/v1/receipts/exchange/ledger"))!;
        Assert.True(ledger["balanced"]!.GetValue<bool>(), ledger["problem"]?.ToString());
    }

    [Fact]
    public async Task Concurrent_sellers_and_buyers_never_sell_a_receipt_twice_and_the_ledger_balances()
    {
        const int Sellers = 4;
        const int Buyers = 30;
        const long SellerKg = 10_000;
        const long BuyKg = 2_000;
        const long Funding = 2_000_000;
        var sellers = await TradersAsync(Host, "pg-seller", Sellers);
        var buyers = await TradersAsync(Host, "pg-buyer", Buyers);
        foreach (var seller in sellers)
        {
            await ReceiptsIntoTradingAsync(Host, seller, SellerKg);
        }

        foreach (var buyer in buyers)
        {
            await FundAsync(buyer, Funding);
        }

        // Everyone at once: each seller sends its whole position twice, each buyer one bid; demand (60 t) exceeds supply (40 t).
        var sells = sellers.SelectMany(s => new[] { s, s }).Select(s => Task.Run(() => OrderAsync(s, "sell", Price, SellerKg)));
        var buys = buyers.Select(b => Task.Run(() => OrderAsync(b, "buy", Price, BuyKg)));
        var responses = await Task.WhenAll(sells.Concat(buys));

        var sellStatuses = responses.Take(Sellers * 2).Select(r => r.StatusCode).ToList();
        Assert.Equal(Sellers, sellStatuses.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(Sellers, sellStatuses.Count(s => s == HttpStatusCode.UnprocessableEntity));
        Assert.All(responses.Skip(Sellers * 2), r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        // The ledger waits until settlement has caught up with every trade, then compares the exchange with the registry.
        var ledger = (await (await Host.AdminAsync()).GetFromJsonAsync<JsonObject>("/api/v1/receipts/exchange/ledger"))!;
        Assert.True(ledger["balanced"]!.GetValue<bool>(), ledger["problem"]?.ToString());
        long bought = 0;
        long registry = 0;
        foreach (var buyer in buyers)
        {
            var kg = Position(await AccountAsync(buyer), Instrument);
            bought += kg;
            registry += (await HoldingAsync(buyer, Instrument)).Total;
        }

        Assert.Equal(Sellers * SellerKg, bought);
        Assert.Equal(Sellers * SellerKg, registry);
        foreach (var seller in sellers)
        {
            Assert.Equal(0, Position(await AccountAsync(seller), Instrument));
            Assert.Equal((0L, 0L), await HoldingAsync(seller, Instrument));
        }
    }
}
