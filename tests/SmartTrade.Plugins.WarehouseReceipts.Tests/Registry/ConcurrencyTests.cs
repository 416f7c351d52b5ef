using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Registry.RegistryDatabase;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Registry;

/// <summary>
/// "A receipt or a quantity can never be sold or pledged twice, under any concurrency": many requests at once, each
/// on its own connection and transaction, racing for the same receipt or quantity.
/// </summary>
public sealed class ConcurrencyTests : IAsyncLifetime
{
    private const int Racers = 24;

    private RegistryDatabase _db = null!;

    public async Task InitializeAsync() => _db = await CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Of_many_simultaneous_sales_of_the_same_receipt_exactly_one_delivers_it()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 20_000);

        var results = await RaceAsync(i => _db.Registry(r => r.TransferAsync(Trader, $"buyer-{i}", "PP-T30S", 20_000, $"T-{i}", TransferSource.Free, CancellationToken.None)));

        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(RegistryProblems.InsufficientFreeQuantity, r.Refusal!.Code));
        Assert.Equal(winner.Value!.BuyerId, (await _db.ReceiptAsync(receipt.Number))!.OwnerId);
        Assert.Equal(1, await TransfersAsync());
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task Of_many_simultaneous_pledges_of_the_same_receipt_exactly_one_holds()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 20_000);

        var results = await RaceAsync(i => _db.Registry(r => r.PledgeAsync(Trader, receipt.Number, $"bank-{i}", CancellationToken.None)));

        var winner = Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(RegistryProblems.ReceiptNotActive, r.Refusal!.Code));
        var pledges = await _db.Registry(r => r.PledgesOfAsync(Trader, CancellationToken.None));
        Assert.Equal(winner.Value!.Id, Assert.Single(pledges).Id);
        Assert.Equal(new HoldingView("PP-T30S", 0, 0, 20_000, 0), await _db.HoldingAsync(Trader));
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task A_receipt_raced_for_by_sales_pledges_and_cancellations_goes_to_exactly_one_of_them()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 20_000);

        var results = await RaceAsync(async i => (i % 3) switch
        {
            0 => (await _db.Registry(r => r.TransferAsync(Trader, $"buyer-{i}", "PP-T30S", 20_000, $"T-{i}", TransferSource.Free, CancellationToken.None))).Succeeded,
            1 => (await _db.Registry(r => r.PledgeAsync(Trader, receipt.Number, $"bank-{i}", CancellationToken.None))).Succeeded,
            _ => (await _db.Registry(r => r.CancelForLoadOutAsync(Trader, receipt.Number, CancellationToken.None))).Succeeded,
        });

        Assert.Single(results, won => won);
        var after = (await _db.ReceiptAsync(receipt.Number))!;
        Assert.False(after is { Status: ReceiptStatus.Active, OwnerId: Trader }, "The winner's change did not happen.");
        await AssertConservedAsync(20_000, Enumerable.Range(0, Racers).Select(i => $"buyer-{i}"));
    }

    [Fact]
    public async Task A_receipt_raced_for_by_splits_pledges_and_cancellations_changes_exactly_once()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 20_000);

        var results = await RaceAsync(async i => (i % 3) switch
        {
            0 => (await _db.Registry(r => r.SplitAsync(Trader, receipt.Number, [5_000, 15_000], CancellationToken.None))).Succeeded,
            1 => (await _db.Registry(r => r.PledgeAsync(Trader, receipt.Number, $"bank-{i}", CancellationToken.None))).Succeeded,
            _ => (await _db.Registry(r => r.CancelForLoadOutAsync(Trader, receipt.Number, CancellationToken.None))).Succeeded,
        });

        Assert.Single(results, won => won);
        Assert.NotEqual(ReceiptStatus.Active, (await _db.ReceiptAsync(receipt.Number))!.Status);
        await AssertConservedAsync(20_000, []);
    }

    [Fact]
    public async Task Simultaneous_small_sales_deliver_exactly_the_quantity_there_is_and_no_more()
    {
        await _db.ActiveReceiptAsync(Trader, 6_000);
        await _db.ActiveReceiptAsync(Trader, 4_000);

        var results = await RaceAsync(i => _db.Registry(r => r.TransferAsync(Trader, $"buyer-{i % 3}", "PP-T30S", 1_000, $"T-{i}", TransferSource.Free, CancellationToken.None)));

        Assert.Equal(10, results.Count(r => r.Succeeded));
        Assert.Empty(await _db.HoldingsAsync(Trader));
        var delivered = 0L;
        for (var b = 0; b < 3; b++)
        {
            delivered += (await _db.HoldingAsync($"buyer-{b}")).TotalKg;
        }

        Assert.Equal(10_000, delivered);
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task Simultaneous_freezes_never_freeze_more_than_is_free()
    {
        await _db.ActiveReceiptAsync(Trader, 10_000);

        var results = await RaceAsync(_ => _db.Registry(r => r.FreezeAsync(Trader, "PP-T30S", 3_000, CancellationToken.None)));

        Assert.Equal(3, results.Count(r => r.Succeeded));
        Assert.Equal(new HoldingView("PP-T30S", 1_000, 9_000, 0, 0), await _db.HoldingAsync(Trader));
    }

    [Fact]
    public async Task The_same_trade_delivered_simultaneously_moves_the_quantity_once()
    {
        await _db.ActiveReceiptAsync(Trader, 20_000);

        var results = await RaceAsync(_ => _db.Registry(r => r.TransferAsync(Trader, Trader2, "PP-T30S", 5_000, "T-same", TransferSource.Free, CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Single(results, r => !r.Value!.Replayed);
        Assert.Equal(new HoldingView("PP-T30S", 5_000, 0, 0, 0), await _db.HoldingAsync(Trader2));
    }

    [Fact]
    public async Task Simultaneous_changes_by_different_traders_append_a_gapless_valid_chain()
    {
        var before = await _db.LogLengthAsync();

        var results = await RaceAsync(i => _db.Registry(r => r.DeclareLoadInAsync($"trader-{i}", _db.Declaration(1_000 + i), CancellationToken.None)));

        Assert.All(results, r => Assert.True(r.Succeeded));
        Assert.Equal(before + Racers, await _db.LogLengthAsync());
        await _db.AssertConsistentAsync();
    }

    /// <summary>Starts every racer, then lets them all go at once.</summary>
    private static async Task<T[]> RaceAsync<T>(Func<int, Task<T>> racer)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await racer(i);
        })).ToArray();
        start.SetResult();
        return await Task.WhenAll(racers);
    }

    /// <summary>The tonnes issued are all somewhere: with the seller or buyers (free, frozen, pledged) or cancelled out.</summary>
    private async Task AssertConservedAsync(long issuedKg, IEnumerable<string> buyers)
    {
        var held = 0L;
        foreach (var party in buyers.Prepend(Trader))
        {
            held += (await _db.HoldingAsync(party)).TotalKg;
        }

        await using var db = _db.Context();
        var cancelled = await db.Receipts.Where(r => r.Status == ReceiptStatus.Cancelled).SumAsync(r => r.QuantityKg);
        Assert.Equal(issuedKg, held + cancelled);
        await _db.AssertConsistentAsync();
    }

    private async Task<int> TransfersAsync()
    {
        await using var db = _db.Context();
        return await db.Transfers.CountAsync();
    }
}
