using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Orders;
using Xunit;
using static SmartTrade.Host.Tests.Agri.AgriSteps;
using static SmartTrade.Host.Tests.Shopping;

namespace SmartTrade.Host.Tests.Agri;

/// <summary>Seasonal pre-sales: a forecast caps the stock, buyers pick a delivery date inside the window, the harvest fills the orders.</summary>
public sealed class PreSaleTests : IDisposable
{
    private readonly TestFolders _folders = new();
    private readonly FakeTimeProvider _time = new(November);

    public PreSaleTests() => _folders.AddPlugin("SmartTrade.Plugins.AgriMarket");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Concurrent_pre_orders_never_sell_more_than_the_forecast()
    {
        await using var host = new TestHost(_folders, time: _time);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var listing = await ListProduceAsync(merchant, "丈亭荸荠种杨梅 预售 2.5kg", 16_800);
        await OpenJunePreSaleAsync(merchant, listing, forecastKg: 25); // 10 boxes of 2.5 kg

        var attempts = Enumerable.Range(0, 30).Select(async i =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            var orders = scope.ServiceProvider.GetRequiredService<IOrderService>();
            return await orders.PlaceAsync(PreOrder($"buyer-{i}", listing, 1, new DateOnly(2027, 6, 18)), $"k-{i}");
        });
        var results = await Task.WhenAll(attempts);

