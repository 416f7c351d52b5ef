using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Hosting;
using SmartTrade.Platform.Identity;
using Xunit;

namespace SmartTrade.Host.Tests;

/// <summary>The demo catalogues the shipped plugins offer a Development host.</summary>
public sealed class DemoCatalogTests : IDisposable
{
    private static readonly Dictionary<string, string?> SeedOn = new() { ["SmartTrade:Demo:SeedCatalog"] = "true" };
    private readonly TestFolders _folders = new();

    public DemoCatalogTests()
    {
        _folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket");
        _folders.AddPlugin("SmartTrade.Plugins.AgriMarket");
        _folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");
        _folders.AddPlugin("SmartTrade.Samples.MouldMarket");
    }

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Every_demo_listing_of_the_shipped_markets_passes_validation_and_a_second_run_adds_nothing()
    {
        await using var host = new TestHost(_folders, settings: SeedOn);
        var seeder = Seeder(host);

        var first = await seeder.SeedAsync(CancellationToken.None);
        var second = await seeder.SeedAsync(CancellationToken.None);

        Assert.Equal(0, first.Skipped);
        Assert.Equal((0, 0), second);
        var perMarket = await CountsAsync(host);
        Assert.True(perMarket["appliances"] >= 150, $"appliances: {perMarket["appliances"]}");
        Assert.True(perMarket["agri"] >= 30, $"agri: {perMarket["agri"]}");
        Assert.True(perMarket["plastics-receipts"] >= 20, $"plastics-receipts: {perMarket["plastics-receipts"]}");
        Assert.True(perMarket["moulds"] >= 10, $"moulds: {perMarket["moulds"]}");
    }

    [Fact]
    public async Task Demo_listings_are_found_by_search_with_facet_counts_from_several_makers()
    {
        await using var host = new TestHost(_folders, settings: SeedOn);
        await Seeder(host).SeedAsync(CancellationToken.None);
        await host.Services.GetRequiredService<SmartTrade.Platform.Outbox.OutboxProcessor>().DrainAsync(CancellationToken.None);

        var result = await host.CreateClient().GetFromJsonAsync<JsonObject>("/api/v1/search?q=电水壶&market=appliances&facets=brand");

        Assert.True(result!["total"]!.GetValue<long>() >= 10);
        Assert.True(result["facets"]![0]!["buckets"]!.AsArray().Count >= 3);
    }

    [Fact]
    public async Task Outside_development_the_demo_merchants_and_their_listings_are_removed_and_nothing_is_seeded()
    {
        await using (var development = new TestHost(_folders, settings: SeedOn))
        {
            await Seeder(development).SeedAsync(CancellationToken.None);
        }

        await using var production = new TestHost(_folders, environment: "Production", settings: SeedOn);
        _ = production.Services; // starts it
        await using var scope = production.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PlatformUser>>();

        Assert.Null(await users.FindByEmailAsync("ruifeng@appliances.demo"));
        Assert.Null(await users.FindByEmailAsync("merchant@smarttrade.demo"));
        Assert.Equal((0, 0), await Seeder(production).SeedAsync(CancellationToken.None));
        Assert.Empty(await CountsAsync(production));
    }

    private static DemoCatalogSeeder Seeder(TestHost host)
        => host.Services.GetServices<IHostedService>().OfType<DemoCatalogSeeder>().Single();

    private static async Task<Dictionary<string, int>> CountsAsync(TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Set<ListingEntity>()
            .GroupBy(l => l.MarketId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
    }
}
