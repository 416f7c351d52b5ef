using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Xunit;

namespace SmartTrade.Host.Tests;

/// <summary>A plugin's own DbContext and migrations on the host's database, through the mould-market sample.</summary>
public sealed class PluginDataTests : IDisposable
{
    private readonly TestFolders _folders = new();

    public void Dispose() => _folders.Dispose();

    [Fact]
    public async Task A_plugins_migrations_run_at_install_into_its_own_prefixed_tables_and_history()
    {
        _folders.AddPlugin("SmartTrade.Samples.MouldMarket");
        await using (var host = new TestHost(_folders))
        {
            Assert.Equal(HttpStatusCode.OK, (await host.CreateClient().GetAsync("/health/ready")).StatusCode);
        }

        var tables = Tables(Path.Combine(_folders.Data, "smarttrade.db"));

        Assert.Contains("mould_market_inquiries", tables);
        Assert.Contains("__mould_market_migrations", tables);
        Assert.Contains("AspNetUsers", tables);
    }

    [Fact]
    public async Task A_buyers_inquiry_is_stored_by_the_plugin_and_survives_a_restart()
    {
        _folders.AddPlugin("SmartTrade.Samples.MouldMarket");
        var neededBy = DateOnly.FromDateTime(DateTime.Today.AddDays(90)).ToString("yyyy-MM-dd");
        await using (var host = new TestHost(_folders))
        {
            var buyer = await host.ClientForAsync("buyer@smarttrade.demo");
            var created = await buyer.PostAsJsonAsync("/api/v1/moulds/inquiries", new
            {
                mouldType = "injection",
                partDescription = "电饭煲外壳 rice-cooker housing, PP",
                cavities = 2,
                expectedShots = 500_000,
                neededBy,
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await using var restarted = new TestHost(_folders);
        var mine = await (await restarted.ClientForAsync("buyer@smarttrade.demo")).GetFromJsonAsync<JsonArray>("/api/v1/moulds/inquiries");
        var others = await (await restarted.ClientForAsync("merchant@smarttrade.demo")).GetAsync("/api/v1/moulds/inquiries");

        var inquiry = Assert.Single(mine!)!;
        Assert.Equal("injection", inquiry["mouldType"]!.GetValue<string>());
        Assert.Equal(500_000, inquiry["expectedShots"]!.GetValue<long>());
        Assert.Equal(HttpStatusCode.Forbidden, others.StatusCode);
    }

    [Fact]
    public async Task An_invalid_inquiry_is_refused_field_by_field_and_stores_nothing()
    {
        _folders.AddPlugin("SmartTrade.Samples.MouldMarket");
        await using var host = new TestHost(_folders);
        var buyer = await host.ClientForAsync("buyer@smarttrade.demo");

        var response = await buyer.PostAsJsonAsync("/api/v1/moulds/inquiries", new
        {
            mouldType = "origami",
            partDescription = "",
            cavities = 0,
            expectedShots = -5,
            neededBy = "2000-01-01",
        });
        var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("/problems/validation", problem!["type"]!.GetValue<string>());
        Assert.Equal(
            ["cavities", "expectedShots", "mouldType", "neededBy", "partDescription"],
            problem["errors"]!.AsObject().Select(e => e.Key).Order());
        Assert.Empty((await buyer.GetFromJsonAsync<JsonArray>("/api/v1/moulds/inquiries"))!);
    }

    private static List<string> Tables(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
