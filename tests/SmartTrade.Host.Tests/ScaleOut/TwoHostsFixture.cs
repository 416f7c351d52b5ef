using SmartTrade.Host.Tests.PostgreSql;
using Xunit;

namespace SmartTrade.Host.Tests.ScaleOut;

/// <summary>
/// Two host processes on different ports, started at the same moment as a cluster's first start: on one empty
/// PostgreSQL database and one empty Redis of the tests' own (so a test may stop and start it). Each keeps its own data
/// directory (the plugins folder and what stays on the machine); they load the receipts plugin and the appliance market
/// with their demo data.
/// </summary>
public sealed class TwoHostsFixture : IAsyncLifetime
{
    private readonly TestFolders _foldersA = new();
    private readonly TestFolders _foldersB = new();

    internal RedisServer Redis { get; private set; } = null!;

    internal PostgreSqlTestDatabase Database { get; private set; } = null!;

    internal HostProcess A { get; private set; } = null!;

    internal HostProcess B { get; private set; } = null!;

    /// <summary>How many data protection keys the key ring in Redis held once both hosts had started.</summary>
    internal long DataProtectionKeysAtStart { get; private set; }

    /// <summary>Checkouts a user may make in the test's window, whichever host takes them.</summary>
    public const int CheckoutLimit = 2;

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync()
    {
        Redis = await RedisServer.StartAsync();
        Database = await PostgreSqlTestDatabase.CreateAsync();
        foreach (var folders in new[] { _foldersA, _foldersB })
        {
            folders.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");
            folders.AddPlugin("SmartTrade.Plugins.ApplianceMarket");
        }

        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__Redis"] = Redis.Configuration,
            ["SmartTrade__Demo__SeedCatalog"] = "true",
            ["SmartTrade__Plugins__warehouse-receipts__Exchange__DemoHistoryDays"] = "0",
            ["SmartTrade__RateLimits__Enabled"] = "true",
            ["SmartTrade__RateLimits__Policies__auth__PermitLimit"] = "1000",
            ["SmartTrade__RateLimits__Policies__orders__PermitLimit"] = CheckoutLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SmartTrade__RateLimits__Policies__orders__Window"] = "01:00:00",
        };
        foreach (var (key, value) in Database.HostSettings())
        {
            settings[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        // Together, as a cluster comes up for the first time: both race for the empty database (migrations, demo data)
        // and the empty Redis (the first data protection key).
        var starting = new[]
        {
            HostProcess.StartAsync(_foldersA, HostProcess.FreePort(), settings),
            HostProcess.StartAsync(_foldersB, HostProcess.FreePort(), settings),
        };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(s => s.IsCompletedSuccessfully))
            {
                started.Result.Dispose();
            }

            throw;
        }

        A = starting[0].Result;
        B = starting[1].Result;

        // Their first visitors arrive together, as behind a load balancer: each host's first page protects data (the
        // sign-in form's antiforgery token) with whatever key ring it finds.
        await Task.WhenAll(FirstVisitAsync(A), FirstVisitAsync(B));
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(Redis.Configuration);
        DataProtectionKeysAtStart = await redis.GetDatabase().ListLengthAsync("smarttrade:data-protection-keys");
    }

    private static async Task FirstVisitAsync(HostProcess host)
    {
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.Port}") };
        (await client.GetAsync("/account/login")).EnsureSuccessStatusCode();
    }

    /// <summary>Stops what was started (once, whether or not the start completed).</summary>
    public async Task DisposeAsync()
    {
        A?.Dispose();
        B?.Dispose();
        A = B = null!;
        Redis?.Dispose();
        Redis = null!;
        if (Database is not null)
        {
            await Database.DisposeAsync();
            Database = null!;
        }

        _foldersA.Dispose();
        _foldersB.Dispose();
    }
}
