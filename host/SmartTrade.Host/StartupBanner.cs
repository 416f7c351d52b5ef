using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Hosting;
using SmartTrade.Platform.Identity;
using SmartTrade.Platform.Plugins;

namespace SmartTrade.Host;

/// <summary>Tells the person who started the host where to open it and how it came up.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var data = app.Services.GetRequiredService<DataDirectory>();
        var plugins = app.Services.GetRequiredService<PluginRuntime>().List();
        var uptime = DateTime.Now - System.Diagnostics.Process.GetCurrentProcess().StartTime;
        var lines = new List<string>
        {
            string.Empty,
            $"SmartTrade is ready in {uptime.TotalMilliseconds:0} ms ({app.Environment.EnvironmentName}).",
        };
        foreach (var address in addresses)
        {
            lines.Add($"  Storefront      {address}/  (zh-CN; English from the language link)");
            lines.Add($"  API reference   {address}/api/reference");
            lines.Add($"  Readiness       {address}/health/ready");
        }

        lines.Add($"  Data directory  {data.Root}");
        lines.Add($"  Plugins         {string.Join(", ", plugins.Select(p => $"{p.Id} {p.Version} {p.State}"))}");
        if (app.Environment.IsDevelopment())
        {
            lines.Add($"  Demo logins     {string.Join(", ", AccountSeeder.DemoAccounts.Select(a => a.Email))} (password from SmartTrade:Demo:Password)");
            if (app.Services.GetRequiredService<IOptions<SmartTradeOptions>>().Value.Demo.SeedCatalog)
            {
                lines.Add("  Demo data       seeding in the background now; \"Demo data is in place\" below says when it is done");
            }
        }

        Console.WriteLine(string.Join(Environment.NewLine, lines) + Environment.NewLine);
    }
}