        Assert.Equal(10, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains(r.Failure!.Code, new[] { PlaceOrderFailureCode.InsufficientStock, PlaceOrderFailureCode.ListingNotOrderable })); // sold out
        Assert.Equal(0, await StockAsync(host, listing));
    }

    [Fact]
    public async Task A_delivery_date_outside_the_window_is_refused_and_changes_nothing()
    {
        await using var host = new TestHost(_folders, time: _time);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var listing = await ListProduceAsync(merchant, "丈亭荸荠种杨梅 预售 2.5kg", 16_800);
        await OpenJunePreSaleAsync(merchant, listing, forecastKg: 25);

        var july = await PutLineAsync(buyer, listing, 1, "2027-07-02");
        var none = await PutLineAsync(buyer, listing, 1, null);
        var notADate = await PutLineAsync(buyer, listing, 1, "June");
        var cart = (await buyer.GetFromJsonAsync<JsonObject>("/api/v1/cart"))!["lines"]!.AsArray();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, july.StatusCode);
        Assert.Equal("/problems/agri/delivery-date-outside-window", await ProblemTypeAsync(july));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal("/problems/agri/delivery-date-required", await ProblemTypeAsync(none));
        Assert.Equal(HttpStatusCode.BadRequest, notADate.StatusCode);
        Assert.Empty(cart);
        Assert.Equal(10, await StockAsync(host, listing));
    }

    [Fact]
    public async Task A_delivery_date_inside_the_window_goes_from_the_cart_onto_the_order_line_with_the_trace_code()
    {
        await using var host = new TestHost(_folders, time: _time);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var listing = await ListProduceAsync(merchant, "丈亭荸荠种杨梅 预售 2.5kg", 16_800);
        var traceCode = await OpenJunePreSaleAsync(merchant, listing, forecastKg: 25);

        Assert.Equal(HttpStatusCode.NoContent, (await PutLineAsync(buyer, listing, 2, "2027-06-18")).StatusCode);
        var cart = (await buyer.GetFromJsonAsync<JsonObject>("/api/v1/cart"))!["lines"]!.AsArray();
        var checkout = await buyer.PostAsync("/api/v1/orders/checkout", null);
        var line = (await checkout.Content.ReadFromJsonAsync<JsonArray>())![0]!["lines"]![0]!;

        Assert.Equal("2027-06-18", cart[0]!["choices"]!["deliveryDate"]!["value"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, checkout.StatusCode);
        Assert.Equal("2027-06-18", line["attributes"]!["deliveryDate"]!["value"]!.GetValue<string>());
        Assert.Equal(traceCode, line["attributes"]!["traceCode"]!["value"]!.GetValue<string>());
        Assert.Equal(8, await StockAsync(host, listing));
    }

    [Fact]
    public async Task A_choice_the_market_does_not_declare_is_refused_by_the_cart()
    {
        await using var host = new TestHost(_folders, time: _time);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var listing = await ListProduceAsync(merchant, "丈亭荸荠种杨梅 预售 2.5kg", 16_800);
        await OpenJunePreSaleAsync(merchant, listing, forecastKg: 25);

        var response = await buyer.PutAsJsonAsync($"/api/v1/cart/lines/{listing}", new { quantity = 1, choices = new { giftWrap = "yes" } });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(problem!["errors"]!["choices.giftWrap"]);
    }

    [Fact]
    public async Task The_harvest_allocates_pre_sale_orders_first_placed_first_and_the_rest_fall_short()
    {
        await using var host = new TestHost(_folders, time: _time);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var listing = await ListProduceAsync(merchant, "丈亭荸荠种杨梅 预售 2.5kg", 16_800);
        var traceCode = await OpenJunePreSaleAsync(merchant, listing, forecastKg: 25);
        var placed = new List<string>();
        foreach (var (buyer, boxes) in new[] { ("early", 4L), ("middle", 3L), ("late", 3L) })
        {
            await using var scope = host.Services.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<IOrderService>().PlaceAsync(PreOrder(buyer, listing, boxes, new DateOnly(2027, 6, 12)), buyer);
            placed.Add(result.Orders.Single().Number);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        // Harvested within the orders' 15 minutes of reservation, so none has expired.
        await DrainAsync(host);
        var harvest = await merchant.PostAsJsonAsync($"/api/v1/agri/presales/{traceCode}/harvest", new { harvestDate = "2026-11-24", quantity = 20, unit = "kg" }); // 8 boxes
        var batch = await harvest.Content.ReadFromJsonAsync<JsonObject>();
        var trace = await host.CreateClient().GetFromJsonAsync<JsonObject>($"/api/v1/agri/trace/{traceCode}");
        var states = trace!["shipments"]!.AsArray().Select(s => (s!["units"]!.GetValue<long>(), s["state"]!.GetValue<string>())).ToList();

        Assert.Equal(HttpStatusCode.OK, harvest.StatusCode);
        Assert.Equal("Harvested", batch!["status"]!.GetValue<string>());
        Assert.Equal([(4L, "Allocated"), (3L, "Allocated"), (3L, "Shortfall")], states);
        Assert.Equal(7, batch["allocatedUnits"]!.GetValue<long>());
        Assert.Equal(3, batch["shortfallUnits"]!.GetValue<long>());
        Assert.Equal(1, await StockAsync(host, listing)); // the harvest's one box left over is on sale
    }

    [Fact]
    public async Task Outside_its_sale_window_a_pre_sale_takes_no_orders()
    {
        await using var host = new TestHost(_folders, time: _time);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var listing = await ListProduceAsync(merchant, "丈亭荸荠种杨梅 预售 2.5kg", 16_800);
        await OpenJunePreSaleAsync(merchant, listing, forecastKg: 25);
        _time.SetUtcNow(new DateTimeOffset(2027, 6, 16, 1, 0, 0, TimeSpan.Zero));
        await using var scope = host.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<IOrderService>().PlaceAsync(PreOrder("late-buyer", listing, 1, new DateOnly(2027, 6, 20)), "late");

        Assert.Equal(PlaceOrderFailureCode.RefusedByMarket, result.Failure!.Code);
        Assert.Equal("/problems/agri/presale-closed", result.Failure.ProblemType);
        Assert.Equal(10, await StockAsync(host, listing));
    }

    private static PlaceOrderRequest PreOrder(string buyer, Guid listing, long boxes, DateOnly delivery) => new()
    {
        BuyerId = buyer,
        MarketId = "agri",
        Lines = [new PlaceOrderLine { ListingId = listing, Quantity = boxes, Attributes = new Dictionary<string, AttributeValue> { ["deliveryDate"] = AttributeValue.Date(delivery) } }],
    };
}
