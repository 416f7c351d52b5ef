using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Orders;
using SmartTrade.Sdk.Testing;

namespace Acme.Freight.Tests;

/// <summary>The plugin on a real SmartTrade host, in-process (SmartTrade.Sdk.Testing).</summary>
public sealed class AcmeFreightTests : IAsyncLifetime
{
    private PluginTestHost _host = null!;

    public async Task InitializeAsync() => _host = await PluginTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Passes_the_plugin_conformance_check()
    {
        var report = await PluginConformance.CheckAsync(Path.Combine(PluginTestHost.PluginsUnderTestPath, "Acme.Freight"));

        Assert.True(report.Passed, report.ToString());
    }

    [Fact]
    public void The_host_loads_and_enables_the_plugin()
    {
        Assert.True(_host.Plugin("acme-freight")!.IsEnabled, _host.Plugin("acme-freight")?.Reason);
    }

    [Fact]
    public async Task A_quote_is_the_base_charge_plus_weight_times_distance_in_fen_valid_for_a_day()
    {
        var buyer = await _host.ClientForAsync(DemoUsers.Buyer);

        var quote = await buyer.PostAsJsonAsync("/api/v1/acme-freight/quotes", new { weightKg = 120, distanceKm = 350 });
        var body = await quote.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
        // 2,000 fen + 120 kg x 350 km x 30 fen per kg per 100 km = 2,000 + 12,600.
        Assert.Equal(14_600, body!["price"]!["minor"]!.GetValue<long>());
        Assert.Equal(_host.Clock.GetUtcNow().AddDays(1), body["validUntil"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task A_weight_out_of_range_gets_a_problem_naming_the_field()
    {
        var client = _host.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/acme-freight/quotes", new { weightKg = 0, distanceKm = 350 });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/problems/acme-freight/invalid-weight", problem!["type"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]!["weightKg"]);
    }

    [Fact]
    public async Task An_order_placed_in_any_market_books_one_shipment()
    {
        var placed = new OrderPlaced
        {
            OrderId = Guid.NewGuid(),
            OrderNumber = "ST-0001",
            MarketId = "appliances",
            MerchantId = "merchant-1",
            BuyerId = "buyer-1",
            OccurredAt = _host.Clock.GetUtcNow(),
            Total = Money.FromFen(129_90),
        };

        await _host.PublishAsync(placed);
        await _host.PublishAsync(placed);
        var admin = await _host.AdminAsync();
        var shipments = await admin.GetFromJsonAsync<JsonArray>("/api/v1/acme-freight/shipments");

        Assert.Equal("ST-0001", Assert.Single(shipments!)!["orderNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task Only_an_administrator_sees_the_shipments()
    {
        var buyer = await _host.ClientForAsync(DemoUsers.Buyer);

        var response = await buyer.GetAsync("/api/v1/acme-freight/shipments");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
