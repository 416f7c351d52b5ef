using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SmartTrade.Platform.Catalog;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Identity;
using SmartTrade.Platform.Markets;
using SmartTrade.Platform.Outbox;
using SmartTrade.Platform.Plugins;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Demo;

namespace SmartTrade.Platform.Hosting;

/// <summary>
/// In Development, once the host has started, seeds every enabled plugin's <see cref="IDemoCatalog"/>: its merchants
/// and listings, validated like a merchant's own. Each listing's id comes from its plugin and key, so a listing is
/// seeded once and never duplicated across restarts; listings a user deleted or changed are left alone. Then each
/// plugin's <see cref="IDemoDataSeeder"/>s seed their own demo data, which they keep idempotent. Hosts sharing a
/// database seed one after the other (<see cref="StartupLock"/>), so a host finds what another seeded and adds nothing twice.
/// </summary>
internal sealed class DemoCatalogSeeder(
    IServiceScopeFactory scopes,
    PluginRuntime plugins,
    StartupLock startupLock,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    IOptions<SmartTradeOptions> options,
    TimeProvider time,
    ILogger<DemoCatalogSeeder> logger) : BackgroundService
{
    private static readonly TimeZoneInfo China = FindChinaTime();
    private readonly SemaphoreSlim _gate = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        // After start-up, so the demo never delays the first request.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        try
        {
            var begun = time.GetTimestamp();
            var (added, skipped) = await SeedAsync(stoppingToken);
            logger.LogInformation(
                "Demo data is in place: {Added} listings added, {Skipped} skipped, each plugin's own demo data seeded ({Milliseconds:0} ms).",
                added, skipped, time.GetElapsedTime(begun).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Seeding the demo catalogues failed");
        }
    }

    private bool Enabled => environment.IsDevelopment() && options.Value.Demo.SeedCatalog;

    /// <summary>Seeds what is missing, one run at a time; nothing outside Development or when turned off.</summary>
    /// <returns>How many listings were added, and how many were skipped because they did not validate.</returns>
    public async Task<(int Added, int Skipped)> SeedAsync(CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return (0, 0);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var seeding = await startupLock.AcquireAsync("seeding the demo data", cancellationToken);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), China).DateTime);
            var (added, skipped) = (0, 0);
            foreach (var (pluginId, catalog) in Catalogs())
            {
                var result = await SeedAsync(pluginId, catalog, today, cancellationToken);
                (added, skipped) = (added + result.Added, skipped + result.Skipped);
            }

            foreach (var generation in plugins.ServingGenerations().ToList())
            {
                await SeedDataAsync(generation, today, cancellationToken);
            }

            return (added, skipped);
        }
        finally
        {
            _gate.Release();
        }
    }

    private IEnumerable<(string PluginId, IDemoCatalog Catalog)> Catalogs()
    {
        foreach (var generation in plugins.ServingGenerations().ToList())
        {
            if (generation.Root.GetService<IDemoCatalog>() is { } catalog)
            {
                yield return (generation.Id, catalog);
            }
        }
    }

    private async Task<(int Added, int Skipped)> SeedAsync(string pluginId, IDemoCatalog catalog, DateOnly today, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountSeeder>();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var markets = scope.ServiceProvider.GetRequiredService<MarketDirectory>();

        var merchantIds = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var merchant in catalog.Merchants)
        {
            merchantIds[merchant.Email] = await accounts.EnsureDemoMerchantAsync(merchant.Email, merchant.DisplayName, options.Value.Demo.Password);
        }

        var listings = catalog.Listings(today);
        var ids = listings.Select(l => IdFor(pluginId, l.Key)).ToList();
        var existing = (await db.Set<ListingEntity>().Where(l => ids.Contains(l.Id)).Select(l => l.Id).ToListAsync(cancellationToken)).ToHashSet();
        var now = time.GetUtcNow();
        var (added, skipped) = (0, 0);
        for (var i = 0; i < listings.Count; i++)
        {
            var demo = listings[i];
            if (existing.Contains(ids[i]))
            {
                continue;
            }

            var sellerId = merchantIds.TryGetValue(demo.MerchantEmail, out var id) ? id : await accounts.FindUserIdAsync(demo.MerchantEmail);
            var (valid, errors) = ListingValidation.Validate(ToInput(demo), markets.Find);
            if (valid is null || sellerId is null)
            {
                logger.LogWarning(
                    "Demo listing {Plugin}/{Key} skipped: {Errors}",
                    pluginId,
                    demo.Key,
                    sellerId is null ? $"no account {demo.MerchantEmail}" : string.Join("; ", errors.InEnglish().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
                skipped++;
                continue;
            }

            // Spread creation times so "newest" has an order, the first listing the newest.
            var createdAt = now - TimeSpan.FromMinutes(i);
            var listing = ListingCommands.Draft(ids[i], sellerId, valid, createdAt);
            if (demo.Publish)
            {
                listing.TryPublish();
            }

            db.Add(listing);
            db.Enqueue(ListingEndpoints.ListingChangedType, listing.Changed(ListingChangeKind.Created, now), now);
            added++;
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            scope.ServiceProvider.GetRequiredService<OutboxProcessor>().Notify();
            logger.LogInformation("Seeded {Count} demo listings of plugin {Plugin}", added, pluginId);
        }

        return (added, skipped);
    }

    /// <summary>Runs a plugin's demo data seeders in a plugin scope; one failing is logged and the others still run.</summary>
    private async Task SeedDataAsync(PluginGeneration generation, DateOnly today, CancellationToken cancellationToken)
    {
        if (!generation.TryAcquire())
        {
            return;
        }

        try
        {
            using var reflection = generation.EnterContext();
            await using var hostScope = scopes.CreateAsyncScope();
            await using var scope = generation.CreateScope(hostScope.ServiceProvider);
            var seeders = scope.ServiceProvider.Plugin.GetServices<IDemoDataSeeder>().ToList();
            var context = new AccountSeedContext(hostScope.ServiceProvider.GetRequiredService<AccountSeeder>(), options.Value.Demo.Password, today);
            foreach (var seeder in seeders)
            {
                try
                {
                    await seeder.SeedAsync(context, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Seeding the demo data of plugin {Plugin} ({Seeder}) failed", generation.Id, seeder.GetType().Name);
                }
            }
        }
        finally
        {
            generation.Release();
        }
    }

    /// <summary>Demo accounts for plugins' demo data, with the demo password.</summary>
    private sealed class AccountSeedContext(AccountSeeder accounts, string password, DateOnly today) : DemoSeedContext
    {
        public override DateOnly Today => today;

        public override Task<string> EnsureAccountAsync(string email, string displayName, IReadOnlyCollection<string> roles, CancellationToken cancellationToken)
            => accounts.EnsureDemoAccountAsync(email, displayName, roles, password);
    }

    private static ListingInput ToInput(DemoListing demo) => new()
    {
        MarketId = demo.MarketId,
        Title = demo.Title,
        Description = demo.Description,
        CategoryPath = demo.CategoryPath,
        PriceMinor = demo.PriceMinor,
        Unit = demo.Unit,
        Stock = demo.Stock,
        Attributes = demo.Attributes.ToDictionary(a => a.Key, a => a.Value switch
        {
            DateOnly date => JsonSerializer.SerializeToElement(date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            var value => JsonSerializer.SerializeToElement(value, value.GetType()),
        }),
    };

    /// <summary>A name-based id (RFC 9562 version 8 layout) from the plugin and the demo key.</summary>
    internal static Guid IdFor(string pluginId, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"smarttrade-demo/{pluginId}/{key}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static TimeZoneInfo FindChinaTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("China Standard Time", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}
