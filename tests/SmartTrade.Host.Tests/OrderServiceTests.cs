using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Sdk.Orders;
using Xunit;
using static SmartTrade.Host.Tests.Shopping;

namespace SmartTrade.Host.Tests;

/// <summary>The SDK's IOrderService as plugins use it: direct placement at a negotiated price, idempotent.</summary>
public sealed class OrderServiceTests : IDisposable
{
    private readonly TestFolders _folders = new();

    public OrderServiceTests()
    {
        _folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket");
        _folders.AddProbe("probe-sales");
    }

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task A_plugin_places_an_order_at_a_negotiated_price_with_line_choices_and_stock_is_reserved()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 600);

        var response = await NegotiatedSaleAsync(buyer, kettle, 500, 9_800, "quote-42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var order = (await response.Content.ReadFromJsonAsync<JsonObject>())!["orders"]![0]!;
        Assert.Equal(4_900_000, order["total"]!["minor"]!.GetValue<long>());
        Assert.Equal(9_800, order["lines"]![0]!["unitPrice"]!["minor"]!.GetValue<long>());
        Assert.Equal("2027-06-18", order["lines"]![0]!["attributes"]!["deliveryDate"]!["value"]!.ToString());
        Assert.Equal(100, await StockAsync(host, kettle));
        Assert.Equal("PendingPayment", await StatusAsync(buyer, order));
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_first_result_and_places_nothing_more()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 10);

        var first = await (await NegotiatedSaleAsync(buyer, kettle, 2, 9_800, "quote-7")).Content.ReadFromJsonAsync<JsonObject>();
        var again = await (await NegotiatedSaleAsync(buyer, kettle, 2, 9_800, "quote-7")).Content.ReadFromJsonAsync<JsonObject>();
        var different = await (await NegotiatedSaleAsync(buyer, kettle, 3, 9_800, "quote-7")).Content.ReadFromJsonAsync<JsonObject>();

        Assert.True(again!["replayed"]!.GetValue<bool>());
        Assert.Equal(first!["orders"]![0]!["id"]!.ToString(), again["orders"]![0]!["id"]!.ToString());
        Assert.Equal("IdempotencyKeyReused", different!["failure"]!["code"]!.ToString());
        Assert.Equal(8, await StockAsync(host, kettle));
    }

    [Theory]
    [InlineData(0, 9_800, "Invalid")]
    [InlineData(11, 9_800, "InsufficientStock")]
    [InlineData(1, -1, "PriceNotAccepted")]
    public async Task Bad_purchases_fail_with_a_code_and_change_nothing(long quantity, long price, string code)
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 10);

        var result = await (await NegotiatedSaleAsync(buyer, kettle, quantity, price, $"bad-{code}")).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(code, result!["failure"]!["code"]!.ToString());
        Assert.Equal(10, await StockAsync(host, kettle));
    }

    [Fact]
    public async Task A_listing_of_another_market_or_the_buyers_own_is_refused_and_an_unknown_order_reads_as_null()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 10);
        await using var scope = host.Services.CreateAsyncScope();
        var orders = scope.ServiceProvider.GetRequiredService<IOrderService>();
        var merchantId = await MerchantIdAsync(merchant);

        var unknown = await orders.GetAsync(Guid.NewGuid());
        var otherMarket = await orders.PlaceAsync(new PlaceOrderRequest { BuyerId = "someone", MarketId = "agri", Lines = [new PlaceOrderLine { ListingId = kettle, Quantity = 1 }] }, null);
        var own = await orders.PlaceAsync(new PlaceOrderRequest { BuyerId = merchantId, MarketId = "appliances", Lines = [new PlaceOrderLine { ListingId = kettle, Quantity = 1 }] }, null);

        Assert.Null(unknown);
        Assert.Equal(PlaceOrderFailureCode.ListingNotFound, otherMarket.Failure!.Code);
        Assert.Equal(PlaceOrderFailureCode.ListingNotOrderable, own.Failure!.Code);
    }

    private static async Task<string> MerchantIdAsync(HttpClient merchant)
        => (await merchant.GetFromJsonAsync<JsonObject>("/api/v1/listings?mine=true"))!["items"]![0]!["merchantId"]!.ToString();

    private static Task<HttpResponseMessage> NegotiatedSaleAsync(HttpClient buyer, Guid listing, long quantity, long price, string key)
        => buyer.PostAsJsonAsync("/api/v1/test-plugins/probe-sales/negotiated-sale", new { marketId = "appliances", listingId = listing, quantity, unitPriceMinor = price, key });
}
