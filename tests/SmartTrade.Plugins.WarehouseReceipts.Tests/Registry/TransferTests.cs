using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Registry.RegistryDatabase;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Registry;

/// <summary>Delivery for trades (first-in-first-out), freezing for sell orders, and joining the settlement's transaction.</summary>
public sealed class TransferTests : IAsyncLifetime
{
    private RegistryDatabase _db = null!;

    public async Task InitializeAsync() => _db = await CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_delivery_takes_the_sellers_oldest_receipts_whole_and_splits_the_last_one()
    {
        var oldest = await _db.ActiveReceiptAsync(Trader, 10_000);
        var middle = await _db.ActiveReceiptAsync(Trader, 20_000);
        var newest = await _db.ActiveReceiptAsync(Trader, 30_000);

        var transfer = Ok(await _db.Registry(r => r.TransferAsync(Trader, Trader2, "PP-T30S", 25_000, "T-1", TransferSource.Free, CancellationToken.None)));

        // 10 t whole, then 15 t of the 20 t receipt, which splits: 15 t to the buyer, 5 t stays first in the seller's queue.
        Assert.Equal(2, transfer.DeliveredNumbers.Count);
        Assert.Equal(oldest.Number, transfer.DeliveredNumbers[0]);
        var bought = (await _db.ReceiptAsync(transfer.DeliveredNumbers[1]))!;
        Assert.Equal((Trader2, 15_000L, ReceiptStatus.Active), (bought.OwnerId, bought.QuantityKg, bought.Status));
        Assert.Equal([middle.Number], bought.Sources);
        Assert.Equal(ReceiptStatus.Split, (await _db.ReceiptAsync(middle.Number))!.Status);
        Assert.Equal(Trader2, (await _db.ReceiptAsync(oldest.Number))!.OwnerId);

        var sellers = await _db.Registry(r => r.ReceiptsOfAsync(Trader, includeClosed: false, CancellationToken.None));
        Assert.Equal([5_000L, 30_000L], sellers.Select(s => s.QuantityKg));
        Assert.Equal(newest.Number, sellers[1].Number);
        Assert.Equal([middle.Number], sellers[0].Sources);

        Assert.Equal(new HoldingView("PP-T30S", 35_000, 0, 0, 0), await _db.HoldingAsync(Trader));
        Assert.Equal(new HoldingView("PP-T30S", 25_000, 0, 0, 0), await _db.HoldingAsync(Trader2));
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task The_next_delivery_starts_with_the_remainder_the_seller_kept()
    {
        await _db.ActiveReceiptAsync(Trader, 10_000);
        await _db.ActiveReceiptAsync(Trader, 10_000);
        Ok(await _db.Registry(r => r.TransferAsync(Trader, Trader2, "PP-T30S", 4_000, "T-1", TransferSource.Free, CancellationToken.None)));

        var second = Ok(await _db.Registry(r => r.TransferAsync(Trader, Trader3, "PP-T30S", 6_000, "T-2", TransferSource.Free, CancellationToken.None)));

        var delivered = (await _db.ReceiptAsync(Assert.Single(second.DeliveredNumbers)))!;
        Assert.Equal(6_000, delivered.QuantityKg);
        Assert.Equal(Trader3, delivered.OwnerId);
        Assert.Equal([10_000L], (await _db.Registry(r => r.ReceiptsOfAsync(Trader, false, CancellationToken.None))).Select(r => r.QuantityKg));
    }

    [Fact]
    public async Task A_delivery_beyond_the_sellers_free_quantity_is_refused_and_moves_nothing()
    {
        await _db.ActiveReceiptAsync(Trader, 10_000);
        Ok(await _db.Registry(r => r.FreezeAsync(Trader, "PP-T30S", 4_000, CancellationToken.None)));
        var log = await _db.LogLengthAsync();

        var refusal = Refused(await _db.Registry(r => r.TransferAsync(Trader, Trader2, "PP-T30S", 7_000, "T-1", TransferSource.Free, CancellationToken.None)), RegistryProblems.InsufficientFreeQuantity);

        Assert.Equal(409, refusal.Status);
        Assert.Equal(log, await _db.LogLengthAsync());
        Assert.Equal(new HoldingView("PP-T30S", 6_000, 4_000, 0, 0), await _db.HoldingAsync(Trader));
        Assert.Empty(await _db.HoldingsAsync(Trader2));

        // The reference was not used up by the refused delivery.
        Ok(await _db.Registry(r => r.TransferAsync(Trader, Trader2, "PP-T30S", 6_000, "T-1", TransferSource.Free, CancellationToken.None)));
    }

    [Fact]
    public async Task A_delivery_from_frozen_quantity_reduces_what_is_frozen()
    {
        await _db.ActiveReceiptAsync(Trader, 10_000);
        Ok(await _db.Registry(r => r.FreezeAsync(Trader, "PP-T30S", 8_000, CancellationToken.None)));

        Ok(await _db.Registry(r => r.TransferAsync(Trader, Trader2, "PP-T30S", 5_000, "T-1", TransferSource.Frozen, CancellationToken.None)));

        Assert.Equal(new HoldingView("PP-T30S", 2_000, 3_000, 0, 0), await _db.HoldingAsync(Trader));
        Refused(await _db.Registry(r => r.TransferAsync(Trader, Trader2, "PP-T30S", 4_000, "T-2", TransferSource.Frozen, CancellationToken.None)), RegistryProblems.InsufficientFrozenQuantity);
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task Freezing_is_bounded_by_the_free_quantity_and_unfreezing_by_the_frozen_one()
    {
        await _db.ActiveReceiptAsync(Trader, 10_000);

        Ok(await _db.Registry(r => r.FreezeAsync(Trader, "PP-T30S", 6_000, CancellationToken.None)));
        Refused(await _db.Registry(r => r.FreezeAsync(Trader, "PP-T30S", 5_000, CancellationToken.None)), RegistryProblems.InsufficientFreeQuantity);
        Refused(await _db.Registry(r => r.UnfreezeAsync(Trader, "PP-T30S", 7_000, CancellationToken.None)), RegistryProblems.InsufficientFrozenQuantity);
        Refused(await _db.Registry(r => r.FreezeAsync(Trader, "PP-T30S", 0, CancellationToken.None)), RegistryProblems.InvalidQuantity);
        Refused(await _db.Registry(r => r.FreezeAsync(Trader, "PP-NONE", 1_000, CancellationToken.None)), RegistryProblems.UnknownInstrument);
        var unfrozen = Ok(await _db.Registry(r => r.UnfreezeAsync(Trader, "PP-T30S", 2_000, CancellationToken.None)));

        Assert.Equal(new HoldingView("PP-T30S", 6_000, 4_000, 0, 0), unfrozen);
    }

    [Fact]
    public async Task A_repeated_trade_reference_replays_the_first_delivery_and_moves_nothing_more()
    {
        await _db.ActiveReceiptAsync(Trader, 10_000);
        var first = Ok(await _db.Registry(r => r.TransferAsync(Trader, Trader2, "PP-T30S", 3_000, "T-1", TransferSource.Free, CancellationToken.None)));

        var again = Ok(await _db.Registry(r => r.TransferAsync(Trader, Trader2, "PP-T30S", 3_000, "T-1", TransferSource.Free, CancellationToken.None)));
        var other = await _db.Registry(r => r.TransferAsync(Trader, Trader2, "PP-T30S", 4_000, "T-1", TransferSource.Free, CancellationToken.None));

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first.DeliveredNumbers, again.DeliveredNumbers);
        Refused(other, RegistryProblems.TradeRefReused);
        Assert.Equal(new HoldingView("PP-T30S", 3_000, 0, 0, 0), await _db.HoldingAsync(Trader2));
    }

    [Theory]
    [InlineData(0, "T-1", "PP-T30S", RegistryProblems.InvalidQuantity)]
    [InlineData(-5_000, "T-1", "PP-T30S", RegistryProblems.InvalidQuantity)]
    [InlineData(1_000, "", "PP-T30S", RegistryProblems.InvalidInput)]
    [InlineData(1_000, "T-1", "HDPE-NONE", RegistryProblems.UnknownInstrument)]
    public async Task A_delivery_with_bad_parameters_is_refused(long kg, string tradeRef, string instrument, string code)
    {
        await _db.ActiveReceiptAsync(Trader, 10_000);

        Refused(await _db.Registry(r => r.TransferAsync(Trader, Trader2, instrument, kg, tradeRef, TransferSource.Free, CancellationToken.None)), code);
        Refused(await _db.Registry(r => r.TransferAsync(Trader, Trader, "PP-T30S", 1_000, "T-2", TransferSource.Free, CancellationToken.None)), RegistryProblems.SameParty);
        Assert.Equal(new HoldingView("PP-T30S", 10_000, 0, 0, 0), await _db.HoldingAsync(Trader));
    }

    [Fact]
    public async Task Inside_the_callers_transaction_a_delivery_commits_with_it_and_rolls_back_with_it()
    {
        await _db.ActiveReceiptAsync(Trader, 10_000);

        await using (var db = _db.Context())
        {
            var registry = new ReceiptRegistry(db, _db.Time);
            await using var transaction = await db.Database.BeginTransactionAsync();
            Ok(await registry.FreezeAsync(Trader, "PP-T30S", 4_000, CancellationToken.None));
            Ok(await registry.TransferAsync(Trader, Trader2, "PP-T30S", 4_000, "T-rolled-back", TransferSource.Frozen, CancellationToken.None));
            await transaction.RollbackAsync();
        }

        Assert.Equal(new HoldingView("PP-T30S", 10_000, 0, 0, 0), await _db.HoldingAsync(Trader));
        Assert.Null(await _db.Registry(r => r.ReceiptAsync("ZS-2026-000002", CancellationToken.None)));

        await using (var db = _db.Context())
        {
            var registry = new ReceiptRegistry(db, _db.Time);
            await using var transaction = await db.Database.BeginTransactionAsync();
            Ok(await registry.TransferAsync(Trader, Trader2, "PP-T30S", 4_000, "T-committed", TransferSource.Free, CancellationToken.None));
            await transaction.CommitAsync();
        }

        Assert.Equal(new HoldingView("PP-T30S", 4_000, 0, 0, 0), await _db.HoldingAsync(Trader2));
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task A_refusal_inside_the_callers_transaction_undoes_only_its_own_part()
    {
        await _db.ActiveReceiptAsync(Trader, 10_000);

        await using (var db = _db.Context())
        {
            var registry = new ReceiptRegistry(db, _db.Time);
            await using var transaction = await db.Database.BeginTransactionAsync();
            Ok(await registry.TransferAsync(Trader, Trader2, "PP-T30S", 6_000, "T-1", TransferSource.Free, CancellationToken.None));
            Refused(await registry.TransferAsync(Trader, Trader3, "PP-T30S", 6_000, "T-2", TransferSource.Free, CancellationToken.None), RegistryProblems.InsufficientFreeQuantity);
            Ok(await registry.TransferAsync(Trader, Trader3, "PP-T30S", 4_000, "T-3", TransferSource.Free, CancellationToken.None));
            await transaction.CommitAsync();
        }

        Assert.Empty(await _db.Registry(r => r.ReceiptsOfAsync(Trader, false, CancellationToken.None)));
        Assert.Equal(new HoldingView("PP-T30S", 6_000, 0, 0, 0), await _db.HoldingAsync(Trader2));
        Assert.Equal(new HoldingView("PP-T30S", 4_000, 0, 0, 0), await _db.HoldingAsync(Trader3));
        await using (var db = _db.Context())
        {
            Assert.False(await db.Transfers.AnyAsync(t => t.TradeRef == "T-2"));
        }

        await _db.AssertConsistentAsync();
    }
}
