using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Testing;

namespace SmartTrade.Samples.MouldMarket.Tests;

/// <summary>The mould market sample against the real host, through the plugin test harness.</summary>
public sealed class MouldMarketTests : IAsyncLifetime
{
    private PluginTestHost _host = null!;

    public async Task InitializeAsync() => _host = await PluginTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Passes_the_plugin_conformance_check()
    {
        var report = await PluginConformance.CheckAsync(Path.Combine(PluginTestHost.PluginsUnderTestPath, "SmartTrade.Samples.MouldMarket"));

        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public async Task The_host_serves_the_moulds_market_it_declares()
    {
        var markets = await _host.CreateClient().GetFromJsonAsync<JsonArray>("/api/v1/markets");

        Assert.Contains(markets!, m => m!["id"]!.GetValue<string>() == "moulds");
        Assert.True(_host.Plugin("mould-market")!.IsEnabled);
    }

    [Fact]
    public async Task A_buyer_inquiry_is_stored_and_listed_back_to_that_buyer_only()
    {
        var buyer = await _host.ClientForAsync(DemoUsers.Buyer);

        var created = await buyer.PostAsJsonAsync("/api/v1/moulds/inquiries", Inquiry(neededBy: Today().AddDays(30)));
        var mine = await buyer.GetFromJsonAsync<JsonArray>("/api/v1/moulds/inquiries");
        var admin = await _host.AdminAsync();
        var othersSee = await admin.GetAsync("/api/v1/moulds/inquiries");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("injection", Assert.Single(mine!)!["mouldType"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Forbidden, othersSee.StatusCode);
    }

    [Fact]
    public async Task An_inquiry_needed_by_tomorrow_is_refused_once_the_clock_reaches_tomorrow()
    {
        var buyer = await _host.ClientForAsync(DemoUsers.Buyer);
        var tomorrow = Today().AddDays(1);

        var accepted = await buyer.PostAsJsonAsync("/api/v1/moulds/inquiries", Inquiry(tomorrow));
        _host.Clock.Advance(TimeSpan.FromDays(1));
        var refused = await buyer.PostAsJsonAsync("/api/v1/moulds/inquiries", Inquiry(tomorrow));

        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonObject>();
        Assert.NotNull(problem!["errors"]!["neededBy"]);
    }

    [Fact]
    public async Task A_merchant_may_not_send_an_inquiry_and_nothing_is_stored()
    {
        var merchant = await _host.ClientForAsync(DemoUsers.Merchant);
        var buyer = await _host.ClientForAsync(DemoUsers.Buyer);

        var response = await merchant.PostAsJsonAsync("/api/v1/moulds/inquiries", Inquiry(Today().AddDays(10)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty((await buyer.GetFromJsonAsync<JsonArray>("/api/v1/moulds/inquiries"))!);
    }

    [Fact]
    public async Task The_bulk_listing_template_has_a_column_per_mould_attribute()
    {
        var response = await _host.CreateClient().GetAsync("/api/v1/moulds/import-template.csv");
        var header = (await response.Content.ReadAsStringAsync()).Split('\n')[0];

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("mouldType", header, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_an_order_placed_in_the_mould_market_and_ignores_other_markets()
    {
        await _host.PublishAsync(Placed("MM-1", "moulds"));
        await _host.PublishAsync(Placed("AP-1", "appliances"));

        var logged = _host.Logs.Where(l => l.Category.EndsWith("MouldOrderPlacedHandler", StringComparison.Ordinal)).ToList();
        Assert.Contains("MM-1", Assert.Single(logged).Message, StringComparison.Ordinal);
    }

    private DateOnly Today() => DateOnly.FromDateTime(_host.Clock.GetLocalNow().DateTime);

    private static object Inquiry(DateOnly neededBy) => new
    {
        mouldType = "injection",
        partDescription = "Kettle base, PP, 2 mm wall",
        cavities = 4,
        expectedShots = 500_000,
        neededBy,
    };

    private OrderPlaced Placed(string number, string market) => new()
    {
        OrderId = Guid.NewGuid(),
        OrderNumber = number,
        MarketId = market,
        MerchantId = "merchant",
        BuyerId = "buyer",
        OccurredAt = _host.Clock.GetUtcNow(),
        Total = Money.FromFen(1_280_000),
    };
}
