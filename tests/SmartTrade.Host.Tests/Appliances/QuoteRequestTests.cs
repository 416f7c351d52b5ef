using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SmartTrade.Sdk.Security;
using Xunit;
using static SmartTrade.Host.Tests.Appliances.ApplianceTrade;
using static SmartTrade.Host.Tests.Shopping;

namespace SmartTrade.Host.Tests.Appliances;

/// <summary>
/// Requests for quotation through <c>/api/v1/appliances/quote-requests</c>: a buyer asks, the merchant quotes, the buyer
/// accepts before the quote expires and gets one order at the quoted price; expired and declined quotes cannot be
/// accepted; only the request's buyer and merchant may act on it; bad input changes nothing.
/// </summary>
public sealed class QuoteRequestTests(QuoteDeskHost shared) : IClassFixture<QuoteDeskHost>, IDisposable
{
    // 10:00 in Beijing on 28 November 2026.
    internal static readonly DateTimeOffset Start = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    // A quote valid until 5 December expires at midnight starting 6 December, Beijing time.
    private static readonly DateTimeOffset Expiry = new(2026, 12, 6, 0, 0, 0, TimeSpan.FromHours(8));

    private readonly TestFolders _folders = new();
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose() => _folders.Dispose();

    // A host of this test's own, on a clock the test may move.
    private TestHost NewHost()
    {
        _folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket");
        return new(_folders, time: _time);
    }

    // On the shared host, with a merchant and a buyer of this test's own.
    private async Task<(TestHost Host, HttpClient Merchant, HttpClient Buyer, Guid Request)> QuotedAsync(long stock = 1_000)
        => await QuotedAsync(shared.Host, await shared.NewAccountAsync(Roles.Merchant), await shared.NewAccountAsync(Roles.Buyer), stock);

    // On a host of this test's own, for tests that move the clock.
    private async Task<(TestHost Host, HttpClient Merchant, HttpClient Buyer, Guid Request)> QuotedOnOwnClockAsync()
    {
        var host = NewHost();
        return await QuotedAsync(host, await host.ClientForAsync(Merchant), await host.ClientForAsync(Buyer), 1_000);
    }

    private static async Task<(TestHost Host, HttpClient Merchant, HttpClient Buyer, Guid Request)> QuotedAsync(TestHost host, HttpClient merchant, HttpClient buyer, long stock)
    {
        var kettle = await ListAsync(merchant, "双层防烫电水壶", 12_900, stock);
        var request = await RequestIdAsync(buyer, kettle, 500, "2026-12-28");
        Assert.Equal(HttpStatusCode.OK, (await QuoteAsync(merchant, request, 8_800, "2026-12-05")).StatusCode);
        return (host, merchant, buyer, request);
    }

