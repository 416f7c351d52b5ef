using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace SmartTrade.Host.Tests;

/// <summary>How the host discovers, checks and loads plugins at start, and stays up whatever they do.</summary>
public sealed class PluginLoadingTests : IDisposable
{
    private readonly TestFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task Every_shipped_plugin_and_the_sample_load_enabled_and_the_host_is_ready()
    {
        _folders.WithShippedPlugins();
        await using var host = new TestHost(_folders);
        var admin = await host.AdminAsync();

        var plugins = await PluginsAsync(admin);

        Assert.Equal(
            ["agri-market", "appliance-market", "mould-market", "price-index", "warehouse-receipts"],
            plugins.Select(p => p["id"]!.GetValue<string>()).Order());
        Assert.All(plugins, p => Assert.Equal("Enabled", p["state"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Dependencies_load_before_the_plugins_that_need_them()
    {
        _folders.WithShippedPlugins();
        await using var host = new TestHost(_folders);

        var ids = (await PluginsAsync(await host.AdminAsync())).Select(p => p["id"]!.GetValue<string>()).ToList();

        Assert.True(ids.IndexOf("warehouse-receipts") < ids.IndexOf("price-index"));
    }

    [Fact]
    public async Task A_plugin_needing_another_sdk_major_is_incompatible_and_the_host_starts_anyway()
    {
        _folders.AddProbe("probe-future", manifest: m => m["sdk"] = "^2.0.0");
        _folders.AddProbe("probe-now");
        await using var host = new TestHost(_folders);
        var admin = await host.AdminAsync();

        var future = await PluginAsync(admin, "probe-future");

        Assert.Equal("Incompatible", future["state"]!.GetValue<string>());
        Assert.Contains("SDK", future["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/test-plugins/probe-future/version")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/test-plugins/probe-now/version")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task A_plugin_whose_dependency_is_missing_is_incompatible_with_the_reason()
    {
        _folders.AddProbe("probe-orphan", manifest: m => m["dependencies"] = new JsonArray(new JsonObject { ["id"] = "freight", ["version"] = "^1.0.0" }));
        await using var host = new TestHost(_folders);

        var orphan = await PluginAsync(await host.AdminAsync(), "probe-orphan");

        Assert.Equal("Incompatible", orphan["state"]!.GetValue<string>());
        Assert.Contains("'freight'", orphan["reason"]!.GetValue<string>());
        Assert.Contains("not installed", orphan["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_plugin_whose_dependency_version_is_out_of_range_is_incompatible()
    {
        _folders.AddProbe("probe-base", version: "1.4.0");
        _folders.AddProbe("probe-needs-2", manifest: m => m["dependencies"] = new JsonArray(new JsonObject { ["id"] = "probe-base", ["version"] = "^2.0.0" }));
        await using var host = new TestHost(_folders);

        var needy = await PluginAsync(await host.AdminAsync(), "probe-needs-2");

        Assert.Equal("Incompatible", needy["state"]!.GetValue<string>());
        Assert.Contains("1.4.0", needy["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_plugin_depending_on_an_incompatible_plugin_is_incompatible_too()
    {
        _folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts", m => m["sdk"] = "^9.0.0");
        _folders.AddPlugin("SmartTrade.Plugins.PriceIndex");
        await using var host = new TestHost(_folders);
        var admin = await host.AdminAsync();

        var index = await PluginAsync(admin, "price-index");

        Assert.Equal("Incompatible", index["state"]!.GetValue<string>());
        Assert.Contains("warehouse-receipts", index["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_folder_with_an_invalid_manifest_is_listed_as_incompatible()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folders.Plugins, "Broken.Plugin")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "plugin.json"), "{ \"id\": \"Broken\" ");
        _folders.AddProbe("probe-fine");
        await using var host = new TestHost(_folders);

        var broken = await PluginAsync(await host.AdminAsync(), "Broken.Plugin");

        Assert.Equal("Incompatible", broken["state"]!.GetValue<string>());
        Assert.Contains("plugin.json", broken["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_plugin_sees_every_payment_gateway_of_the_host_in_requests_and_in_its_own_background_scopes()
    {
        _folders.AddProbe("probe-pay");
        await using var host = new TestHost(_folders, settings: new Dictionary<string, string?>
        {
            ["SmartTrade:Payments:Stripe:SecretKey"] = "sk_test_not_called",
            ["SmartTrade:Payments:Stripe:WebhookSecret"] = "whsec_not_called",
        });

        var seen = (await (await host.AdminAsync()).GetFromJsonAsync<JsonObject>("/api/v1/test-plugins/probe-pay/gateways"))!;

        Assert.Equal(["sandbox", "stripe"], seen["request"]!.AsArray().Select(g => g!.GetValue<string>()).ToArray());
        Assert.Equal(["sandbox", "stripe"], seen["background"]!.AsArray().Select(g => g!.GetValue<string>()).ToArray());
    }

    [Theory]
    [InlineData("ConfigureServices")]
    [InlineData("Install")]
    [InlineData("MapEndpoints")]
    [InlineData("Start")]
    public async Task A_plugin_that_throws_is_faulted_with_its_error_and_the_others_keep_serving(string stage)
    {
        _folders.AddProbe("probe-faulty");
        _folders.AddProbe("probe-healthy");
        await using var host = new TestHost(_folders, settings: new Dictionary<string, string?> { ["SmartTrade:Plugins:probe-faulty:FailIn"] = stage });
        var admin = await host.AdminAsync();

        var faulty = await PluginAsync(admin, "probe-faulty");

        Assert.Equal("Faulted", faulty["state"]!.GetValue<string>());
        Assert.Contains($"Probe told to fail in {stage}", faulty["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/test-plugins/probe-faulty/version")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/test-plugins/probe-healthy/version")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/health/ready")).StatusCode);
    }

    [Theory]
    [InlineData("Market", "market 'moulds' is already declared by plugin 'mould-market'")]
    [InlineData("LinePolicyMarket", "market 'moulds' already has an order-line policy from plugin 'probe-first'")]
    public async Task A_plugin_declaring_a_market_or_a_policy_that_another_plugin_already_has_is_faulted_and_the_first_keeps_it(string setting, string reason)
    {
        _folders.AddPlugin("SmartTrade.Samples.MouldMarket");
        _folders.AddProbe("probe-first");
        _folders.AddProbe("probe-second");
        await using var host = new TestHost(_folders, settings: new Dictionary<string, string?>
        {
            ["SmartTrade:Plugins:probe-first:LinePolicyMarket"] = "moulds",
            [$"SmartTrade:Plugins:probe-second:{setting}"] = "moulds",
        });
        var admin = await host.AdminAsync();

        var first = await PluginAsync(admin, "probe-first");
        var second = await PluginAsync(admin, "probe-second");
        var markets = await admin.GetFromJsonAsync<JsonArray>("/api/v1/markets");

        Assert.Equal("Enabled", first["state"]!.GetValue<string>());
        Assert.Equal("Faulted", second["state"]!.GetValue<string>());
        Assert.Contains(reason, second["reason"]!.GetValue<string>());
        Assert.Equal("余姚模具市场", Assert.Single(markets!, m => m!["id"]!.GetValue<string>() == "moulds")!["names"]!["zh-CN"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/test-plugins/probe-second/version")).StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/markets", "the host")]
    [InlineData("/api/v1/test-plugins/probe-first/version", "plugin 'probe-first'")]
    public async Task A_plugin_mapping_a_route_already_served_is_faulted_and_the_route_keeps_its_owner(string route, string owner)
    {
        _folders.AddProbe("probe-first");
        _folders.AddProbe("probe-second");
        await using var host = new TestHost(_folders, settings: new Dictionary<string, string?> { ["SmartTrade:Plugins:probe-second:ExtraRoute"] = route });
        var admin = await host.AdminAsync();

        var second = await PluginAsync(admin, "probe-second");

        Assert.Equal("Faulted", second["state"]!.GetValue<string>());
        Assert.Contains($"already served by {owner}", second["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(route)).StatusCode);
    }

    [Fact]
    public async Task The_host_starts_with_no_plugins_folder_at_all()
    {
        Directory.Delete(_folders.Plugins);
        await using var host = new TestHost(_folders);

        Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().GetAsync("/health/ready")).StatusCode);
        Assert.Empty(await PluginsAsync(await host.AdminAsync()));
    }

    [Fact]
    public async Task Plugins_keep_their_own_version_of_a_library_another_plugin_also_uses()
    {
        _folders.WithShippedPlugins();
        await using var host = new TestHost(_folders);
        var admin = await host.AdminAsync();

        var indexCsv = await admin.GetAsync("/api/v1/index/definitions?format=csv");
        var mouldCsv = await admin.GetAsync("/api/v1/moulds/import-template.csv");
        var index = await admin.GetFromJsonAsync<JsonObject>("/api/v1/admin/plugins/price-index");
        var moulds = await admin.GetFromJsonAsync<JsonObject>("/api/v1/admin/plugins/mould-market");

        Assert.Contains("CsvHelper 34.0.0.0", index!["privateAssemblies"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains("CsvHelper 30.0.0.0", moulds!["privateAssemblies"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, indexCsv.StatusCode);
        Assert.Equal(HttpStatusCode.OK, mouldCsv.StatusCode);
        Assert.Contains("ZSPI-PP", await indexCsv.Content.ReadAsStringAsync());
        Assert.Contains("steelGrade", await mouldCsv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Plugins_share_the_sdk_with_the_host_instead_of_loading_their_own()
    {
        _folders.AddProbe("probe-shared");
        await using var host = new TestHost(_folders);

        var details = await (await host.AdminAsync()).GetFromJsonAsync<JsonObject>("/api/v1/admin/plugins/probe-shared");

        var names = details!["privateAssemblies"]!.AsArray().Select(a => a!.GetValue<string>()).ToList();
        Assert.Contains(names, n => n.StartsWith("SmartTrade.TestPlugins.Probe ", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("SmartTrade.Sdk ", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("MediatR ", StringComparison.Ordinal));
    }

    internal static async Task<List<JsonObject>> PluginsAsync(HttpClient admin)
        => (await admin.GetFromJsonAsync<JsonArray>("/api/v1/admin/plugins"))!.Select(p => p!.AsObject()).ToList();

    internal static async Task<JsonObject> PluginAsync(HttpClient admin, string id)
        => (await PluginsAsync(admin)).Single(p => p["id"]!.GetValue<string>() == id);
}
