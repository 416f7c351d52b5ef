using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Data.PostgreSql;
using SmartTrade.Platform.Hosting;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Security;
using Xunit;

namespace SmartTrade.Host.Tests.PostgreSql;

/// <summary>Every shipped plugin and the demo catalogues, on a fresh PostgreSQL database.</summary>
public sealed class ShippedPluginsOnPostgreSql : PostgreSqlHost
{
    protected override IEnumerable<string> Plugins => TestHost.ShippedPlugins;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["SmartTrade:Demo:SeedCatalog"] = "true" };
}

/// <summary>
/// The host with every shipped plugin on PostgreSQL: the migrations of the host and of each plugin apply, the demo
/// data seeds, and shopping works, including the conditional stock decrement under concurrent checkouts.
/// </summary>
public sealed class PostgreSqlHostTests(ShippedPluginsOnPostgreSql fixture) : IClassFixture<ShippedPluginsOnPostgreSql>
{
    private TestHost Host => fixture.Host;

    [Fact]
    public async Task The_host_and_every_shipped_plugin_migrate_a_fresh_PostgreSQL_database_and_load()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();

        Assert.IsType<PostgreSqlPlatformDbContext>(db);
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var plugins = (await (await Host.AdminAsync()).GetFromJsonAsync<JsonArray>("/api/v1/admin/plugins"))!;
        Assert.All(plugins, p => Assert.Equal("Enabled", p!["state"]!.GetValue<string>()));
        Assert.Equal(TestHost.ShippedPlugins.Length, plugins.Count);

        // Each plugin keeps its own migrations history table beside the host's, in the same database.
        foreach (var id in new[] { "warehouse_receipts", "price_index", "appliance_market", "agri_market", "mould_market" })
        {
            var applied = await fixture.Database.ScalarAsync<long>($"SELECT count(*) FROM \"__{id}_migrations\"");
            Assert.True(applied >= 1, $"{id}: {applied} migrations applied");
        }

        Assert.True(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM \"__EFMigrationsHistory\"") >= 1);
    }

    [Fact]
    public async Task Ready_reports_the_PostgreSQL_database()
    {
        var response = await Host.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var database = (await response.Content.ReadFromJsonAsync<JsonObject>())!["checks"]!["database"]!;
        Assert.Equal("Healthy", database["status"]!.GetValue<string>());
        Assert.Equal("PostgreSQL", database["data"]!["provider"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_demo_catalogues_of_every_market_seed_on_PostgreSQL_and_a_second_run_adds_nothing()
    {
        var seeder = Host.Services.GetServices<IHostedService>().OfType<DemoCatalogSeeder>().Single();

        await seeder.SeedAsync(CancellationToken.None); // waits for the run the start-up began
        var again = await seeder.SeedAsync(CancellationToken.None);

        Assert.Equal((0, 0), again);
        await using var scope = Host.Services.CreateAsyncScope();
        var perMarket = await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<ListingEntity>()
            .GroupBy(l => l.MarketId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.True(perMarket.GetValueOrDefault("appliances") >= 150, $"appliances: {perMarket.GetValueOrDefault("appliances")}");
        Assert.True(perMarket.GetValueOrDefault("agri") >= 30, $"agri: {perMarket.GetValueOrDefault("agri")}");
        Assert.True(perMarket.GetValueOrDefault("plastics-receipts") >= 20, $"plastics-receipts: {perMarket.GetValueOrDefault("plastics-receipts")}");
        Assert.True(perMarket.GetValueOrDefault("moulds") >= 10, $"moulds: {perMarket.GetValueOrDefault("moulds")}");

        // The plugins' own demo data too, whose times are China time (+08:00) in code and UTC instants in PostgreSQL:
        // registry receipts, the exchange's settled trading history, the appliance market's quote requests.
        Assert.True(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM warehouse_receipts_receipts") >= 20);
        Assert.True(await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM warehouse_receipts_settled_trades") >= 1);
        var requests = (await (await Host.ClientForAsync("shop@appliances.demo")).GetFromJsonAsync<JsonArray>("/api/v1/appliances/quote-requests"))!;
        Assert.Equal(4, requests.Count);
        Assert.Equal(3, requests.Count(r => r!["state"]!.GetValue<string>() == "Requested"));
    }

    [Fact]
    public async Task A_buyer_checks_out_pays_and_the_order_and_stock_are_kept_on_PostgreSQL()
    {
        var merchant = await Host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await Host.ClientForAsync(await Shopping.CreateUserAsync(Host, "pg-roundtrip@buyers.test", Roles.Buyer));
        var listing = await Shopping.ListKettleAsync(merchant, "PostgreSQL 电水壶", 12_900, 5);

        var order = await Shopping.BuyAndPayAsync(buyer, listing, 2);

        var stored = await Shopping.OrderAsync(buyer, order);
        Assert.Equal("Paid", stored["status"]!.GetValue<string>());
        Assert.Equal(25_800, stored["total"]!["minor"]!.GetValue<long>());
        Assert.Equal(3, await Shopping.StockAsync(Host, listing));
        var merchantView = (await merchant.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{order["id"]}"))!;
        Assert.Equal(order["number"]!.GetValue<string>(), merchantView["number"]!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_checkouts_on_stock_of_five_sell_exactly_five_and_the_listing_sells_out()
    {
        const int Stock = 5;
        const int Buyers = 24;
        var merchant = await Host.ClientForAsync("merchant@smarttrade.demo");
        var listing = await Shopping.ListKettleAsync(merchant, "限量电水壶", 9_900, Stock);
        var buyers = await Receipts.ExchangeConcurrencyTests.TradersAsync(Host, "pg-race", Buyers, Roles.Buyer);
        foreach (var buyer in buyers)
        {
            await Shopping.SetLineAsync(buyer, listing, 1);
        }

        var responses = await Task.WhenAll(buyers.Select(b => Task.Run(() => b.PostAsync("/api/v1/orders/checkout", null))));

        Assert.Equal(Stock, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(0, await Shopping.StockAsync(Host, listing));
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        Assert.Equal(ListingStatus.SoldOut, await db.Set<ListingEntity>().Where(l => l.Id == listing).Select(l => l.Status).SingleAsync());
        Assert.Equal(Stock, await db.Set<SmartTrade.Platform.Orders.OrderLineEntity>().Where(l => l.ListingId == listing).SumAsync(l => l.Quantity));
    }
}
