using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Outbox;
using Xunit;

namespace SmartTrade.Host.Tests;

/// <summary>The search API over the catalog: the index follows listings through the outbox.</summary>
public sealed class SearchApiTests : IDisposable
{
    private readonly TestFolders _folders = new();

    public SearchApiTests() => _folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task A_published_listing_is_found_by_a_chinese_term_with_facet_counts()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        await CreatePublishedAsync(merchant, "全钢电水壶 1.7L", "kitchen/kettle", "Yuyao Home", 12_900);
        await CreatePublishedAsync(merchant, "玻璃电水壶 1.5L", "kitchen/kettle", "Cixi Glass", 9_900);
        await CreatePublishedAsync(merchant, "静音落地扇", "climate/fan", "Yuyao Home", 19_900);
        await DrainAsync(host);

        var result = await host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/search?q=电水壶&market=appliances&facets=brand");

        Assert.Equal(2, result!["total"]!.GetValue<long>());
        var brands = result["facets"]!.AsArray().Single(f => f!["field"]!.GetValue<string>() == "brand")!["buckets"]!.AsArray();
        Assert.Equal(
            [("Cixi Glass", 1L), ("Yuyao Home", 1L)],
            brands.Select(b => (b!["key"]!.GetValue<string>(), b["count"]!.GetValue<long>())).Order());
    }

    [Fact]
    public async Task Filters_and_sorting_apply_to_the_search()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        await CreatePublishedAsync(merchant, "全钢电水壶", "kitchen/kettle", "Yuyao Home", 12_900);
        await CreatePublishedAsync(merchant, "玻璃电水壶", "kitchen/kettle", "Cixi Glass", 9_900);
        await CreatePublishedAsync(merchant, "智能电水壶", "kitchen/kettle", "Yuyao Home", 25_900);
        await DrainAsync(host);

        var result = await host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/search?market=appliances&f.brand=Yuyao%20Home&max.price=20000&sort=price_asc");
        var all = await host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/search?market=appliances&sort=price_desc");

        Assert.Equal(1, result!["total"]!.GetValue<long>());
        Assert.Equal(12_900, result["hits"]![0]!["price"]!["minor"]!.GetValue<long>());
        Assert.Equal([25_900L, 12_900L, 9_900L], all!["hits"]!.AsArray().Select(h => h!["price"]!["minor"]!.GetValue<long>()));
    }

    [Fact]
    public async Task An_update_and_a_delete_show_in_search_once_the_outbox_has_drained()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var url = await CreatePublishedAsync(merchant, "全钢电水壶", "kitchen/kettle", "Yuyao Home", 12_900);
        await DrainAsync(host);
        var client = host.CreateClient();

        var listing = await merchant.GetAsync(url);
        using (var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(Body("不锈钢养生壶", "kitchen/kettle", "Yuyao Home", 15_900)) })
        {
            put.Headers.IfMatch.Add(listing.Headers.ETag!);
            Assert.Equal(HttpStatusCode.OK, (await merchant.SendAsync(put)).StatusCode);
        }

        await DrainAsync(host);
        var afterUpdate = await client.GetFromJsonAsync<JsonObject>("/api/v1/search?q=养生壶");
        await merchant.DeleteAsync(url);
        await DrainAsync(host);
        var afterDelete = await client.GetFromJsonAsync<JsonObject>("/api/v1/search?q=养生壶");

        Assert.Equal(15_900, afterUpdate!["hits"]![0]!["price"]!["minor"]!.GetValue<long>());
        Assert.Equal(0, afterDelete!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_suspended_listing_is_not_found()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var url = await CreatePublishedAsync(merchant, "全钢电水壶", "kitchen/kettle", "Yuyao Home", 12_900);
        await merchant.PostAsync($"{url}/suspend", null);
        await DrainAsync(host);

        var result = await host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/search?q=电水壶");

        Assert.Equal(0, result!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_index_catches_up_after_a_restart_with_changes_not_yet_indexed()
    {
        string url;
        await using (var first = new TestHost(_folders))
        {
            var merchant = await first.ClientForAsync("merchant@smarttrade.demo");
            url = await CreatePublishedAsync(merchant, "全钢电水壶", "kitchen/kettle", "Yuyao Home", 12_900);
        }

        await using var second = new TestHost(_folders);
        await DrainAsync(second);
        var result = await second.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/search?q=电水壶");

        Assert.Equal(1, result!["total"]!.GetValue<long>());
        Assert.EndsWith(result["hits"]![0]!["listingId"]!.GetValue<string>(), url);
    }

    [Fact]
    public async Task Buying_keeps_a_listing_found_until_it_sells_out_and_a_cancelled_order_brings_it_back()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
        var listing = await Shopping.ListKettleAsync(merchant, "全钢电水壶", 12_900, stock: 2);
        var client = host.CreateClient();

        await Shopping.BuyAsync(buyer, listing, 1);
        await DrainAsync(host);
        var inStock = await client.GetFromJsonAsync<JsonObject>("/api/v1/search?q=电水壶");
        var last = await Shopping.BuyAsync(buyer, listing, 1);
        await DrainAsync(host);
        var soldOut = await client.GetFromJsonAsync<JsonObject>("/api/v1/search?q=电水壶");
        Assert.Equal(HttpStatusCode.OK, (await buyer.PostAsync($"/api/v1/orders/{last["id"]}/cancel", null)).StatusCode);
        await DrainAsync(host);
        var restocked = await client.GetFromJsonAsync<JsonObject>("/api/v1/search?q=电水壶");

        Assert.Equal(1, inStock!["total"]!.GetValue<long>());
        Assert.Equal(0, soldOut!["total"]!.GetValue<long>());
        Assert.Equal(1, restocked!["total"]!.GetValue<long>());
        Assert.Equal(listing.ToString(), restocked["hits"]![0]!["listingId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/v1/search?sort=cheapest")]
    [InlineData("/api/v1/search?pageSize=0")]
    [InlineData("/api/v1/search?min.price=abc")]
    [InlineData("/api/v1/search?market=no-such-market")]
    [InlineData("/api/v1/search?cursor=not-a-cursor")]
    public async Task Bad_search_parameters_are_400_problem_details(string url)
    {
        await using var host = new TestHost(_folders);

        var response = await host.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("AND OR NOT")]
    [InlineData("title:(*")]
    [InlineData("~!@#$%^&*()[]{}")]
    public async Task Any_search_text_answers_without_an_error(string text)
    {
        await using var host = new TestHost(_folders);

        var response = await host.CreateClient().GetAsync($"/api/v1/search?q={Uri.EscapeDataString(text)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_reindex_writes_every_listing_again()
    {
        await using var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync("merchant@smarttrade.demo");
        await CreatePublishedAsync(merchant, "全钢电水壶", "kitchen/kettle", "Yuyao Home", 12_900);
        await CreatePublishedAsync(merchant, "静音落地扇", "climate/fan", "Yuyao Home", 19_900);
        await DrainAsync(host);

        var response = await (await host.AdminAsync()).PostAsync("/api/v1/admin/search/reindex", null);
        var merchantTry = await merchant.PostAsync("/api/v1/admin/search/reindex", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonObject>())!["listings"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.Forbidden, merchantTry.StatusCode);
        Assert.Equal(2, (await host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/search?market=appliances"))!["total"]!.GetValue<long>());
    }

    [Fact]
    public async Task Configuration_switches_the_search_provider_to_elasticsearch()
    {
        await using var host = new TestHost(_folders, settings: new Dictionary<string, string?>
        {
            ["SmartTrade:Search:Provider"] = "Elasticsearch",
            ["SmartTrade:Search:Elasticsearch:Url"] = "http://127.0.0.1:9",
        });

        var search = host.Services.GetRequiredService<SmartTrade.Sdk.Search.ICatalogSearch>();

        Assert.IsType<SmartTrade.Platform.Search.Elasticsearch.ElasticsearchCatalogSearch>(search);
    }

    [Fact]
    public async Task While_the_search_cluster_cannot_be_reached_a_search_is_refused_with_503_and_the_host_stays_ready_but_degraded()
    {
        await using var host = new TestHost(_folders, settings: new Dictionary<string, string?>
        {
            ["SmartTrade:Search:Provider"] = "Elasticsearch",
            ["SmartTrade:Search:Elasticsearch:Url"] = "http://127.0.0.1:9",
        });
        using var client = host.CreateClient();

        var search = await client.GetAsync("/api/v1/search?q=kettle");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, search.StatusCode);
        Assert.Equal("application/problem+json", search.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/problems/service-unavailable", (await search.Content.ReadFromJsonAsync<JsonObject>())!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var health = JsonNode.Parse(await ready.Content.ReadAsStringAsync())!;
        Assert.Equal("Degraded", health["checks"]!["elasticsearch"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public void An_unknown_search_provider_stops_the_host_with_the_setting_named()
    {
        using var host = new TestHost(_folders, settings: new Dictionary<string, string?> { ["SmartTrade:Search:Provider"] = "Solr" });

        var error = Assert.Throws<InvalidOperationException>(() => host.Services);

        Assert.Contains("SmartTrade:Search:Provider", error.Message);
    }

    private static Task DrainAsync(TestHost host) => host.Services.GetRequiredService<OutboxProcessor>().DrainAsync(CancellationToken.None);

    private static object Body(string title, string category, string brand, long price) => new
    {
        marketId = "appliances",
        title = new Dictionary<string, string> { ["zh-CN"] = title },
        categoryPath = category,
        priceMinor = price,
        unit = "piece",
        stock = 10,
        attributes = new Dictionary<string, object> { ["brand"] = brand, ["model"] = "M-" + price, ["powerWatts"] = 1500 },
    };

    private static async Task<string> CreatePublishedAsync(HttpClient merchant, string title, string category, string brand, long price)
    {
        var created = await merchant.PostAsJsonAsync("/api/v1/listings", Body(title, category, brand, price));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var url = created.Headers.Location!.ToString();
        Assert.Equal(HttpStatusCode.OK, (await merchant.PostAsync($"{url}/publish", null)).StatusCode);
        return url;
    }
}
