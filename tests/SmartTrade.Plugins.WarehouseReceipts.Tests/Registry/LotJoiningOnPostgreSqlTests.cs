using SmartTrade.Plugins.WarehouseReceipts.Registry;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Registry.RegistryDatabase;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Registry;

/// <summary>
/// Joining lots under PostgreSQL's row locking (SQLite's single writer makes it trivially safe): simultaneous
/// deliveries in both directions and to a third trader, each joining what the buyer holds of the lot, on the
/// PostgreSQL server scripts/test.sh starts.
/// </summary>
public sealed class LotJoiningOnPostgreSqlTests : IAsyncLifetime
{
    private const int Racers = 24;
    private const string Pp = "PP-T30S";

    private RegistryDatabase _db = null!;

    public async Task InitializeAsync() => _db = await CreateOnPostgreSqlAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Simultaneous_deliveries_that_join_lots_sell_no_quantity_twice_and_leave_one_receipt_per_lot_and_owner()
    {
        var lotA = await _db.ActiveReceiptAsync(Trader, 20_000);
        var lotB = await _db.ActiveReceiptAsync(Trader2, 20_000);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, Racers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var (from, to, kg) = (i % 4) switch
            {
                0 => (Trader, Trader2, 1_000L),
                1 => (Trader2, Trader, 1_000L),
                2 => (Trader, Trader3, 700L),
                _ => (Trader2, Trader3, 500L),
            };
            return await _db.Registry(r => r.TransferAsync(from, to, Pp, kg, $"T-{i}", TransferSource.Free, CancellationToken.None));
        })).ToArray();
        start.SetResult();
        var results = await Task.WhenAll(racers);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Refusal?.ToString()));
        var receipts = new List<ReceiptView>();
        foreach (var owner in new[] { Trader, Trader2, Trader3 })
        {
            receipts.AddRange((await _db.Registry(r => r.ReceiptsOfAsync(owner, includeClosed: false, CancellationToken.None))).Where(r => r.Status == ReceiptStatus.Active));
        }

        Assert.Equal(20_000, receipts.Where(r => r.InspectionCertificate == lotA.InspectionCertificate).Sum(r => r.QuantityKg));
        Assert.Equal(20_000, receipts.Where(r => r.InspectionCertificate == lotB.InspectionCertificate).Sum(r => r.QuantityKg));
        Assert.All(receipts.GroupBy(r => (r.OwnerId, r.InspectionCertificate)), lot => Assert.Single(lot));
        Assert.Equal(6 * 700 + 6 * 500, receipts.Where(r => r.OwnerId == Trader3).Sum(r => r.QuantityKg));
        foreach (var receipt in receipts)
        {
            var verification = (await _db.Registry(r => r.VerifyAsync(receipt.Number, CancellationToken.None)))!;
            Assert.True(verification.Intact, string.Join("; ", verification.Problems));
        }

        await _db.AssertConsistentAsync();
    }
}
