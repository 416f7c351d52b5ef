using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static SmartTrade.Host.Tests.Agri.AgriSteps;
using static SmartTrade.Host.Tests.Shopping;

namespace SmartTrade.Host.Tests.Agri;

/// <summary>Traceability: a public record per batch, printed on the buyer's order, and nothing about the buyers.</summary>
public sealed class TraceTests : IDisposable
{
    private readonly TestFolders _folders = new();
    private readonly FakeTimeProvider _time = new(November);

    public TraceTests() => _folders.AddPlugin("SmartTrade.Plugins.AgriMarket");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task The_trace_record_shows_farm_harvest_inspections_and_the_orders_without_the_buyers()
    {
        await using var host = new TestHost(_folders, time: _time);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var listing = await ListProduceAsync(merchant, "河姆渡茭白 2.5kg", 3_600, shelfLifeDays: 7);
        var traceCode = await RecordBatchAsync(merchant, listing, kg: 50);
        Assert.Equal(HttpStatusCode.NoContent, (await PutLineAsync(buyer, listing, 2, "2026-11-26")).StatusCode);
        var order = (await (await buyer.PostAsync("/api/v1/orders/checkout", null)).Content.ReadFromJsonAsync<JsonArray>())![0]!;
        await DrainAsync(host);
        var anonymous = host.CreateClient();

        var json = await anonymous.GetStringAsync($"/api/v1/agri/trace/{traceCode}");
        var html = await anonymous.GetStringAsync($"/agri/trace/{traceCode}");
        var record = JsonNode.Parse(json)!;
        var shipment = record["shipments"]![0]!;

        Assert.Equal("汇头村杨梅山 3 号地块", record["farm"]!.GetValue<string>());
        Assert.Equal("2026-11-24", record["harvestDate"]!.GetValue<string>());
        Assert.Equal("pesticide-residue", record["inspections"]![0]!["item"]!.GetValue<string>());
        Assert.Equal(2, shipment["units"]!.GetValue<long>());
        Assert.Equal("2026-11-26", shipment["deliveryDate"]!.GetValue<string>());
        Assert.EndsWith(order["number"]!.GetValue<string>()[^2..], shipment["order"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("汇头村杨梅山 3 号地块", html, StringComparison.Ordinal);
        Assert.Contains("未检出", html, StringComparison.Ordinal);
        foreach (var secret in new[] { order["number"]!.GetValue<string>(), order["buyerId"]!.GetValue<string>(), "buyer@smarttrade.demo", "王女士" })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_trace_code_is_printed_on_the_buyers_order_page()
    {
        await using var host = new TestHost(_folders, time: _time);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var listing = await ListProduceAsync(merchant, "河姆渡茭白 2.5kg", 3_600, shelfLifeDays: 7);
        var traceCode = await RecordBatchAsync(merchant, listing, kg: 50);
        var order = await BuyAsync(buyer, listing, 1);

        var page = await buyer.GetStringAsync($"/orders/{order["id"]}");

        Assert.Contains("溯源码", page, StringComparison.Ordinal);
        Assert.Contains(traceCode, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_trace_code_is_a_not_found_problem()
    {
        await using var host = new TestHost(_folders, time: _time);

        var response = await host.CreateClient().GetAsync("/api/v1/agri/trace/YY000000-NOPE22");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("/problems/agri/unknown-trace-code", await ProblemTypeAsync(response));
    }
}