    [Fact]
    public async Task An_accepted_quote_becomes_one_order_at_the_quoted_price()
    {
        var (host, merchant, buyer, request) = await QuotedAsync();

        var accepted = await AcceptAsync(buyer, request);
        var view = (await accepted.Content.ReadFromJsonAsync<JsonObject>())!;
        var order = (await buyer.GetFromJsonAsync<JsonObject>($"/api/v1/orders/{view["orderId"]}"))!;

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("Accepted", view["state"]!.GetValue<string>());
        Assert.Equal(8_800, order["lines"]![0]!["unitPrice"]!["minor"]!.GetValue<long>());
        Assert.Equal(500, order["lines"]![0]!["quantity"]!.GetValue<long>());
        Assert.Equal(4_400_000, order["total"]!["minor"]!.GetValue<long>());
        Assert.Equal("PendingPayment", order["status"]!.GetValue<string>());
        Assert.Equal("Accepted", (await ReadAsync(merchant, request))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Accepting_again_returns_the_same_order_and_places_no_second_one()
    {
        var (host, _, buyer, request) = await QuotedAsync();

        var first = (await (await AcceptAsync(buyer, request)).Content.ReadFromJsonAsync<JsonObject>())!["orderId"]!.GetValue<Guid>();
        var again = await AcceptAsync(buyer, request);
        var second = (await again.Content.ReadFromJsonAsync<JsonObject>())!["orderId"]!.GetValue<Guid>();
        var orders = (await buyer.GetFromJsonAsync<JsonArray>("/api/v1/orders"))!;

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first, second);
        Assert.Single(orders);
    }

    [Fact]
    public async Task Concurrent_acceptances_place_exactly_one_order()
    {
        var (host, _, buyer, request) = await QuotedAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => AcceptAsync(buyer, request)));
        var orderIds = new HashSet<Guid>();
        foreach (var response in responses.Where(r => r.IsSuccessStatusCode))
        {
            orderIds.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!["orderId"]!.GetValue<Guid>());
        }

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Single(orderIds);
        Assert.Single((await buyer.GetFromJsonAsync<JsonArray>("/api/v1/orders"))!);
        Assert.Equal(orderIds.Single(), (await ReadAsync(buyer, request))["orderId"]!.GetValue<Guid>());
    }

    [Fact]
    public async Task A_quote_accepted_in_its_last_tick_becomes_an_order()
    {
        var (host, _, buyer, request) = await QuotedOnOwnClockAsync();
        await using var _ = host;
        _time.SetUtcNow(Expiry.AddTicks(-1));
        buyer = await host.ClientForAsync(Buyer);

        var accepted = await AcceptAsync(buyer, request);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("Accepted", (await ReadAsync(buyer, request))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_expired_quote_cannot_be_accepted_and_places_no_order()
    {
        var (host, merchant, buyer, request) = await QuotedOnOwnClockAsync();
        await using var _ = host;
        _time.SetUtcNow(Expiry);
        (merchant, buyer) = (await host.ClientForAsync(Merchant), await host.ClientForAsync(Buyer));

        var refused = await AcceptAsync(buyer, request);

        Assert.Equal("/problems/appliances/quote-expired", await ProblemAsync(refused, HttpStatusCode.Conflict));
        Assert.Equal("Expired", (await ReadAsync(merchant, request))["state"]!.GetValue<string>());
        Assert.Empty((await buyer.GetFromJsonAsync<JsonArray>("/api/v1/orders"))!);
    }

    [Fact]
    public async Task Acceptances_racing_the_expiry_either_all_get_the_one_order_or_none_places_one()
    {
        var (host, _, buyer, request) = await QuotedOnOwnClockAsync();
        await using var _ = host;
        _time.SetUtcNow(Expiry.AddMilliseconds(-5));
        buyer = await host.ClientForAsync(Buyer);

        var accepts = Enumerable.Range(0, 6).Select(_ => AcceptAsync(buyer, request)).ToList();
        var clock = Task.Run(() =>
        {
            for (var i = 0; i < 10; i++)
            {
                _time.Advance(TimeSpan.FromMilliseconds(1));
            }
        });
        await clock;
        var responses = await Task.WhenAll(accepts);

        var state = (await ReadAsync(buyer, request))["state"]!.GetValue<string>();
        var orders = (await buyer.GetFromJsonAsync<JsonArray>("/api/v1/orders"))!;
        Assert.Contains(state, new[] { "Accepted", "Expired" });
        if (state == "Accepted")
        {
            Assert.Single(orders);
            Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.OK);
        }
        else
        {
            Assert.Empty(orders);
            Assert.DoesNotContain(responses, r => r.StatusCode == HttpStatusCode.OK);
        }

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
    }

    [Fact]
    public async Task A_declined_quote_cannot_be_accepted()
    {
        var (host, _, buyer, request) = await QuotedAsync();

        var declined = await buyer.PostAsJsonAsync($"/api/v1/appliances/quote-requests/{request}/decline", new { reason = "价格太高" });
        var refused = await AcceptAsync(buyer, request);

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal("/problems/appliances/wrong-state", await ProblemAsync(refused, HttpStatusCode.Conflict));
        Assert.Equal("Declined", (await ReadAsync(buyer, request))["state"]!.GetValue<string>());
        Assert.Empty((await buyer.GetFromJsonAsync<JsonArray>("/api/v1/orders"))!);
    }

    [Fact]
    public async Task A_quote_without_enough_stock_places_nothing_and_can_be_accepted_once_restocked()
    {
        var (host, merchant, buyer, request) = await QuotedAsync(stock: 100);

        var refused = await AcceptAsync(buyer, request);

        Assert.Equal("/problems/appliances/order-not-placed", await ProblemAsync(refused, HttpStatusCode.Conflict));
        Assert.Equal("Quoted", (await ReadAsync(merchant, request))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Both_sides_are_notified_of_the_request_the_quote_and_the_acceptance()
    {
        var (host, merchant, buyer, request) = await QuotedAsync();
        await AcceptAsync(buyer, request);

        var toMerchant = (await merchant.GetFromJsonAsync<JsonArray>("/api/v1/appliances/notifications"))!;
        var toBuyer = (await buyer.GetFromJsonAsync<JsonArray>("/api/v1/appliances/notifications"))!;

        Assert.Equal(2, toMerchant.Count);
        Assert.Contains("接受报价", toMerchant[0]!["textZh"]!.GetValue<string>());
        Assert.Contains("询价", toMerchant[1]!["textZh"]!.GetValue<string>());
        Assert.Single(toBuyer);
        Assert.Contains("88.00", toBuyer[0]!["textZh"]!.GetValue<string>());
    }

    [Fact]
    public async Task Another_merchant_cannot_quote_and_another_buyer_cannot_see_or_accept()
    {
        var (host, merchant, buyer, request) = await QuotedAsync();
        var otherMerchant = await shared.NewAccountAsync(Roles.Merchant);
        var otherBuyer = await shared.NewAccountAsync(Roles.Buyer);

        var quote = await QuoteAsync(otherMerchant, request, 100, "2026-12-05");
        var read = await otherBuyer.GetAsync($"/api/v1/appliances/quote-requests/{request}");
        var accept = await AcceptAsync(otherBuyer, request);
        var decline = await otherMerchant.PostAsJsonAsync($"/api/v1/appliances/quote-requests/{request}/decline", new { reason = "x" });

        Assert.Equal("/problems/appliances/not-your-request", await ProblemAsync(quote, HttpStatusCode.Forbidden));
        Assert.Equal("/problems/appliances/not-your-request", await ProblemAsync(read, HttpStatusCode.Forbidden));
        Assert.Equal("/problems/appliances/not-your-request", await ProblemAsync(accept, HttpStatusCode.Forbidden));
        Assert.Equal("/problems/appliances/not-your-request", await ProblemAsync(decline, HttpStatusCode.Forbidden));
        Assert.Empty((await otherBuyer.GetFromJsonAsync<JsonArray>("/api/v1/appliances/quote-requests"))!);
        Assert.Empty((await otherMerchant.GetFromJsonAsync<JsonArray>("/api/v1/appliances/quote-requests?as=merchant"))!);
        var view = await ReadAsync(merchant, request);
        Assert.Equal("Quoted", view["state"]!.GetValue<string>());
        Assert.Equal(8_800, view["unitPriceMinor"]!.GetValue<long>());
    }

    [Fact]
    public async Task Each_side_lists_only_its_own_requests()
    {
        await using var host = NewHost();
        var merchant = await host.ClientForAsync(Merchant);
        var buyer = await host.ClientForAsync(Buyer);
        var otherBuyer = await host.ClientForAsync(await CreateUserAsync(host, "another-shop@appliances.test", Roles.Buyer));
        var kettle = await ListAsync(merchant, "电水壶", 12_900, 1_000);
        var mine = await RequestIdAsync(buyer, kettle, 200, "2026-12-20");
        _time.Advance(TimeSpan.FromSeconds(1)); // newest first: two requests at the same instant have no order
        var theirs = await RequestIdAsync(otherBuyer, kettle, 300, "2026-12-20");

        var buyerList = (await buyer.GetFromJsonAsync<JsonArray>("/api/v1/appliances/quote-requests"))!;
        var merchantList = (await merchant.GetFromJsonAsync<JsonArray>("/api/v1/appliances/quote-requests?as=merchant"))!;

        Assert.Equal([mine], buyerList.Select(r => r!["id"]!.GetValue<Guid>()));
        Assert.Equal([theirs, mine], merchantList.Select(r => r!["id"]!.GetValue<Guid>()));
    }

    [Theory]
    [InlineData(0L, "piece", "2026-12-28", HttpStatusCode.BadRequest, "invalid-quantity")]
    [InlineData(-500L, "piece", "2026-12-28", HttpStatusCode.BadRequest, "invalid-quantity")]
    [InlineData(500L, "carton", "2026-12-28", HttpStatusCode.BadRequest, "wrong-unit")]
    [InlineData(500L, "piece", "2026-11-28", HttpStatusCode.BadRequest, "delivery-date-out-of-window")]
    [InlineData(500L, "piece", "2027-11-29", HttpStatusCode.BadRequest, "delivery-date-out-of-window")]
    [InlineData(500L, "piece", "28/12/2026", HttpStatusCode.BadRequest, "invalid-input")]
    public async Task A_bad_request_for_quotation_is_refused_and_creates_nothing(long quantity, string unit, string date, HttpStatusCode status, string code)
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var kettle = await ListAsync(merchant, "电水壶", 12_900, 1_000);

        var response = await RequestAsync(buyer, kettle, quantity, date, unit);

        Assert.Equal($"/problems/appliances/{code}", await ProblemAsync(response, status));
        Assert.Empty((await buyer.GetFromJsonAsync<JsonArray>("/api/v1/appliances/quote-requests"))!);
        Assert.Empty((await merchant.GetFromJsonAsync<JsonArray>("/api/v1/appliances/notifications"))!);
    }

    [Fact]
    public async Task The_delivery_date_must_leave_the_listings_lead_time()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var fan = await ListAsync(merchant, "落地扇", 9_900, 1_000, "climate/fan", new() { ["leadTimeDays"] = 14 });

        var tooSoon = await RequestAsync(buyer, fan, 500, "2026-12-11");
        var inTime = await RequestAsync(buyer, fan, 500, "2026-12-12");

        Assert.Equal("/problems/appliances/delivery-date-out-of-window", await ProblemAsync(tooSoon, HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.Created, inTime.StatusCode);
    }

    [Theory]
    [InlineData(0L, "2026-12-05", "invalid-price")]
    [InlineData(-100L, "2026-12-05", "invalid-price")]
    [InlineData(8_800L, "2026-11-27", "valid-until-out-of-window")]
    [InlineData(8_800L, "2026-12-29", "valid-until-out-of-window")]
    public async Task A_bad_quote_is_refused_and_leaves_the_request_waiting(long price, string validUntil, string code)
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var kettle = await ListAsync(merchant, "电水壶", 12_900, 1_000);
        var request = await RequestIdAsync(buyer, kettle, 500, "2026-12-28");

        var response = await QuoteAsync(merchant, request, price, validUntil);

        Assert.Equal($"/problems/appliances/{code}", await ProblemAsync(response, HttpStatusCode.BadRequest));
        Assert.Equal("Requested", (await ReadAsync(buyer, request))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_merchant_cannot_ask_for_a_quote_on_an_unknown_listing()
    {
        var host = shared.Host;
        var buyer = await shared.NewAccountAsync(Roles.Buyer);

        var response = await RequestAsync(buyer, Guid.NewGuid(), 10, "2026-12-28");

        Assert.Equal("/problems/appliances/listing-not-found", await ProblemAsync(response, HttpStatusCode.NotFound));
    }

    [Theory]
    [InlineData("/api/v1/appliances/quote-requests", "{\"listingId\":\"not-a-guid\",\"quantity\":5}")]
    [InlineData("/api/v1/appliances/quote-requests", "{\"quantity\":\"many\"}")]
    [InlineData("/api/v1/appliances/quote-requests", "{\"quantity\":1e30}")]
    [InlineData("/api/v1/appliances/quote-requests", "[")]
    public async Task A_malformed_body_is_a_problem_not_a_server_error(string url, string json)
    {
        var host = shared.Host;
        var buyer = await shared.NewAccountAsync(Roles.Buyer);

        var response = await buyer.PostAsync(url, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty((await buyer.GetFromJsonAsync<JsonArray>("/api/v1/appliances/quote-requests"))!);
    }

    [Fact]
    public async Task A_buyer_withdraws_an_open_request_without_a_body_and_the_merchant_can_no_longer_quote()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var buyer = await shared.NewAccountAsync(Roles.Buyer);
        var kettle = await ListAsync(merchant, "电水壶", 12_900, 1_000);
        var request = await RequestIdAsync(buyer, kettle, 500, "2026-12-28");

        var withdrawn = await buyer.PostAsync($"/api/v1/appliances/quote-requests/{request}/decline", null);
        var quote = await QuoteAsync(merchant, request, 8_800, "2026-12-05");

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("/problems/appliances/wrong-state", await ProblemAsync(quote, HttpStatusCode.Conflict));
        Assert.Equal("buyer", (await ReadAsync(merchant, request))["declinedBy"]!.GetValue<string>());
    }
}

/// <summary>The appliance market on a clock stopped at <see cref="QuoteRequestTests.Start"/>, shared by the quote tests that do not move it.</summary>
public sealed class QuoteDeskHost() : SharedHost(folders => folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket"), new FakeTimeProvider(QuoteRequestTests.Start));
