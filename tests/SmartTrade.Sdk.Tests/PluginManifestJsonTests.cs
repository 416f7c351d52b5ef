using System.Text.Json;
using SmartTrade.Sdk.Plugins;

namespace SmartTrade.Sdk.Tests;

public sealed class PluginManifestJsonTests
{
    private const string PluginJson = """
        {
          "id": "appliance-market",
          "names": { "zh-CN": "小家电市场", "en": "Small-appliance market" },
          "description": { "zh-CN": "余姚、慈溪小家电在线市场", "en": "Online market for Yuyao and Cixi small appliances" },
          "version": "1.2.0-beta.1",
          "sdk": "^1.0.0",
          "entryAssembly": "SmartTrade.Plugins.ApplianceMarket.dll",
          "dependencies": [
            { "id": "price-index", "version": ">=1.0.0 <2.0.0" }
          ]
        }
        """;

    [Fact]
    public void A_realistic_plugin_json_is_read_completely()
    {
        var manifest = JsonSerializer.Deserialize<PluginManifest>(PluginJson)!;

        Assert.Equal("appliance-market", manifest.Id);
        Assert.Equal("小家电市场", manifest.Names["zh-CN"]);
        Assert.Equal("Small-appliance market", manifest.Names["en"]);
        Assert.Equal("Online market for Yuyao and Cixi small appliances", manifest.Description!["en"]);
        Assert.Equal("1.2.0-beta.1", manifest.Version);
        Assert.Equal("^1.0.0", manifest.Sdk);
        Assert.Equal("SmartTrade.Plugins.ApplianceMarket.dll", manifest.EntryAssembly);
        Assert.Equal([new PluginDependency("price-index", ">=1.0.0 <2.0.0")], manifest.Dependencies);
    }

    [Fact]
    public void A_manifest_without_dependencies_or_description_gets_empty_defaults()
    {
        const string json = """
            {"id":"agri-market","names":{"zh-CN":"农产品","en":"Farm produce"},"version":"1.0.0","sdk":"^1.0.0","entryAssembly":"Agri.dll"}
            """;

        var manifest = JsonSerializer.Deserialize<PluginManifest>(json)!;

        Assert.Empty(manifest.Dependencies);
        Assert.Null(manifest.Description);
    }

    [Fact]
    public void A_manifest_missing_a_required_field_is_refused()
        => Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PluginManifest>(
            """{"id":"x-market","names":{"zh-CN":"某","en":"X"},"version":"1.0.0","sdk":"^1.0.0"}"""));

    [Fact]
    public void The_manifest_file_is_called_plugin_json()
        => Assert.Equal("plugin.json", PluginManifest.FileName);
}
