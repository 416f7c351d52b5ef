using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SmartTrade.Sdk.Testing;

namespace SmartTrade.Sdk.Authoring.Tests;

/// <summary>
/// From nothing to an installed plugin, as the guide tells an author: install the template from the packed template
/// package, create a plugin, build and test it against the packed SDK, then upload it to a running host.
/// </summary>
public sealed class TemplateTests(PackedSdk sdk) : IClassFixture<PackedSdk>
{
    [Fact]
    public async Task A_plugin_made_from_the_template_builds_passes_its_tests_and_installs_into_a_running_host()
    {
        var template = Directory.GetFiles(sdk.Feed, "SmartTrade.Templates.*.nupkg").Single();
        await Succeeds("new", "install", template, "--debug:custom-hive", sdk.TemplateHive);
        await Succeeds("new", "smarttrade-plugin", "-n", "Acme.Freight", "--debug:custom-hive", sdk.TemplateHive);
        var project = Path.Combine(sdk.Workspace, "Acme.Freight");
        Assert.Contains("\"id\": \"acme-freight\"", File.ReadAllText(Path.Combine(project, "src", "Acme.Freight", "plugin.json")), StringComparison.Ordinal);

        var tested = await Succeeds("test", Path.Combine(project, "tests", "Acme.Freight.Tests"), "-c", "Release");
        Assert.Contains("Passed!", tested, StringComparison.Ordinal);
        Assert.Contains("Failed:     0", tested, StringComparison.Ordinal);

        // The plugin folder the build made, uploaded to a host that started without it.
        var built = Path.Combine(project, "src", "Acme.Freight", "bin", "Release", "net10.0");
        await using var host = await PluginTestHost.StartAsync(new PluginTestHostOptions { LoadPluginsUnderTest = false });
        Assert.Null(host.Plugin("acme-freight"));

        using var upload = await host.UploadPluginAsync(built);
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        Assert.True(host.Plugin("acme-freight")!.IsEnabled, host.Plugin("acme-freight")!.Reason);
        Assert.DoesNotContain(Directory.GetFiles(built), f => Path.GetFileName(f) == "SmartTrade.Sdk.dll");

        var buyer = await host.ClientForAsync(DemoUsers.Buyer);
        var quote = await buyer.PostAsJsonAsync("/api/v1/acme-freight/quotes", new { weightKg = 10, distanceKm = 100 });
        Assert.Equal(HttpStatusCode.OK, quote.StatusCode);
        Assert.Equal(2_300, (await quote.Content.ReadFromJsonAsync<JsonObject>())!["price"]!["minor"]!.GetValue<long>());
    }

    private async Task<string> Succeeds(params string[] arguments)
    {
        var (exitCode, output) = await Dotnet.RunAsync(sdk.Workspace, sdk.Environment, arguments);
        Assert.True(exitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{output}");
        return output;
    }
}
