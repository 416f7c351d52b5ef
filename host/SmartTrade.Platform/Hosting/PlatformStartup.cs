using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Identity;
using SmartTrade.Platform.Outbox;
using SmartTrade.Platform.Plugins;
using SmartTrade.Platform.Scaling;
using SmartTrade.Platform.Search.Lucene;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Platform.Hosting;

/// <summary>
/// Brings the platform up before the server listens: applies migrations, then seeds roles (and the demo accounts
/// in Development) while the plugins load (and apply their own migrations). Hosts starting together on one database
/// take turns through all of that (<see cref="StartupLock"/>), so the second finds the first's work done instead of
/// racing it. Stops the plugins when the host stops.
/// </summary>
internal sealed class PlatformStartup(
    IServiceProvider services,
    PluginRuntime plugins,
    StartupLock startupLock,
    IHostEnvironment environment,
    IConfiguration configuration,
    PlatformDatabase database,
    IOptions<SmartTradeOptions> options,
    ILogger<PlatformStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using (await startupLock.AcquireAsync("migrating and starting the plugins", cancellationToken))
        {
            var locked = clock.Elapsed;
            await MigrateAsync(cancellationToken);
            var migrated = clock.Elapsed - locked;
            await Task.WhenAll(SeedAccountsAsync(), plugins.StartAsync(cancellationToken));
            logger.LogInformation("Platform started in {Total} ms (waited for other hosts {Waited} ms, database {Database} ms)",
                (long)clock.Elapsed.TotalMilliseconds, (long)locked.TotalMilliseconds, (long)migrated.TotalMilliseconds);
        }

        WarnOfLocalSearchIndexInCluster();
    }

    // Several hosts share the database and its outbox, which only the lease holder drains: a search index on this
    // host's own disk would miss every change another host indexes.
    private void WarnOfLocalSearchIndexInCluster()
    {
        if (database.IsPostgreSql && ScaleOutServiceCollectionExtensions.RedisConfiguration(configuration) is not null
            && services.GetService<ICatalogSearch>() is LuceneCatalogSearch)
        {
            logger.LogWarning(
                "This host is one of several (Redis and PostgreSQL are configured) but searches a Lucene index of its own, which is brought up to date only while it holds the lease {Lease}: set SmartTrade:Search:Provider=Elasticsearch for several hosts",
                OutboxProcessor.LeaseName);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => plugins.StopAsync(cancellationToken);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();

        // MigrateAsync also diffs the model against the snapshot, which costs the better part of a second at
        // every start; only call it when the history table lacks a migration.
        var applied = await db.Database.GetAppliedMigrationsAsync(cancellationToken);
        if (db.Database.GetMigrations().Except(applied).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
    }

    private async Task SeedAccountsAsync()
    {
        await using var scope = services.CreateAsyncScope();
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
}
