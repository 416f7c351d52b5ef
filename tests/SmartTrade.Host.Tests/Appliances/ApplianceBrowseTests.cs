using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Outbox;
using Xunit;
using static SmartTrade.Host.Tests.Appliances.ApplianceTrade;

namespace SmartTrade.Host.Tests.Appliances;

/// <summary>
/// Browsing appliances through <c>/api/v1/appliances/browse</c>: facet counts on category, brand, power, price,
/// certification and minimum order quantity, filters by bucket key, and problems for unknown filters.
/// </summary>
public sealed class ApplianceBrowseTests : IDisposable
{
    private readonly TestFolders _folders = new();

    public ApplianceBrowseTests() => _folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket");

    public void Dispose() => _folders.Dispose();

    private async Task<TestHost> StockedAsync()
    {
        var host = new TestHost(_folders);
        var merchant = await host.ClientForAsync(Merchant);
        await ListAsync(merchant, "瑞丰电水壶 1.7L", 8_900, 10, attributes: new() { ["brand"] = "Ruifeng", ["powerWatts"] = 1800, ["certifications"] = new[] { "CCC" } });
        await ListAsync(merchant, "瑞丰恒温电水壶", 15_900, 10, attributes: new() { ["brand"] = "Ruifeng", ["powerWatts"] = 2200, ["certifications"] = new[] { "CCC", "CE" }, ["minimumOrderQuantity"] = 100 });
        await ListAsync(merchant, "佳宜电水壶", 6_900, 10, attributes: new() { ["brand"] = "Jiayi", ["powerWatts"] = 1500, ["certifications"] = new[] { "CCC", "CE", "UL" }, ["minimumOrderQuantity"] = 500 });
        await ListAsync(merchant, "明辉落地扇", 12_900, 10, "climate/fan", new() { ["brand"] = "Minghui", ["powerWatts"] = 45, ["certifications"] = new[] { "CCC", "CE" } });
        await ListAsync(merchant, "暖风油汀取暖器", 52_900, 10, "climate/heater", new() { ["brand"] = "Nuanfeng", ["powerWatts"] = 2000, ["minimumOrderQuantity"] = 20 });
        await host.Services.GetRequiredService<OutboxProcessor>().DrainAsync(CancellationToken.None);
        return host;
    }

    private static Dictionary<string, long> Counts(JsonObject result, string field)
        => result["facets"]!.AsArray().Single(f => f!["field"]!.GetValue<string>() == field)!["buckets"]!.AsArray()
            .Where(b => b!["count"]!.GetValue<long>() > 0)
            .ToDictionary(b => b!["key"]!.GetValue<string>(), b => b!["count"]!.GetValue<long>());

    [Fact]
    public async Task Facet_counts_cover_category_brand_power_price_certification_and_minimum_order()
    {
        await using var host = await StockedAsync();

        var all = (await host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/appliances/browse"))!;

        Assert.Equal(5, all["total"]!.GetValue<long>());
        Assert.Equal(3, Counts(all, "category")["kitchen/kettle"]);
        Assert.Equal(2, Counts(all, "category")["climate"]);
        Assert.Equal(new Dictionary<string, long> { ["Ruifeng"] = 2, ["Jiayi"] = 1, ["Minghui"] = 1, ["Nuanfeng"] = 1 }, Counts(all, "brand"));
        Assert.Equal(new Dictionary<string, long> { ["lt-500"] = 1, ["1500-2000"] = 2, ["gte-2000"] = 2 }, Counts(all, "powerWatts"));
        Assert.Equal(new Dictionary<string, long> { ["lt-100"] = 2, ["100-200"] = 2, ["500-1000"] = 1 }, Counts(all, "price"));
        Assert.Equal(new Dictionary<string, long> { ["CCC"] = 4, ["CE"] = 3, ["UL"] = 1 }, Counts(all, "certifications"));
        Assert.Equal(new Dictionary<string, long> { ["2-50"] = 1, ["51-500"] = 2 }, Counts(all, "minimumOrderQuantity"));
    }

    [Fact]
    public async Task Filters_by_bucket_keys_narrow_the_hits_and_the_other_facets()
    {
        await using var host = await StockedAsync();
        var client = host.CreateClient();

        var kettles = (await client.GetFromJsonAsync<JsonObject>("/api/v1/appliances/browse?category=kitchen/kettle&certification=CE"))!;
        var wholesale = (await client.GetFromJsonAsync<JsonObject>("/api/v1/appliances/browse?moq=51-500&power=gte-2000"))!;
        var twoBrands = (await client.GetFromJsonAsync<JsonObject>("/api/v1/appliances/browse?brand=Jiayi&brand=Minghui&price=lt-100"))!;

        Assert.Equal(2, kettles["total"]!.GetValue<long>());
        Assert.Equal(new Dictionary<string, long> { ["Ruifeng"] = 1, ["Jiayi"] = 1 }, Counts(kettles, "brand"));
        Assert.Equal(1, wholesale["total"]!.GetValue<long>());
        Assert.Equal(1, twoBrands["total"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("colour=red", "/problems/appliances/unknown-attribute")]
    [InlineData("power=huge", "/problems/appliances/invalid-input")]
    [InlineData("category=garden/mower", "/problems/appliances/invalid-input")]
    [InlineData("certification=FCC", "/problems/appliances/invalid-input")]
    [InlineData("sort=sideways", "/problems/appliances/invalid-input")]
    public async Task An_unknown_filter_or_bucket_is_a_problem(string query, string type)
    {
        await using var host = new TestHost(_folders);

        var response = await host.CreateClient().GetAsync($"/api/v1/appliances/browse?{query}");

        Assert.Equal(type, await ProblemAsync(response, HttpStatusCode.BadRequest));
    }
}
