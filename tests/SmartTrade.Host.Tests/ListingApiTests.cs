using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Identity;
using SmartTrade.Platform.Outbox;
using SmartTrade.Sdk.Security;
using Xunit;

namespace SmartTrade.Host.Tests;

/// <summary>Merchants' listings through the API: schema checks, ownership, optimistic concurrency, status.</summary>
public sealed class ListingApiTests(ApplianceMarketHost shared) : IClassFixture<ApplianceMarketHost>, IDisposable
{
    private readonly TestFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    private static object Kettle(long priceMinor = 12_900, long stock = 50, Dictionary<string, object?>? attributes = null) => new
    {
        marketId = "appliances",
        title = new Dictionary<string, string> { ["zh-CN"] = "全钢电水壶 1.7L", ["en"] = "Stainless steel kettle 1.7 L" },
        description = new Dictionary<string, string> { ["zh-CN"] = "余姚制造，304不锈钢内胆。" },
        categoryPath = "kitchen/kettle",
        priceMinor,
        unit = "piece",
        stock,
        attributes = attributes ?? new Dictionary<string, object?>
        {
            ["brand"] = "Yuyao Home",
            ["model"] = "YH-1720",
            ["voltageV"] = 220,
            ["powerWatts"] = 1800,
            ["capacityMl"] = 1700,
            ["certifications"] = new[] { "CCC", "CE" },
        },
    };

