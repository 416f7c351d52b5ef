using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartTrade.Platform.Hosting;
using SmartTrade.Platform.Outbox;
using Xunit;
using static SmartTrade.Host.Tests.Appliances.ApplianceTrade;

namespace SmartTrade.Host.Tests.Appliances;

/// <summary>The appliance market's Development demo: a few hundred appliances, wholesale tiers on many, and open quote requests.</summary>
public sealed class ApplianceDemoDataTests : IDisposable
{
    private static readonly Dictionary<string, string?> SeedOn = new() { ["SmartTrade:Demo:SeedCatalog"] = "true" };
    private readonly TestFolders _folders = new();

    public ApplianceDemoDataTests() => _folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task The_demo_has_hundreds_of_appliances_with_tiers_and_open_quote_requests_and_a_second_run_adds_nothing()
    {
        await using var host = new TestHost(_folders, settings: SeedOn);
        var seeder = host.Services.GetServices<IHostedService>().OfType<DemoCatalogSeeder>().Single();
        await seeder.SeedAsync(CancellationToken.None);
        await seeder.SeedAsync(CancellationToken.None);
        await host.Services.GetRequiredService<OutboxProcessor>().DrainAsync(CancellationToken.None);
        var anonymous = host.CreateClient();

        var all = (await anonymous.GetFromJsonAsync<JsonObject>("/api/v1/appliances/browse"))!;
        var brands = all["facets"]!.AsArray().Single(f => f!["field"]!.GetValue<string>() == "brand")!["buckets"]!.AsArray();
        Assert.InRange(all["total"]!.GetValue<long>(), 200, 1_000);
        Assert.True(brands.Count(b => b!["count"]!.GetValue<long>() > 0) >= 12);

        var firstPage = (await anonymous.GetFromJsonAsync<JsonObject>("/api/v1/appliances/browse?category=kitchen/kettle"))!["hits"]!.AsArray();
        var withTiers = 0;
        foreach (var hit in firstPage)
        {
            withTiers += (await TiersAsync(anonymous, hit!["listingId"]!.GetValue<Guid>())).Count > 0 ? 1 : 0;
        }

        Assert.True(withTiers >= firstPage.Count / 2, $"{withTiers} of {firstPage.Count} kettles have tiers");

        var shop = await host.ClientForAsync("shop@appliances.demo");
        var requests = (await shop.GetFromJsonAsync<JsonArray>("/api/v1/appliances/quote-requests"))!;
        var ruifeng = await host.ClientForAsync("ruifeng@appliances.demo");
        var inbox = (await ruifeng.GetFromJsonAsync<JsonArray>("/api/v1/appliances/quote-requests?as=merchant"))!;
        Assert.Equal(4, requests.Count);
        Assert.Equal(3, requests.Count(r => r!["state"]!.GetValue<string>() == "Requested"));
        Assert.Single(inbox);
        Assert.Equal("Quoted", inbox[0]!["state"]!.GetValue<string>());
        Assert.Equal(500, inbox[0]!["quantity"]!.GetValue<long>());
        Assert.Single((await (await host.ClientForAsync(Buyer)).GetFromJsonAsync<JsonArray>("/api/v1/appliances/quote-requests"))!);
    }
}
