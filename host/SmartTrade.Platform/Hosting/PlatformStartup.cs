using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Identity;
using SmartTrade.Platform.Plugins;

namespace SmartTrade.Platform.Hosting;

/// <summary>
/// Brings the platform up before the server listens: applies migrations, seeds roles (and the demo accounts in
/// Development), then loads the plugins. Stops the plugins when the host stops.
/// </summary>
internal sealed class PlatformStartup(
    IServiceProvider services,
    PluginRuntime plugins,
    IHostEnvironment environment,
    IOptions<SmartTradeOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
            await db.Database.MigrateAsync(cancellationToken);
            var seeder = scope.ServiceProvider.GetRequiredService<AccountSeeder>();
            await seeder.SeedRolesAsync();
            if (environment.IsDevelopment())
            {
                await seeder.SeedDemoAccountsAsync(options.Value.Demo.Password);
            }
            else
            {
                await seeder.RemoveDemoAccountsAsync();
            }
        }

        await plugins.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => plugins.StopAsync(cancellationToken);
}
