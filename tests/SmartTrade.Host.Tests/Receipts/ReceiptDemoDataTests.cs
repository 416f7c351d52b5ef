using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SmartTrade.Platform.Hosting;
using Xunit;

namespace SmartTrade.Host.Tests.Receipts;

/// <summary>The registry's Development demo data, seeded through the SDK's demo data hook.</summary>
public sealed class ReceiptDemoDataTests : IDisposable
{
    private static readonly Dictionary<string, string?> SeedOn = new() { ["SmartTrade:Demo:SeedCatalog"] = "true" };
    private readonly TestFolders _folders = new();

    public ReceiptDemoDataTests() => _folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Two_demo_traders_get_receipts_across_instruments_and_load_ins_in_every_state_once()
    {
        await using var host = new TestHost(_folders, settings: SeedOn);
        var seeder = host.Services.GetServices<IHostedService>().OfType<DemoCatalogSeeder>().Single();

        await seeder.SeedAsync(CancellationToken.None);
        var admin = await host.AdminAsync();
        var chainAfterFirst = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/receipts/registry/verify"))!;
        await seeder.SeedAsync(CancellationToken.None);
        var chainAfterSecond = (await admin.GetFromJsonAsync<JsonObject>("/api/v1/receipts/registry/verify"))!;

        Assert.True(chainAfterSecond["intact"]!.GetValue<bool>());
        Assert.Equal(chainAfterFirst["entries"]!.GetValue<long>(), chainAfterSecond["entries"]!.GetValue<long>());

        var trader = await host.ClientForAsync("trader@smarttrade.demo");
        var trader2 = await host.ClientForAsync("trader2@smarttrade.demo");
        var mine = (await trader.GetFromJsonAsync<JsonArray>("/api/v1/receipts/mine"))!;
        var theirs = (await trader2.GetFromJsonAsync<JsonArray>("/api/v1/receipts/mine"))!;
        Assert.True(mine.Select(r => r!["instrument"]!.GetValue<string>()).Distinct().Count() >= 3);
        Assert.True(theirs.Select(r => r!["instrument"]!.GetValue<string>()).Distinct().Count() >= 3);
        Assert.Contains(mine, r => r!["status"]!.GetValue<string>() == "Pledged");
        Assert.Contains(mine, r => r!["status"]!.GetValue<string>() == "PendingAcceptance");

        var loadInStates = (await trader.GetFromJsonAsync<JsonArray>("/api/v1/receipts/load-ins"))!
            .Concat((await trader2.GetFromJsonAsync<JsonArray>("/api/v1/receipts/load-ins"))!)
            .Select(l => l!["status"]!.GetValue<string>()).ToHashSet();
        Assert.Equal(["Declared", "Issued", "Rejected"], loadInStates.Order());

        var operators = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/receipts/warehouses/operators"))!;
        Assert.Equal(5, operators.Select(o => o!["warehouse"]!.GetValue<string>()).Distinct().Count());
        var inbox = (await (await host.ClientForAsync("warehouse@smarttrade.demo")).GetFromJsonAsync<JsonArray>("/api/v1/receipts/load-ins?as=operator&status=Declared"))!;
        Assert.Equal(2, inbox.Count);
    }
}
