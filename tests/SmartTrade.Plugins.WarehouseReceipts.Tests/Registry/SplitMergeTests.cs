using SmartTrade.Plugins.WarehouseReceipts.Registry;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Registry.RegistryDatabase;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Registry;

/// <summary>Splitting a receipt into several and merging several into one.</summary>
public sealed class SplitMergeTests : IAsyncLifetime
{
    private RegistryDatabase _db = null!;

    public async Task InitializeAsync() => _db = await CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_split_makes_receipts_adding_up_to_the_original_which_closes()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 60_000);

        var parts = Ok(await _db.Registry(r => r.SplitAsync(Trader, receipt.Number, [10_000, 20_000, 30_000], CancellationToken.None)));

        Assert.Equal([10_000L, 20_000L, 30_000L], parts.Select(p => p.QuantityKg));
        Assert.All(parts, p =>
        {
            Assert.Equal(ReceiptStatus.Active, p.Status);
            Assert.Equal([receipt.Number], p.Sources);
            Assert.Equal(receipt.ProductionDate, p.ProductionDate);
            Assert.Equal(receipt.Warehouse, p.Warehouse);
        });
        Assert.Equal(3, parts.Select(p => p.Number).Distinct().Count());
        Assert.Equal(ReceiptStatus.Split, (await _db.ReceiptAsync(receipt.Number))!.Status);
        Assert.Equal(new HoldingView("PP-T30S", 60_000, 0, 0, 0), await _db.HoldingAsync(Trader));
        await _db.AssertConsistentAsync();
    }

    [Theory]
    [InlineData(new long[] { 10_000, 20_000 })]
    [InlineData(new long[] { 50_000, 20_000 })]
    public async Task A_split_whose_parts_do_not_add_up_is_refused_and_changes_nothing(long[] parts)
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 60_000);
        var log = await _db.LogLengthAsync();

        var refusal = Refused(await _db.Registry(r => r.SplitAsync(Trader, receipt.Number, parts, CancellationToken.None)), RegistryProblems.SplitDoesNotSum);

        Assert.Equal(400, refusal.Status);
        Assert.Equal(log, await _db.LogLengthAsync());
        Assert.Equal(ReceiptStatus.Active, (await _db.ReceiptAsync(receipt.Number))!.Status);
        Assert.Single(await _db.Registry(r => r.ReceiptsOfAsync(Trader, includeClosed: true, CancellationToken.None)));
    }

    [Theory]
    [InlineData(new long[] { 60_000 })]
    [InlineData(new long[] { 70_000, -10_000 })]
    [InlineData(new long[] { 60_000, 0 })]
    public async Task A_split_into_one_part_or_non_positive_parts_is_refused(long[] parts)
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 60_000);

        var result = await _db.Registry(r => r.SplitAsync(Trader, receipt.Number, parts, CancellationToken.None));

        Assert.Equal(400, result.Refusal!.Status);
        Assert.Equal("partsKg", result.Refusal.Field);
        Assert.Equal(ReceiptStatus.Active, (await _db.ReceiptAsync(receipt.Number))!.Status);
    }

    [Fact]
    public async Task Only_the_owner_splits_a_receipt()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 60_000);

        Refused(await _db.Registry(r => r.SplitAsync(Trader2, receipt.Number, [30_000, 30_000], CancellationToken.None)), RegistryProblems.NotReceiptOwner);
    }

    [Fact]
    public async Task Receipts_of_one_owner_grade_and_warehouse_merge_into_one_for_their_total()
    {
        var a = await _db.ActiveReceiptAsync(Trader, 10_000);
        var b = await _db.ActiveReceiptAsync(Trader, 15_000);

        var merged = Ok(await _db.Registry(r => r.MergeAsync(Trader, [b.Number, a.Number], CancellationToken.None)));

        Assert.Equal(25_000, merged.QuantityKg);
        Assert.Equal([a.Number, b.Number], merged.Sources);
        Assert.Equal(ReceiptStatus.Merged, (await _db.ReceiptAsync(a.Number))!.Status);
        Assert.Equal(ReceiptStatus.Merged, (await _db.ReceiptAsync(b.Number))!.Status);
        Assert.Equal(new HoldingView("PP-T30S", 25_000, 0, 0, 0), await _db.HoldingAsync(Trader));
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task Receipts_at_different_warehouses_of_different_grades_or_owners_do_not_merge()
    {
        var here = await _db.ActiveReceiptAsync(Trader, 10_000);
        var there = await _db.ActiveReceiptAsync(Trader, 10_000, warehouse: OtherWarehouse);
        var otherProducer = await _db.ActiveReceiptAsync(Trader, 10_000, producer: "lanzhou-petrochemical");
        var someoneElses = await _db.ActiveReceiptAsync(Trader2, 10_000);
        var log = await _db.LogLengthAsync();

        Refused(await _db.Registry(r => r.MergeAsync(Trader, [here.Number, there.Number], CancellationToken.None)), RegistryProblems.MergeMismatch);
        Refused(await _db.Registry(r => r.MergeAsync(Trader, [here.Number, otherProducer.Number], CancellationToken.None)), RegistryProblems.MergeMismatch);
        Refused(await _db.Registry(r => r.MergeAsync(Trader, [here.Number, someoneElses.Number], CancellationToken.None)), RegistryProblems.NotReceiptOwner);
        Refused(await _db.Registry(r => r.MergeAsync(Trader, [here.Number, here.Number], CancellationToken.None)), RegistryProblems.MergeMismatch);

        Assert.Equal(log, await _db.LogLengthAsync());
    }
}
