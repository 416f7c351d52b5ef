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
        var a = HostProcess.StartAsync(_foldersA, HostProcess.FreePort(), settings);
        var b = HostProcess.StartAsync(_foldersB, HostProcess.FreePort(), settings);
        try
        {
            A = await a;
            B = await b;
        }
        catch
        {
            (await Task.WhenAll(a.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default), b.ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default)))
                .ToList().ForEach(h => h?.Dispose());
            throw;
        }
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
