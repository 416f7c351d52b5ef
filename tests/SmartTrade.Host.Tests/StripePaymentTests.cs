using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Platform.Outbox;
using SmartTrade.Host.Tests.Storefront;
using SmartTrade.Platform.Payments.Tests;
using Xunit;
using static SmartTrade.Host.Tests.Shopping;

namespace SmartTrade.Host.Tests;

/// <summary>
/// Paying with Stripe through the host, end to end: the host talks to a Stripe-shaped local server with Stripe.net,
/// and Stripe's signed webhooks (the real signing scheme) move the order.
/// </summary>
public sealed class StripePaymentTests : IAsyncLifetime, IDisposable
{
    private const string WebhookSecret = "whsec_host_tests";
    private readonly TestFolders _folders = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
    private FakeStripeServer _stripe = null!;

    public StripePaymentTests() => _folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket");

    public async Task InitializeAsync() => _stripe = await FakeStripeServer.StartAsync();

    public async Task DisposeAsync() => await _stripe.DisposeAsync();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task A_signed_payment_succeeded_webhook_marks_the_order_paid_once_and_a_replay_changes_nothing()
    {
        _folders.AddProbe("probe-stripe");
        await using var host = StripeHost();
        var (buyer, order, intentId) = await StartStripePaymentAsync(host);
        var body = IntentSucceeded("evt_host_1", intentId, 25_800);

        var first = await PostWebhookAsync(host, body, FakeStripeServer.Sign(body, WebhookSecret, _time.GetUtcNow()));
        var replay = await PostWebhookAsync(host, body, FakeStripeServer.Sign(body, WebhookSecret, _time.GetUtcNow()));
        await host.Services.GetRequiredService<OutboxProcessor>().DrainAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.True((await replay.Content.ReadFromJsonAsync<JsonObject>())!["duplicate"]!.GetValue<bool>());
        Assert.Equal("Paid", await StatusAsync(buyer, order));
        var number = order["number"]!.GetValue<string>();
        Assert.Single((await buyer.GetFromJsonAsync<string[]>("/api/v1/test-plugins/probe-stripe/events"))!, e => e == $"{number} OrderPaid");
    }

