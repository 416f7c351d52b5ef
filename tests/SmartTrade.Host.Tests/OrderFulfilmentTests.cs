using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Orders;
using SmartTrade.Platform.Outbox;
using SmartTrade.Platform.Payments;
using SmartTrade.Sdk.Security;
using Xunit;
using static SmartTrade.Host.Tests.Shopping;

namespace SmartTrade.Host.Tests;

/// <summary>After payment: shipping, delivery, completion, refunds and cancelling a paid order, through the real host.</summary>
public sealed class OrderFulfilmentTests : IDisposable
{
    private readonly TestFolders _folders = new();

    public OrderFulfilmentTests() => _folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task A_paid_order_is_shipped_delivered_and_completed_and_each_step_reaches_plugins_as_an_sdk_event()
    {
        _folders.AddProbe("probe-fulfilment");
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var order = await BuyAndPayAsync(buyer, await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5), 1);

        var shipped = await merchant.PostAsJsonAsync($"/api/v1/orders/{order["id"]}/ship", new { trackingNumber = "SF1234567890" });
        var delivered = await merchant.PostAsync($"/api/v1/orders/{order["id"]}/deliver", null);
        var completed = await buyer.PostAsync($"/api/v1/orders/{order["id"]}/confirm-receipt", null);
        await host.Services.GetRequiredService<OutboxProcessor>().DrainAsync(CancellationToken.None);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], [shipped.StatusCode, delivered.StatusCode, completed.StatusCode]);
        var final = await OrderAsync(buyer, order);
        Assert.Equal("Completed", final["status"]!.GetValue<string>());
        Assert.NotNull(final["deliveredAt"]);
        Assert.NotNull(final["closedAt"]);
        var number = order["number"]!.GetValue<string>();
        Assert.Equal(
            [$"{number} OrderPlaced", $"{number} OrderPaid", $"{number} OrderShipped", $"{number} OrderDelivered", $"{number} OrderCompleted"],
            (await buyer.GetFromJsonAsync<string[]>("/api/v1/test-plugins/probe-fulfilment/events"))!);
    }

    [Fact]
    public async Task The_buyer_confirming_receipt_of_a_shipped_order_delivers_and_completes_it_and_only_the_buyer_may()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var order = await BuyAndPayAsync(buyer, await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5), 1);
        var early = await buyer.PostAsync($"/api/v1/orders/{order["id"]}/confirm-receipt", null);
        await merchant.PostAsJsonAsync($"/api/v1/orders/{order["id"]}/ship", new { trackingNumber = "SF1234567890" });

        var byMerchant = await merchant.PostAsync($"/api/v1/orders/{order["id"]}/confirm-receipt", null);
        var byBuyer = await buyer.PostAsync($"/api/v1/orders/{order["id"]}/confirm-receipt", null);
        var deliverAfter = await merchant.PostAsync($"/api/v1/orders/{order["id"]}/deliver", null);

        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byMerchant.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byBuyer.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, deliverAfter.StatusCode);
        Assert.Equal("Completed", await StatusAsync(buyer, order));
    }

    [Fact]
    public async Task A_delivered_order_completes_by_itself_seven_days_after_delivery()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
        await using var host = new TestHost(_folders, time: time);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var order = await BuyAndPayAsync(buyer, await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5), 1);
        await merchant.PostAsJsonAsync($"/api/v1/orders/{order["id"]}/ship", new { trackingNumber = "SF1234567890" });
        await merchant.PostAsync($"/api/v1/orders/{order["id"]}/deliver", null);

        time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        var early = await CompleteDueAsync(host);
        buyer = await host.ClientForAsync("buyer@smarttrade.demo"); // a week later, the old token has expired
        var before = await StatusAsync(buyer, order);
        time.Advance(TimeSpan.FromMinutes(1));

        // The host's own timer runs on the same clock and may get there first; either way it happens once.
        await CompleteDueAsync(host);

        Assert.Equal(0, early);
        Assert.Equal("Delivered", before);
        Assert.Equal("Completed", await StatusAsync(buyer, order));
    }

    [Fact]
    public async Task Partial_refunds_add_up_to_a_full_refund_and_never_exceed_what_was_paid()
    {
        _folders.AddProbe("probe-refunds");
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var order = await BuyAndPayAsync(buyer, await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5), 2);
        await merchant.PostAsJsonAsync($"/api/v1/orders/{order["id"]}/ship", new { trackingNumber = "SF1234567890" });

        var first = await RefundAsync(merchant, order, 5_000);
        var tooMuch = await RefundAsync(merchant, order, 20_801);
        var rest = await RefundAsync(merchant, order, null);
        var more = await RefundAsync(merchant, order, 1);
        await host.Services.GetRequiredService<OutboxProcessor>().DrainAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var partial = (await first.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("PartiallyRefunded", 5_000L), (partial["status"]!.GetValue<string>(), partial["refundedTotal"]!["minor"]!.GetValue<long>()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rest.StatusCode);
        var full = await OrderAsync(buyer, order);
        Assert.Equal(("Refunded", 25_800L), (full["status"]!.GetValue<string>(), full["refundedTotal"]!["minor"]!.GetValue<long>()));
        Assert.Equal(HttpStatusCode.Conflict, more.StatusCode);
        Assert.Equal(25_800, await GatewayRefundedAsync(host, order));
        var number = order["number"]!.GetValue<string>();
        Assert.Equal(2, (await buyer.GetFromJsonAsync<string[]>("/api/v1/test-plugins/probe-refunds/events"))!.Count(e => e == $"{number} OrderRefunded"));
    }

    [Fact]
    public async Task A_refund_repeated_with_the_same_idempotency_key_refunds_once()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var order = await BuyAndPayAsync(buyer, await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5), 2);

        var first = await RefundAsync(merchant, order, 3_000, "refund-once-1");
        var replay = await RefundAsync(merchant, order, 3_000, "refund-once-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(3_000, (await OrderAsync(buyer, order))["refundedTotal"]!["minor"]!.GetValue<long>());
        Assert.Equal(3_000, await GatewayRefundedAsync(host, order));
    }

    [Fact]
    public async Task Only_the_orders_merchant_or_an_admin_refunds_and_bad_amounts_are_refused()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var admin = await host.AdminAsync();
        var otherMerchant = await host.ClientForAsync(await CreateUserAsync(host, "other-merchant@smarttrade.test", Roles.Merchant));
        var order = await BuyAndPayAsync(buyer, await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5), 1);

        var byBuyer = await RefundAsync(buyer, order, 100);
        var byOther = await RefundAsync(otherMerchant, order, 100);
        var zero = await RefundAsync(merchant, order, 0);
        var negative = await RefundAsync(merchant, order, -5);
        var byAdmin = await RefundAsync(admin, order, 100);

        Assert.Equal(HttpStatusCode.Forbidden, byBuyer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, zero.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(100, await GatewayRefundedAsync(host, order));
    }

    [Fact]
    public async Task An_unpaid_order_cannot_be_refunded()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var order = await BuyAsync(buyer, await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5), 1);

        var refund = await RefundAsync(merchant, order, null);

        Assert.Equal(HttpStatusCode.Conflict, refund.StatusCode);
        Assert.Equal("PendingPayment", await StatusAsync(buyer, order));
    }

    [Fact]
    public async Task Cancelling_a_paid_order_returns_the_payment_in_full_and_the_stock()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5);
        var order = await BuyAndPayAsync(buyer, kettle, 2);

        var cancelled = await buyer.PostAsync($"/api/v1/orders/{order["id"]}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var after = await OrderAsync(buyer, order);
        Assert.Equal(("Cancelled", 25_800L), (after["status"]!.GetValue<string>(), after["refundedTotal"]!["minor"]!.GetValue<long>()));
        Assert.Equal(25_800, await GatewayRefundedAsync(host, order));
        Assert.Equal(5, await StockAsync(host, kettle));
    }

    [Fact]
    public async Task A_shipped_order_cannot_be_cancelled_and_its_full_refund_keeps_the_stock_with_the_buyer()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5);
        var order = await BuyAndPayAsync(buyer, kettle, 2);
        await merchant.PostAsJsonAsync($"/api/v1/orders/{order["id"]}/ship", new { trackingNumber = "SF1234567890" });

        var cancel = await buyer.PostAsync($"/api/v1/orders/{order["id"]}/cancel", null);
        var refund = await RefundAsync(merchant, order, null);

        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal(3, await StockAsync(host, kettle));
    }

    [Fact]
    public async Task A_full_refund_of_an_order_that_never_shipped_puts_its_stock_back()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var kettle = await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5);
        var order = await BuyAndPayAsync(buyer, kettle, 2);

        var refund = await RefundAsync(merchant, order, null);

        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        Assert.Equal("Refunded", await StatusAsync(buyer, order));
        Assert.Equal(5, await StockAsync(host, kettle));
    }

    private static async Task<HttpResponseMessage> RefundAsync(HttpClient client, JsonNode order, long? amount, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/orders/{order["id"]}/refunds")
        {
            Content = JsonContent.Create(new { amountMinor = amount, reason = "damaged in transit" }),
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    private static async Task<long> GatewayRefundedAsync(TestHost host, JsonNode order)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var id = Guid.Parse(order["id"]!.GetValue<string>());
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<PaymentIntentRecord>()
            .Where(i => i.OrderId == id).Select(i => i.RefundedMinor).SingleAsync();
    }

    private static async Task<int> CompleteDueAsync(TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrderLifecycle>().CompleteDueAsync(CancellationToken.None);
    }
}
