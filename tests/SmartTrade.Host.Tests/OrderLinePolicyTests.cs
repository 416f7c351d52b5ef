using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Orders;
using Xunit;
using static SmartTrade.Host.Tests.Shopping;

namespace SmartTrade.Host.Tests;

/// <summary>
/// A market's IOrderLinePolicy prices and vets lines in the cart, at checkout and in IOrderService (the probe's
/// policy for the moulds sample market: 10% off from 100 units, 13 units refused, a delivery date must be a date).
/// </summary>
public sealed class OrderLinePolicyTests : IDisposable
{
    private readonly TestFolders _folders = new();

    public OrderLinePolicyTests()
    {
        _folders.AddPlugin("SmartTrade.Samples.MouldMarket");
        _folders.AddProbe("probe-policy");
    }

    public void Dispose() => _folders.Dispose();

    private TestHost NewHost() => new(_folders, settings: new Dictionary<string, string?> { ["SmartTrade:Plugins:probe-policy:LinePolicyMarket"] = "moulds" });

    [Fact]
    public async Task The_cart_and_the_order_price_a_line_by_the_markets_policy()
    {
        await using var host = NewHost();
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var mould = await ListMouldAsync(merchant, "批发注塑模具", 12_999, stock: 500);

        await SetLineAsync(buyer, mould, 100);
        var cart = (await buyer.GetFromJsonAsync<JsonObject>("/api/v1/cart"))!["lines"]!.AsArray();
        var order = await BuyAsync(buyer, mould, 100);

        Assert.Equal(11_699, cart[0]!["unitPriceMinor"]!.GetValue<long>());
        Assert.Equal("wholesale from 100", cart[0]!["priceNote"]!.GetValue<string>());
        Assert.Equal(1_169_900, order["total"]!["minor"]!.GetValue<long>());
        Assert.Equal(11_699, order["lines"]![0]!["unitPrice"]!["minor"]!.GetValue<long>());
    }

    [Fact]
    public async Task Below_the_policys_threshold_the_listing_price_applies()
    {
        await using var host = NewHost();
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var mould = await ListMouldAsync(merchant, "零售注塑模具", 12_999, stock: 500);

        var order = await BuyAsync(buyer, mould, 99);

        Assert.Equal(12_999 * 99, order["total"]!["minor"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_line_the_policy_refuses_stays_out_of_the_cart_with_its_problem_type()
    {
        await using var host = NewHost();
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var mould = await ListMouldAsync(merchant, "注塑模具", 12_999, stock: 500);

        var response = await buyer.PutAsJsonAsync($"/api/v1/cart/lines/{mould}", new { quantity = 13 });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var cart = (await buyer.GetFromJsonAsync<JsonObject>("/api/v1/cart"))!["lines"]!.AsArray();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("/problems/probe/unlucky-quantity", problem!["type"]!.GetValue<string>());
        Assert.Empty(cart);
    }

    [Fact]
    public async Task A_placement_the_policy_refuses_fails_by_market_and_reserves_nothing()
    {
        await using var host = NewHost();
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var mould = await ListMouldAsync(merchant, "注塑模具", 12_999, stock: 500);
        await using var scope = host.Services.CreateAsyncScope();
        var orders = scope.ServiceProvider.GetRequiredService<IOrderService>();

        var unlucky = await orders.PlaceAsync(Request(mould, 13, null), "k-13");
        var badDate = await orders.PlaceAsync(Request(mould, 5, AttributeValue.Text("next June")), "k-date");

        Assert.Equal(PlaceOrderFailureCode.RefusedByMarket, unlucky.Failure!.Code);
        Assert.Equal("/problems/probe/unlucky-quantity", unlucky.Failure.ProblemType);
        Assert.Equal(PlaceOrderFailureCode.RefusedByMarket, badDate.Failure!.Code);
        Assert.Contains("deliveryDate", badDate.Failure.Message, StringComparison.Ordinal);
        Assert.Equal(500, await StockAsync(host, mould));
    }

    [Fact]
    public async Task A_negotiated_price_and_a_valid_choice_pass_the_policy_onto_the_order_line()
    {
        await using var host = NewHost();
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var mould = await ListMouldAsync(merchant, "注塑模具", 12_999, stock: 500);
        await using var scope = host.Services.CreateAsyncScope();
        var orders = scope.ServiceProvider.GetRequiredService<IOrderService>();

        var placed = await orders.PlaceAsync(Request(mould, 200, AttributeValue.Date(new DateOnly(2027, 6, 18)), Money.FromFen(9_000)), "k-ok");

        var line = placed.Orders.Single().Lines.Single();
        Assert.Equal(9_000, line.UnitPrice.Minor);
        Assert.Equal(AttributeValue.Date(new DateOnly(2027, 6, 18)), line.Attributes["deliveryDate"]);
        Assert.Equal(300, await StockAsync(host, mould));
    }

    // The moulds sample market has no line policy of its own, so the probe's decides its lines (the appliance market
    // prices its lines by its own wholesale tiers).
    private static async Task<Guid> ListMouldAsync(HttpClient merchant, string title, long price, long stock)
    {
        var created = await merchant.PostAsJsonAsync("/api/v1/listings", new
        {
            marketId = "moulds",
            title = new Dictionary<string, string> { ["zh-CN"] = title },
            categoryPath = "housewares",
            priceMinor = price,
            unit = "set",
            stock,
            attributes = new Dictionary<string, object> { ["mouldType"] = "injection", ["cavities"] = 4, ["steelGrade"] = "P20", ["leadTimeDays"] = 30 },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = created.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await merchant.PostAsync($"{url}/publish", null)).StatusCode);
        return Guid.Parse(url[(url.LastIndexOf('/') + 1)..]);
    }

    private static PlaceOrderRequest Request(Guid listing, long quantity, AttributeValue? deliveryDate, Money? price = null) => new()
    {
        BuyerId = "policy-buyer",
        MarketId = "moulds",
        Lines =
        [
            new PlaceOrderLine
            {
                ListingId = listing,
                Quantity = quantity,
                UnitPrice = price,
                Attributes = deliveryDate is null ? new Dictionary<string, AttributeValue>() : new Dictionary<string, AttributeValue> { ["deliveryDate"] = deliveryDate },
            },
        ],
    };
}