    [Fact]
    public async Task A_tampered_or_stale_webhook_is_400_and_leaves_the_order_pending()
    {
        await using var host = StripeHost();
        var (buyer, order, intentId) = await StartStripePaymentAsync(host);
        var body = IntentSucceeded("evt_host_2", intentId, 25_800);
        var signature = FakeStripeServer.Sign(body, WebhookSecret, _time.GetUtcNow());

        var tampered = await PostWebhookAsync(host, body.Replace("25800", "1", StringComparison.Ordinal), signature);
        var wrongSecret = await PostWebhookAsync(host, body, FakeStripeServer.Sign(body, "whsec_someone_else", _time.GetUtcNow()));
        var stale = await PostWebhookAsync(host, body, FakeStripeServer.Sign(body, WebhookSecret, _time.GetUtcNow().AddSeconds(-301)));
        var unsigned = await host.CreateClient().PostAsync("/api/v1/payments/webhooks/stripe", new StringContent(body));

        Assert.All([tampered, wrongSecret, stale, unsigned], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Equal("application/problem+json", tampered.Content.Headers.ContentType?.MediaType);
        Assert.Equal("PendingPayment", await StatusAsync(buyer, order));
    }

    [Fact]
    public async Task A_merchant_refund_goes_to_stripe_with_an_idempotency_key_and_a_refund_made_at_stripe_reaches_the_order()
    {
        await using var host = StripeHost();
        var merchantClient = await host.ClientForAsync("merchant@smarttrade.demo");
        var (buyer, order, intentId) = await StartStripePaymentAsync(host);
        var paid = IntentSucceeded("evt_host_3", intentId, 25_800);
        await PostWebhookAsync(host, paid, FakeStripeServer.Sign(paid, WebhookSecret, _time.GetUtcNow()));

        var refund = await merchantClient.PostAsJsonAsync($"/api/v1/orders/{order["id"]}/refunds", new { amountMinor = 5_000, reason = "late delivery" });
        var dashboardRefund = ChargeRefunded("evt_host_4", intentId, amountRefunded: 8_000);
        var refunded = await PostWebhookAsync(host, dashboardRefund, FakeStripeServer.Sign(dashboardRefund, WebhookSecret, _time.GetUtcNow()));

        Assert.Equal(HttpStatusCode.OK, refund.StatusCode);
        var request = Assert.Single(_stripe.Requests, r => r.Path == "/v1/refunds");
        Assert.Equal(("5000", intentId), (request.Form["amount"], request.Form["payment_intent"]));
        Assert.False(string.IsNullOrEmpty(request.IdempotencyKey));
        Assert.Equal(HttpStatusCode.OK, refunded.StatusCode);
        var after = await OrderAsync(buyer, order);
        Assert.Equal(("PartiallyRefunded", 8_000L), (after["status"]!.GetValue<string>(), after["refundedTotal"]!["minor"]!.GetValue<long>()));
    }

    private TestHost StripeHost(string defaultGateway = "sandbox") => new(_folders, time: _time, settings: new Dictionary<string, string?>
    {
        ["SmartTrade:Payments:DefaultGateway"] = defaultGateway,
        ["SmartTrade:Payments:Stripe:SecretKey"] = "sk_test_host_tests",
        ["SmartTrade:Payments:Stripe:PublishableKey"] = "pk_test_host_tests",
        ["SmartTrade:Payments:Stripe:WebhookSecret"] = WebhookSecret,
        ["SmartTrade:Payments:Stripe:ApiBase"] = _stripe.Url,
        ["SmartTrade:Payments:Stripe:MaxNetworkRetries"] = "0",
    });

    [Fact]
    public async Task With_Stripe_as_the_default_gateway_the_order_page_hands_the_card_to_Stripes_payment_element_and_the_webhook_marks_it_paid()
    {
        await using var host = StripeHost(defaultGateway: "stripe");
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyerApi = await host.ClientForAsync("buyer@smarttrade.demo");
        var order = await BuyAsync(buyerApi, await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5), 2);
        using var browser = new Browser(host);
        await browser.SignInAsync("buyer@smarttrade.demo");

        var orderPage = await browser.OpenAsync($"/orders/{order["id"]}");
        Assert.Null(orderPage.Document.GetElementById("CardNumber")); // no card fields on our side
        var started = await orderPage.SubmitAsync(browser, $"/orders/{order["id"]}/pay");

        Assert.Equal(HttpStatusCode.OK, started.Status);
        var stripeForm = started.Document.GetElementById("stripe-payment")!;
        Assert.Equal("pk_test_host_tests", stripeForm.GetAttribute("data-stripe-key"));
        var secret = stripeForm.GetAttribute("data-stripe-client-secret")!;
        var intentId = secret[..secret.IndexOf("_secret_", StringComparison.Ordinal)];
        Assert.StartsWith("pi_", intentId);
        Assert.Contains("https://js.stripe.com/v3/", started.Html);
        Assert.Equal("PendingPayment", await StatusAsync(buyerApi, order));

        var paid = IntentSucceeded("evt_host_page", intentId, 25_800);
        Assert.Equal(HttpStatusCode.OK, (await PostWebhookAsync(host, paid, FakeStripeServer.Sign(paid, WebhookSecret, _time.GetUtcNow()))).StatusCode);
        Assert.Equal("Paid", await StatusAsync(buyerApi, order));
        Assert.Null((await browser.OpenAsync($"/orders/{order["id"]}")).Document.GetElementById("stripe-payment"));
    }

    /// <summary>Checks out two kettles and starts paying with Stripe; the buyer's browser step is not part of the host.</summary>
    private static async Task<(HttpClient Buyer, JsonNode Order, string IntentId)> StartStripePaymentAsync(TestHost host)
    {
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var order = await BuyAsync(buyer, await ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 5), 2);
        var started = await buyer.PostAsJsonAsync($"/api/v1/orders/{order["id"]}/pay", new { gateway = "stripe" });
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        var payment = (await started.Content.ReadFromJsonAsync<JsonObject>())!["payment"]!;
        Assert.Equal("PendingPayment", await StatusAsync(buyer, order));
        return (buyer, order, payment["id"]!.GetValue<string>());
    }

    private static async Task<HttpResponseMessage> PostWebhookAsync(TestHost host, string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/payments/webhooks/stripe") { Content = new StringContent(body) };
        request.Headers.Add("Stripe-Signature", signature);
        return await host.CreateClient().SendAsync(request);
    }

    private string IntentSucceeded(string eventId, string intentId, long amount) => FakeStripeServer.Event(eventId, "payment_intent.succeeded", _time.GetUtcNow(), new JsonObject
    {
        ["id"] = intentId,
        ["object"] = "payment_intent",
        ["amount"] = amount,
        ["currency"] = "cny",
        ["status"] = "succeeded",
        ["created"] = _time.GetUtcNow().ToUnixTimeSeconds(),
    });

    private string ChargeRefunded(string eventId, string intentId, long amountRefunded) => FakeStripeServer.Event(eventId, "charge.refunded", _time.GetUtcNow(), new JsonObject
    {
        ["id"] = "ch_host_1",
        ["object"] = "charge",
        ["amount"] = 25_800,
        ["amount_refunded"] = amountRefunded,
        ["currency"] = "cny",
        ["payment_intent"] = intentId,
        ["refunded"] = false,
        ["refunds"] = new JsonObject { ["object"] = "list", ["data"] = new JsonArray() },
    });
}
