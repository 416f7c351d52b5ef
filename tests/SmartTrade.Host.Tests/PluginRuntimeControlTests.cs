using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Orders;
using Xunit;
using static SmartTrade.Host.Tests.PluginLoadingTests;

namespace SmartTrade.Host.Tests;

/// <summary>Enabling and disabling plugins while the host runs, and what that does to endpoints, handlers and markets.</summary>
public sealed class PluginRuntimeControlTests : IDisposable
{
    private readonly TestFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task A_disabled_plugin_stops_serving_at_once_and_serves_again_when_enabled_without_a_restart()
    {
        _folders.AddProbe("probe-toggle");
        await using var host = new TestHost(_folders);
        var admin = await host.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/test-plugins/probe-toggle/version")).StatusCode);

        var disabled = await admin.PostAsync("/api/v1/admin/plugins/probe-toggle/disable", null);
        var whileDisabled = await admin.GetAsync("/api/v1/test-plugins/probe-toggle/version");
        var enabled = await admin.PostAsync("/api/v1/admin/plugins/probe-toggle/enable", null);
        var afterEnable = await admin.GetAsync("/api/v1/test-plugins/probe-toggle/version");

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.Equal("Disabled", (await disabled.Content.ReadFromJsonAsync<JsonObject>())!["state"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, whileDisabled.StatusCode);
        Assert.Equal("application/problem+json", whileDisabled.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterEnable.StatusCode);
    }

    [Fact]
    public async Task A_disabled_plugin_stays_disabled_after_a_restart()
    {
        _folders.AddProbe("probe-persist");
        await using (var first = new TestHost(_folders))
        {
            var admin = await first.AdminAsync();
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/api/v1/admin/plugins/probe-persist/disable", null)).StatusCode);
        }

        await using var second = new TestHost(_folders);
        var plugin = await PluginAsync(await second.AdminAsync(), "probe-persist");

        Assert.Equal("Disabled", plugin["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task Disabling_a_plugin_that_an_enabled_plugin_depends_on_is_refused()
    {
        _folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");
        _folders.AddPlugin("SmartTrade.Plugins.PriceIndex");
        await using var host = new TestHost(_folders);
        var admin = await host.AdminAsync();

        var response = await admin.PostAsync("/api/v1/admin/plugins/warehouse-receipts/disable", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("price-index", await response.Content.ReadAsStringAsync());
        Assert.Equal("Enabled", (await PluginAsync(admin, "warehouse-receipts"))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_dependent_waiting_for_a_disabled_dependency_starts_when_the_dependency_is_enabled()
    {
        _folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");
        _folders.AddPlugin("SmartTrade.Plugins.PriceIndex");
        await using (var first = new TestHost(_folders))
        {
            var admin = await first.AdminAsync();
            await admin.PostAsync("/api/v1/admin/plugins/price-index/disable", null);
            await admin.PostAsync("/api/v1/admin/plugins/warehouse-receipts/disable", null);
            await admin.PostAsync("/api/v1/admin/plugins/price-index/enable", null);
        }

        await using var host = new TestHost(_folders);
        var client = await host.AdminAsync();
        Assert.Equal("Disabled", (await PluginAsync(client, "price-index"))["state"]!.GetValue<string>());

        var refused = await client.PostAsync("/api/v1/admin/plugins/price-index/enable", null);
        await client.PostAsync("/api/v1/admin/plugins/warehouse-receipts/enable", null);
        var enabled = await client.PostAsync("/api/v1/admin/plugins/price-index/enable", null);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/index/definitions")).StatusCode);
    }

    [Fact]
    public async Task An_sdk_notification_reaches_every_enabled_plugin_and_no_disabled_one()
    {
        _folders.AddProbe("probe-a");
        _folders.AddProbe("probe-b");
        await using var host = new TestHost(_folders);
        var admin = await host.AdminAsync();

        await PublishOrderPlacedAsync(host, "SO-1");
        await admin.PostAsync("/api/v1/admin/plugins/probe-b/disable", null);
        await PublishOrderPlacedAsync(host, "SO-2");
        await admin.PostAsync("/api/v1/admin/plugins/probe-b/enable", null);
        await PublishOrderPlacedAsync(host, "SO-3");

        Assert.Equal(["SO-1", "SO-2", "SO-3"], await ReceivedAsync(admin, "probe-a"));
        Assert.Equal(["SO-1", "SO-3"], await ReceivedAsync(admin, "probe-b"));
    }

    [Fact]
    public async Task A_faulted_plugin_can_be_enabled_again_once_its_cause_is_gone_and_it_still_fails_while_it_is_not()
    {
        _folders.AddProbe("probe-flaky");
        await using var host = new TestHost(_folders, settings: new Dictionary<string, string?> { ["SmartTrade:Plugins:probe-flaky:FailIn"] = "Start" });
        var admin = await host.AdminAsync();

        var retry = await admin.PostAsync("/api/v1/admin/plugins/probe-flaky/enable", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, retry.StatusCode);
        Assert.Equal("Faulted", (await PluginAsync(admin, "probe-flaky"))["state"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_markets_of_enabled_plugins_are_listed_and_a_disabled_plugins_market_disappears()
    {
        _folders.WithShippedPlugins();
        await using var host = new TestHost(_folders);
        var admin = await host.AdminAsync();
        var anonymous = host.CreateClient();

        var before = await MarketIdsAsync(anonymous);
        await admin.PostAsync("/api/v1/admin/plugins/agri-market/disable", null);
        var after = await MarketIdsAsync(anonymous);

        Assert.Equal(["agri", "appliances", "moulds", "plastics-receipts"], before.Order());
        Assert.Equal(["appliances", "moulds", "plastics-receipts"], after.Order());
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/markets/agri")).StatusCode);
    }

    [Fact]
    public async Task Enabling_or_disabling_an_unknown_plugin_is_404()
    {
        await using var host = new TestHost(_folders);
        var admin = await host.AdminAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/admin/plugins/nothing/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/api/v1/admin/plugins/nothing/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/admin/plugins/nothing")).StatusCode);
    }

    [Theory]
    [InlineData("merchant@smarttrade.demo")]
    [InlineData("buyer@smarttrade.demo")]
    public async Task Only_an_admin_may_control_plugins(string email)
    {
        _folders.AddProbe("probe-guarded");
        await using var host = new TestHost(_folders);
        var user = await host.ClientForAsync(email);

        Assert.Equal(HttpStatusCode.Forbidden, (await user.GetAsync("/api/v1/admin/plugins")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await user.PostAsync("/api/v1/admin/plugins/probe-guarded/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.CreateClient().GetAsync("/api/v1/admin/plugins")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/api/v1/test-plugins/probe-guarded/version")).StatusCode);
    }

    private static async Task PublishOrderPlacedAsync(TestHost host, string number)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(new OrderPlaced
        {
            OrderId = Guid.NewGuid(),
            OrderNumber = number,
            MarketId = "appliances",
            MerchantId = "merchant-1",
            BuyerId = "buyer-1",
            OccurredAt = DateTimeOffset.UnixEpoch,
            Total = Money.FromFen(12_900),
        });
    }

    private static async Task<List<string>> ReceivedAsync(HttpClient client, string probe)
        => (await client.GetFromJsonAsync<List<string>>($"/api/v1/test-plugins/{probe}/received"))!;

    private static async Task<List<string>> MarketIdsAsync(HttpClient client)
        => (await client.GetFromJsonAsync<JsonArray>("/api/v1/markets"))!.Select(m => m!["id"]!.GetValue<string>()).ToList();
}
