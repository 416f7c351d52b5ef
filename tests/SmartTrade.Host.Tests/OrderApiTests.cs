using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Identity;
using SmartTrade.Platform.Orders;
using SmartTrade.Platform.Outbox;
using SmartTrade.Sdk.Security;
using Xunit;
using static SmartTrade.Host.Tests.Shopping;

namespace SmartTrade.Host.Tests;

/// <summary>Cart, checkout with stock reservation, cancellation, expiry and shipping through the real host.</summary>
public sealed class OrderApiTests(ApplianceMarketHost shared) : IClassFixture<ApplianceMarketHost>, IDisposable
{
    private readonly TestFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Checkout_makes_one_order_per_merchant_with_price_snapshots_and_reserves_stock()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var other = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 10);
        var fan = await ListKettleAsync(other, "静音落地扇", 19_900, stock: 5);
        await SetLineAsync(buyer, kettle, 2);
        await SetLineAsync(buyer, fan, 1);

        var checkout = await buyer.PostAsync("/api/v1/orders/checkout", null);
        var orders = await checkout.Content.ReadFromJsonAsync<JsonArray>();
        await Reprice(merchant, kettle, 99_900);

        Assert.Equal(HttpStatusCode.Created, checkout.StatusCode);
        Assert.Equal(2, orders!.Count);
        var kettleOrder = orders.Single(o => o!["lines"]![0]!["listingId"]!.GetValue<string>() == kettle.ToString())!;
        Assert.Equal("PendingPayment", kettleOrder["status"]!.GetValue<string>());
        Assert.Equal(25_800, kettleOrder["total"]!["minor"]!.GetValue<long>());
        Assert.Equal(8, await StockAsync(host, kettle));
        Assert.Equal(4, await StockAsync(host, fan));
        var reread = await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{kettleOrder["id"]}");
        Assert.Equal(12_900, reread!["lines"]![0]!["unitPrice"]!["minor"]!.GetValue<long>());
        Assert.Empty((await buyer.GetFromJsonAsync<JsonObject>("/api/v1/cart"))!["lines"]!.AsArray());
    }

    [Fact]
    public async Task Fifty_buyers_racing_for_the_last_ten_units_get_exactly_ten_orders_and_stock_never_goes_negative()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 10);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            for (var i = 0; i < 50; i++)
            {
                db.Add(new CartLineEntity { BuyerId = $"racer-{i}", ListingId = kettle, Quantity = 1 });
            }

            await db.SaveChangesAsync();
        }

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<Checkout>().PlaceAsync($"racer-{i}", CancellationToken.None);
        })));

        Assert.Equal(10, results.Count(r => r.Orders is not null));
        Assert.Equal(40, results.Count(r => r.Refusal?.Status == 409));
        Assert.Equal(0, await StockAsync(host, kettle));
        var listing = await merchant.GetFromJsonAsync<JsonObject>($"/api/v1/listings/{kettle}");
        Assert.Equal("SoldOut", listing!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unpaid_order_expires_after_fifteen_minutes_and_its_stock_comes_back()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
        _folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket");
        await using var host = new TestHost(_folders, time: time);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 3);
        await SetLineAsync(buyer, kettle, 3);
        var order = (await (await buyer.PostAsync("/api/v1/orders/checkout", null)).Content.ReadFromJsonAsync<JsonArray>())![0]!;

        time.Advance(TimeSpan.FromMinutes(14));
        var early = await ExpireAsync(host);
        var atFourteen = (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{order["id"]}"))!["status"]!.GetValue<string>();
        time.Advance(TimeSpan.FromMinutes(1));

        // The host's own expiry timer runs on the same clock and may get there first; either way it happens once.
        await ExpireAsync(host);

        Assert.Equal(0, early);
        Assert.Equal("PendingPayment", atFourteen);
        Assert.Equal("Cancelled", (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{order["id"]}"))!["status"]!.GetValue<string>());
        Assert.Equal(3, await StockAsync(host, kettle));
        Assert.Equal("Active", (await merchant.GetFromJsonAsync<JsonObject>($"/api/v1/listings/{kettle}"))!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_buyer_cancels_a_pending_order_and_the_stock_is_released_once()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5);
        await SetLineAsync(buyer, kettle, 2);
        var order = (await (await buyer.PostAsync("/api/v1/orders/checkout", null)).Content.ReadFromJsonAsync<JsonArray>())![0]!;

        var cancelled = await buyer.PostAsync($"/api/v1/orders/{order["id"]}/cancel", null);
        var again = await buyer.PostAsync($"/api/v1/orders/{order["id"]}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(5, await StockAsync(host, kettle));
    }

    [Fact]
    public async Task An_unpaid_order_cannot_be_shipped_and_only_its_merchant_may_try()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5);
        await SetLineAsync(buyer, kettle, 1);
        var order = (await (await buyer.PostAsync("/api/v1/orders/checkout", null)).Content.ReadFromJsonAsync<JsonArray>())![0]!;

        var unpaid = await merchant.PostAsJsonAsync($"/api/v1/orders/{order["id"]}/ship", new { trackingNumber = "SF1234567890" });
        var noTracking = await merchant.PostAsJsonAsync($"/api/v1/orders/{order["id"]}/ship", new { trackingNumber = "" });
        var merchantOrders = await merchant.GetFromJsonAsync<JsonArray>("/api/v1/orders?as=merchant");

        Assert.Equal(HttpStatusCode.Conflict, unpaid.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noTracking.StatusCode);
        Assert.Single(merchantOrders!);
    }

    [Fact]
    public async Task Checkout_then_sandbox_payment_then_shipping_moves_the_order_from_pending_to_paid_to_shipped()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5);
        await SetLineAsync(buyer, kettle, 2);
        var order = (await (await buyer.PostAsync("/api/v1/orders/checkout", null)).Content.ReadFromJsonAsync<JsonArray>())![0]!;

        var paid = await PayAsync(buyer, order, "4242 4242 4242 4242");
        var payAgain = await PayAsync(buyer, order, "4242 4242 4242 4242");
        var shipped = await merchant.PostAsJsonAsync($"/api/v1/orders/{order["id"]}/ship", new { trackingNumber = "SF1234567890", carrier = "SF Express" });

        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        var paidBody = await paid.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("Paid", paidBody!["order"]!["status"]!.GetValue<string>());
        Assert.Equal("Succeeded", paidBody["payment"]!["status"]!.GetValue<string>());
        Assert.Equal(25_800, paidBody["payment"]!["amount"]!["minor"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.Conflict, payAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, shipped.StatusCode);
        Assert.Equal("Shipped", (await shipped.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal("SF1234567890", (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{order["id"]}"))!["trackingNumber"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_declined_card_is_402_and_leaves_the_order_pending_so_the_buyer_can_retry()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5);
        await SetLineAsync(buyer, kettle, 1);
        var order = (await (await buyer.PostAsync("/api/v1/orders/checkout", null)).Content.ReadFromJsonAsync<JsonArray>())![0]!;

        var declined = await PayAsync(buyer, order, "4000 0000 0000 0002");
        var status = (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{order["id"]}"))!["status"]!.GetValue<string>();
        var retried = await PayAsync(buyer, order, "4242424242424242");

        Assert.Equal(HttpStatusCode.PaymentRequired, declined.StatusCode);
        Assert.Equal("card_declined", (await declined.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<string>());
        Assert.Equal("PendingPayment", status);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
    }

    [Fact]
    public async Task Another_buyer_cannot_pay_an_order_and_an_unknown_gateway_is_refused()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var stranger = await shared.NewAccountAsync(Roles.Buyer);
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5);
        await SetLineAsync(buyer, kettle, 1);
        var order = (await (await buyer.PostAsync("/api/v1/orders/checkout", null)).Content.ReadFromJsonAsync<JsonArray>())![0]!;

        var foreign = await PayAsync(stranger, order, "4242424242424242");
        var unknown = await buyer.PostAsJsonAsync($"/api/v1/orders/{order["id"]}/pay", new { gateway = "alipay", card = new { number = "4242424242424242", expMonth = 12, expYear = 2099, cvc = "123" } });
        var webhook = await host.CreateClient().PostAsync("/api/v1/payments/webhooks/stripe", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, webhook.StatusCode);
        Assert.Equal("PendingPayment", (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{order["id"]}"))!["status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(0, HttpStatusCode.NoContent)]
    [InlineData(-1, HttpStatusCode.BadRequest)]
    [InlineData(6, HttpStatusCode.Conflict)]
    public async Task Cart_quantities_are_checked_against_stock(long quantity, HttpStatusCode expected)
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5);

        var response = await buyer.PutAsJsonAsync($"/api/v1/cart/lines/{kettle}", new { quantity });

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Checking_out_an_empty_cart_is_refused()
    {
        var host = shared.Host;
        var buyer = await shared.NewAccountAsync(Roles.Buyer);

        var response = await buyer.PostAsync("/api/v1/orders/checkout", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
    }

    [Fact]
    public async Task Another_buyer_cannot_see_or_cancel_an_order()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var stranger = await shared.NewAccountAsync(Roles.Buyer);
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5);
        await SetLineAsync(buyer, kettle, 1);
        var order = (await (await buyer.PostAsync("/api/v1/orders/checkout", null)).Content.ReadFromJsonAsync<JsonArray>())![0]!;

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/orders/{order["id"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/orders/{order["id"]}/cancel", null)).StatusCode);
        Assert.Equal(4, await StockAsync(host, kettle));
    }

    [Fact]
    public async Task A_placed_order_reaches_the_enabled_plugins_as_an_sdk_event()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5);
        await SetLineAsync(buyer, kettle, 1);
        var order = (await (await buyer.PostAsync("/api/v1/orders/checkout", null)).Content.ReadFromJsonAsync<JsonArray>())![0]!;

        await host.Services.GetRequiredService<OutboxProcessor>().DrainAsync(CancellationToken.None);

        var received = (await buyer.GetFromJsonAsync<string[]>("/api/v1/test-plugins/probe-orders/received"))!;
        Assert.Single(received, number => number == order["number"]!.GetValue<string>());
    }

    private static async Task<int> ExpireAsync(TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrderLifecycle>().ExpireDueAsync(CancellationToken.None);
    }

    private static async Task Reprice(HttpClient merchant, Guid listing, long price)
    {
        var current = await merchant.GetAsync($"/api/v1/listings/{listing}");
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/listings/{listing}") { Content = JsonContent.Create(KettleBody("改价", price, 8)) };
        put.Headers.IfMatch.Add(current.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await merchant.SendAsync(put)).StatusCode);
    }
}
