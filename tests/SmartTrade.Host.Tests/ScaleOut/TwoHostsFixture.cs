using Xunit;

namespace SmartTrade.Host.Tests.ScaleOut;

/// <summary>
/// Two host processes on different ports sharing one Redis of the tests' own (so a test may stop and start it): each
/// with its own data directory (SQLite, journal), the receipts plugin and its demo data.
/// </summary>
public sealed class TwoHostsFixture : IAsyncLifetime
{
    private readonly TestFolders _foldersA = new();
    private readonly TestFolders _foldersB = new();

    internal RedisServer Redis { get; private set; } = null!;

    internal HostProcess A { get; private set; } = null!;

    internal HostProcess B { get; private set; } = null!;

    /// <summary>Checkouts a user may make in the test's window, whichever host takes them.</summary>
    public const int CheckoutLimit = 2;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        _foldersA.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");
        _foldersB.AddPlugin("SmartTrade.Plugins.WarehouseReceipts");
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
        // One after the other, as a rolling deployment starts them: the first host writes the data-protection key to the
        // empty Redis and the second reads it. Started together on an empty Redis, each would make a key of its own and
        // reject the other's cookies until its key ring refreshes.
        A = await HostProcess.StartAsync(_foldersA, HostProcess.FreePort(), settings);
        B = await HostProcess.StartAsync(_foldersB, HostProcess.FreePort(), settings);
    }

    public Task DisposeAsync()
    {
        A?.Dispose();
        B?.Dispose();
        Redis?.Dispose();
        _foldersA.Dispose();
        _foldersB.Dispose();
        return Task.CompletedTask;
    }
}