    [Fact]
    public async Task A_merchant_creates_a_draft_listing_with_typed_attributes_and_an_etag()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);

        var response = await merchant.PostAsJsonAsync("/api/v1/listings", Kettle());
        var listing = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("\"1\"", response.Headers.ETag?.Tag);
        Assert.Equal("Draft", listing!["status"]!.GetValue<string>());
        Assert.Equal(12_900, listing["price"]!["minor"]!.GetValue<long>());
        Assert.Equal(1800, listing["attributes"]!["powerWatts"]!["value"]!.GetValue<long>());
        Assert.Equal(response.Headers.Location!.ToString(), $"/api/v1/listings/{listing["id"]}");
    }

    public static TheoryData<string, Func<object>> InvalidListings() => new()
    {
        { "attributes.colour", () => Kettle(attributes: new() { ["brand"] = "A", ["model"] = "B", ["powerWatts"] = 1800, ["colour"] = "red" }) },
        { "attributes.powerWatts", () => Kettle(attributes: new() { ["brand"] = "A", ["model"] = "B", ["powerWatts"] = "1800W" }) },
        { "attributes.powerWatts", () => Kettle(attributes: new() { ["brand"] = "A", ["model"] = "B", ["powerWatts"] = 0 }) },
        { "attributes.model", () => Kettle(attributes: new() { ["brand"] = "A", ["powerWatts"] = 1800 }) },
        { "attributes.certifications", () => Kettle(attributes: new() { ["brand"] = "A", ["model"] = "B", ["powerWatts"] = 1800, ["certifications"] = new[] { "FAKE" } }) },
        { "priceMinor", () => Kettle(priceMinor: -1) },
        { "stock", () => Kettle(stock: -5) },
    };

    [Theory]
    [MemberData(nameof(InvalidListings))]
    public async Task A_listing_breaking_the_market_schema_is_refused_on_that_field_and_nothing_is_created(string field, Func<object> body)
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);

        var response = await merchant.PostAsJsonAsync("/api/v1/listings", body());
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();
        var mine = await merchant.GetFromJsonAsync<JsonObject>("/api/v1/listings?mine=true");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("/problems/validation", problem!["type"]!.GetValue<string>());
        Assert.Contains(field, problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0, mine!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_listing_in_a_market_that_is_not_enabled_is_refused()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);

        var response = await merchant.PostAsJsonAsync("/api/v1/listings", new { marketId = "moulds", title = new { zh_CN = "x" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("marketId", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Only_merchants_create_listings()
    {
        var host = shared.Host;

        var buyer = await (await shared.NewAccountAsync(Roles.Buyer)).PostAsJsonAsync("/api/v1/listings", Kettle());
        var anonymous = await host.CreateClient().PostAsJsonAsync("/api/v1/listings", Kettle());

        Assert.Equal(HttpStatusCode.Forbidden, buyer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task Another_merchant_cannot_change_publish_suspend_or_delete_a_listing()
    {
        var host = shared.Host;
        var owner = await shared.NewAccountAsync(Roles.Merchant);
        var rival = await shared.NewAccountAsync(Roles.Merchant);
        var created = await owner.PostAsJsonAsync("/api/v1/listings", Kettle());
        var url = created.Headers.Location!.ToString();

        using var replace = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(Kettle(priceMinor: 1)) };
        replace.Headers.IfMatch.Add(created.Headers.ETag!);
        var responses = new[]
        {
            await rival.SendAsync(replace),
            await rival.PostAsync($"{url}/publish", null),
            await rival.PostAsync($"{url}/suspend", null),
            await rival.DeleteAsync(url),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        var unchanged = await owner.GetFromJsonAsync<JsonObject>(url);
        Assert.Equal(12_900, unchanged!["price"]!["minor"]!.GetValue<long>());
        Assert.Equal(1, unchanged["version"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_replacement_needs_if_match_and_a_stale_etag_is_412_with_nothing_changed()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var created = await merchant.PostAsJsonAsync("/api/v1/listings", Kettle());
        var url = created.Headers.Location!.ToString();
        var firstTag = created.Headers.ETag!;

        var withoutTag = await merchant.PutAsJsonAsync(url, Kettle(priceMinor: 13_900));
        var first = await PutAsync(merchant, url, Kettle(priceMinor: 13_900), firstTag);
        var stale = await PutAsync(merchant, url, Kettle(priceMinor: 9_900), firstTag);
        var current = await merchant.GetAsync(url);

        Assert.Equal((HttpStatusCode)428, withoutTag.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("\"2\"", first.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("\"2\"", current.Headers.ETag!.Tag);
        Assert.Equal(13_900, (await current.Content.ReadFromJsonAsync<JsonObject>())!["price"]!["minor"]!.GetValue<long>());
    }

    [Fact]
    public async Task Publishing_shows_a_listing_to_everyone_and_suspending_hides_it_again()
    {
        _folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket"); // counts what the whole host holds
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var anonymous = host.CreateClient();
        var url = (await merchant.PostAsJsonAsync("/api/v1/listings", Kettle())).Headers.Location!.ToString();

        var draftSeen = await anonymous.GetAsync(url);
        var published = await merchant.PostAsync($"{url}/publish", null);
        var publishedSeen = await anonymous.GetAsync(url);
        var publicList = await anonymous.GetFromJsonAsync<JsonObject>("/api/v1/listings?market=appliances");
        var suspended = await merchant.PostAsync($"{url}/suspend", null);
        var suspendedSeen = await anonymous.GetAsync(url);
        var suspendAgain = await merchant.PostAsync($"{url}/suspend", null);

        Assert.Equal(HttpStatusCode.NotFound, draftSeen.StatusCode);
        Assert.Equal("Active", (await published.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, publishedSeen.StatusCode);
        Assert.Equal(1, publicList!["total"]!.GetValue<long>());
        Assert.Equal("Suspended", (await suspended.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, suspendedSeen.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, suspendAgain.StatusCode);
    }

    [Fact]
    public async Task A_listing_published_without_stock_is_sold_out()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var url = (await merchant.PostAsJsonAsync("/api/v1/listings", Kettle(stock: 0))).Headers.Location!.ToString();

        var published = await merchant.PostAsync($"{url}/publish", null);

        Assert.Equal("SoldOut", (await published.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deleted_listing_is_gone()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);
        var url = (await merchant.PostAsJsonAsync("/api/v1/listings", Kettle())).Headers.Location!.ToString();

        var deleted = await merchant.DeleteAsync(url);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await merchant.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Every_listing_change_is_written_to_the_outbox_and_drained_in_order()
    {
        _folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket"); // counts what the whole host holds
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var outbox = host.Services.GetRequiredService<OutboxProcessor>();
        await outbox.DrainAsync(CancellationToken.None);

        var url = (await merchant.PostAsJsonAsync("/api/v1/listings", Kettle())).Headers.Location!.ToString();
        await merchant.PostAsync($"{url}/publish", null);
        await merchant.DeleteAsync(url);
        await outbox.DrainAsync(CancellationToken.None);

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmartTrade.Platform.Data.PlatformDbContext>();
        var messages = db.Set<OutboxMessage>().OrderBy(m => m.Id).ToList();
        Assert.Equal(3, messages.Count);
        Assert.All(messages, m => Assert.NotNull(m.ProcessedAt));
        Assert.Equal(["Created", "StatusChanged", "Deleted"], messages.Select(m => JsonNode.Parse(m.Payload)!["changeKind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Creating_with_an_idempotency_key_twice_creates_one_listing()
    {
        var host = shared.Host;
        var merchant = await shared.NewAccountAsync(Roles.Merchant);

        var first = await PostWithKeyAsync(merchant, "listing-key-1");
        var second = await PostWithKeyAsync(merchant, "listing-key-1");

        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, (await merchant.GetFromJsonAsync<JsonObject>("/api/v1/listings?mine=true"))!["total"]!.GetValue<long>());
    }

    private static async Task<HttpResponseMessage> PostWithKeyAsync(HttpClient client, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/listings") { Content = JsonContent.Create(Kettle()) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string url, object body, EntityTagHeaderValue tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(tag);
        return await client.SendAsync(request);
    }
}
