using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace SmartTrade.Host.Tests.ScaleOut;

/// <summary>
/// Two hosts started together on one PostgreSQL database and one Redis behave as one system: they set up the empty
/// database and key ring once between them, and share sign-ins (data protection keys), idempotent requests, rate-limit
/// counters, cached listings and live order and market data; and they survive Redis going away and coming back.
/// </summary>
public sealed partial class RedisScaleOutTests(TwoHostsFixture hosts) : IClassFixture<TwoHostsFixture>
{
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_cookie_signed_in_on_host_A_with_a_form_from_host_B_is_accepted_by_host_B()
    {
        using var a = Plain(hosts.A);
        using var b = Plain(hosts.B);

        // The form (and its antiforgery cookie) comes from B, is posted to A: antiforgery tokens cross hosts too.
        var form = await b.GetAsync("/account/login");
        var html = await form.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html).Groups[1].Value;
        var login = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Email", "admin@smarttrade.demo"), new("Password", TestHost.Password), new("ReturnUrl", "/")]),
        };
        login.Headers.Add("Cookie", Cookies(form));
        var signedIn = await a.SendAsync(login);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var authCookie = Cookies(signedIn);
        Assert.Contains("smarttrade.auth=", authCookie, StringComparison.Ordinal);

        var onB = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/plugins");
        onB.Headers.Add("Cookie", authCookie);
        var anonymousOnB = await b.GetAsync("/api/v1/admin/plugins");

        Assert.Equal(HttpStatusCode.OK, (await b.SendAsync(onB)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousOnB.StatusCode);
    }

    [Fact]
    public async Task A_bearer_token_issued_by_host_A_is_accepted_by_host_B()
    {
        using var onA = await HostProcess.ClientForAsync(hosts.A.Port, "admin@smarttrade.demo");
        using var onB = Plain(hosts.B);
        onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;

        Assert.Equal(HttpStatusCode.OK, (await onB.GetAsync("/api/v1/admin/plugins")).StatusCode);
    }

    [Fact]
    public async Task An_idempotent_request_repeated_on_host_B_after_host_A_answered_it_is_replayed_and_not_run_again()
    {
        using var onA = await HostProcess.ClientForAsync(hosts.A.Port, "trader@smarttrade.demo");
        using var onB = Plain(hosts.B);
        onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;
        var key = Guid.NewGuid().ToString();

        var first = await DeclareAsync(onA, key);
        var repeat = await DeclareAsync(onB, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        var declared = (await first.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        Assert.Equal(declared, (await repeat.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>());
        Assert.Single((await onA.GetFromJsonAsync<JsonArray>("/api/v1/receipts/load-ins"))!, l => l!["batchNumber"]?.GetValue<string>() == BatchOf(key));
        Assert.Single((await onB.GetFromJsonAsync<JsonArray>("/api/v1/receipts/load-ins"))!, l => l!["batchNumber"]?.GetValue<string>() == BatchOf(key));
    }

    [Fact]
    public void Hosts_started_together_on_an_empty_Redis_share_one_data_protection_key()
        => Assert.Equal(1, hosts.DataProtectionKeysAtStart); // counted at start: a test here restarts Redis empty

    [Fact]
    public async Task Hosts_started_together_on_an_empty_database_seed_the_demo_data_once()
    {
        using var trader = await HostProcess.ClientForAsync(hosts.B.Port, "trader@smarttrade.demo");
        string[] demoLots = ["DEMO-01", "DEMO-02", "DEMO-03", "DEMO-04", "DEMO-05", "DEMO-06"];
        var batches = new List<string>();
        await WaitForAsync(async () =>
        {
            batches = (await trader.GetFromJsonAsync<JsonArray>("/api/v1/receipts/load-ins"))!
                .Select(l => l!["batchNumber"]?.GetValue<string>())
                .OfType<string>()
                .Where(b => b.StartsWith("DEMO-", StringComparison.Ordinal))
                .ToList();
            return demoLots.All(batches.Contains);
        });
        // Both hosts seeded (one after the other): had they raced, each would have declared every lot.
        Assert.Equal(demoLots, batches.Order());
    }

    [Fact]
    public async Task A_listing_changed_through_host_A_shows_changed_on_host_B_at_once()
    {
        using var merchant = await HostProcess.ClientForAsync(hosts.A.Port, "merchant@smarttrade.demo");
        using var onB = Plain(hosts.B);
        var listing = await Shopping.ListKettleAsync(merchant, "两地电水壶 旧款", 12_900, 10);
        Assert.Contains("两地电水壶 旧款", await onB.GetStringAsync($"/listings/{listing}")); // now cached on B

        var read = await merchant.GetAsync($"/api/v1/listings/{listing}");
        var replace = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/listings/{listing}") { Content = JsonContent.Create(Shopping.KettleBody("两地电水壶 新款", 13_900, 10)) };
        replace.Headers.IfMatch.Add(read.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await merchant.SendAsync(replace)).StatusCode);
        var onHostB = await onB.GetStringAsync($"/listings/{listing}");

        Assert.Contains("两地电水壶 新款", onHostB);
        Assert.DoesNotContain("两地电水壶 旧款", onHostB);
    }

    [Fact]
    public async Task A_live_order_status_stream_on_host_B_sees_the_payment_made_through_host_A()
    {
        using var merchant = await HostProcess.ClientForAsync(hosts.A.Port, "merchant@smarttrade.demo");
        using var buyer = await HostProcess.ClientForAsync(hosts.A.Port, "shop@appliances.demo");
        var listing = await Shopping.ListKettleAsync(merchant, "两地电水壶 直播", 9_900, 5);
        var order = await Shopping.BuyAsync(buyer, listing, 1);
        using var onB = Plain(hosts.B);
        onB.DefaultRequestHeaders.Authorization = buyer.DefaultRequestHeaders.Authorization;
        using var streamOnB = await SseStream.OpenAsync(onB, $"/orders/{order["id"]}/live");
        using var streamOnA = await SseStream.OpenAsync(buyer, $"/orders/{order["id"]}/live");
        Assert.Equal("PendingPayment", await streamOnB.NextAsync("status"));
        Assert.Equal("PendingPayment", await streamOnA.NextAsync("status"));

        Assert.Equal(HttpStatusCode.OK, (await Shopping.PayAsync(buyer, order, Shopping.GoodCard)).StatusCode);

        // One host publishes the committed event (the one draining the outbox); the other hears it through Redis.
        Assert.Equal("Paid", await streamOnB.NextAsync("status"));
        Assert.Equal("Paid", await streamOnA.NextAsync("status"));
    }

    [Fact]
    public async Task Checkouts_on_both_hosts_count_against_one_shared_limit()
    {
        using var onA = await HostProcess.ClientForAsync(hosts.A.Port, "buyer@smarttrade.demo");
        using var onB = Plain(hosts.B);
        onB.DefaultRequestHeaders.Authorization = onA.DefaultRequestHeaders.Authorization;

        // The cart is empty, so each checkout is refused, but each one counts.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TwoHostsFixture.CheckoutLimit; i++)
        {
            statuses.Add((await (i % 2 == 0 ? onA : onB).PostAsync("/api/v1/orders/checkout", null)).StatusCode);
        }

        var over = await onB.PostAsync("/api/v1/orders/checkout", null);

        Assert.All(statuses, s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, over.StatusCode);
        Assert.True(over.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("/problems/rate-limited", (await over.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_live_market_stream_on_host_B_sees_a_trade_made_on_host_A()
    {
        using var seller = await HostProcess.ClientForAsync(hosts.A.Port, "trader2@smarttrade.demo");
        using var buyer = await HostProcess.ClientForAsync(hosts.A.Port, "trader@smarttrade.demo");
        var (instrument, _) = await HostProcess.DemoReceiptsAsync(seller);
        using var onB = Plain(hosts.B);
        await WaitForAsync(async () => (await onB.GetFromJsonAsync<JsonObject>($"/api/v1/receipts/exchange/instruments/{instrument}"))!["market"] is JsonObject);
        var price = (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/receipts/exchange/instruments/{instrument}"))!["market"]!["previousSettlement"]!.GetValue<long>();
        using var stream = await SseStream.OpenAsync(onB, $"/api/v1/receipts/exchange/instruments/{instrument}/stream");
        await stream.NextAsync("market"); // B's current snapshot: B is listening from here on

        Assert.Equal(HttpStatusCode.Created, (await seller.PostAsJsonAsync("/api/v1/receipts/exchange/receipts/deposits", new { instrument, quantity = 1_000 })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await buyer.PostAsJsonAsync("/api/v1/receipts/exchange/cash/deposits", new { amount = 100_000_000, card = new { number = Shopping.GoodCard, expMonth = 12, expYear = 2099, cvc = "123" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await seller.PostAsJsonAsync("/api/v1/receipts/exchange/orders", new { instrument, side = "sell", price, quantity = 1_000 })).StatusCode);
        var bought = await buyer.PostAsJsonAsync("/api/v1/receipts/exchange/orders", new { instrument, side = "buy", price, quantity = 1_000 });
        Assert.Equal(HttpStatusCode.Created, bought.StatusCode);

        var trade = JsonNode.Parse(await stream.NextAsync("trade"))!;
        Assert.Equal(price, trade["price"]!.GetValue<long>());
        Assert.Equal(1_000, trade["quantity"]!.GetValue<long>());
    }

    [Fact]
    public async Task With_Redis_stopped_the_hosts_are_not_ready_and_refuse_what_needs_it_with_503_then_recover_by_themselves()
    {
        using var trader = await HostProcess.ClientForAsync(hosts.A.Port, "trader@smarttrade.demo");
        using var onB = Plain(hosts.B);
        onB.DefaultRequestHeaders.Authorization = trader.DefaultRequestHeaders.Authorization;
        await hosts.Redis.StopAsync();
        try
        {
            await Task.WhenAll(hosts.A.WaitUntilReadyAsync(ready: false, Bounded), hosts.B.WaitUntilReadyAsync(ready: false, Bounded));
            var health = JsonNode.Parse(await (await onB.GetAsync("/health/ready")).Content.ReadAsStringAsync())!;
            Assert.Equal("Unhealthy", health["checks"]!["redis"]!["status"]!.GetValue<string>());

            var idempotent = await DeclareAsync(trader, Guid.NewGuid().ToString());
            var token = await onB.PostAsJsonAsync("/api/v1/auth/token", new { email = "trader@smarttrade.demo", password = TestHost.Password });
            var plain = await onB.GetAsync("/api/v1/receipts/instruments");

            await AssertUnavailableAsync(idempotent);
            await AssertUnavailableAsync(token);
            Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        }
        finally
        {
            await hosts.Redis.StartAgainAsync();
        }

        await Task.WhenAll(hosts.A.WaitUntilReadyAsync(ready: true, Bounded), hosts.B.WaitUntilReadyAsync(ready: true, Bounded));
        var key = Guid.NewGuid().ToString();
        var again = await DeclareAsync(trader, key);
        var replayed = await DeclareAsync(onB, key);
        var signIn = await onB.PostAsJsonAsync("/api/v1/auth/token", new { email = "trader@smarttrade.demo", password = TestHost.Password });

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", replayed.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/problems/service-unavailable", (await response.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>());
    }

    private static Task<HttpResponseMessage> DeclareAsync(HttpClient trader, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/receipts/load-ins")
        {
            Content = JsonContent.Create(new
            {
                instrument = "PP-T30S",
                producer = "zhenhai-refining",
                warehouse = "zs-storage-1",
                quantityKg = 10_000,
                productionDate = "2026-01-05",
                batchNumber = BatchOf(key),
            }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return trader.SendAsync(request);
    }

    // A batch number of the request's own (the hosts share one registry), at most 64 characters.
    private static string BatchOf(string idempotencyKey) => $"B-{idempotencyKey[..8]}";

    private static HttpClient Plain(HostProcess host)
        => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri($"http://127.0.0.1:{host.Port}") };

    private static string Cookies(HttpResponseMessage response)
        => string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Bounded;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The condition did not hold within a minute.");
            }

            await Task.Delay(200);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>A Server-Sent Events response read event by event.</summary>
    private sealed class SseStream : IDisposable
    {
        private readonly HttpResponseMessage _response;
        private readonly StreamReader _reader;

        private SseStream(HttpResponseMessage response, StreamReader reader)
        {
            _response = response;
            _reader = reader;
        }

        public static async Task<SseStream> OpenAsync(HttpClient client, string path)
        {
            var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            return new SseStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        }

        /// <summary>The data of the next event of this type (others are skipped), within a minute.</summary>
        public async Task<string> NextAsync(string type)
        {
            using var timeout = new CancellationTokenSource(Bounded);
            string? name = null;
            var data = new List<string>();
            while (await _reader.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Length == 0)
                {
                    if (name == type)
                    {
                        return string.Join("\n", data);
                    }

                    name = null;
                    data.Clear();
                }
                else if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data.Add(line["data: ".Length..]);
                }
            }

            throw new EndOfStreamException($"The stream ended before a '{type}' event.");
        }

        public void Dispose()
        {
            _reader.Dispose();
            _response.Dispose();
        }
    }
}
