using SmartTrade.Plugins.WarehouseReceipts.Registry;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Registry.RegistryDatabase;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Registry;

/// <summary>
/// A lot stays one receipt in its owner's hands: what a delivery gives the buyer of a lot (same grade, warehouse,
/// production date and inspection certificate) joins the buyer's active receipt of that lot.
/// </summary>
public sealed class LotJoiningTests : IAsyncLifetime
{
    private const string Pp = "PP-T30S";

    private RegistryDatabase _db = null!;

    public async Task InitializeAsync() => _db = await CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Many_partial_deliveries_of_one_lot_leave_the_buyer_one_active_receipt_for_the_total_whose_history_reaches_its_issue()
    {
        var original = await _db.ActiveReceiptAsync(Trader, 50_000);

        var pieces = new List<string>();
        for (var i = 1; i <= 10; i++)
        {
            var transfer = Ok(await Deliver(Trader, Trader2, 3_000, $"T-{i}"));
            pieces.Add(Assert.Single(transfer.DeliveredNumbers));
        }

        var held = Assert.Single(await ActiveAsync(Trader2));
        Assert.Equal(30_000, held.QuantityKg);
        Assert.Equal((original.InspectionCertificate, original.ProductionDate, original.GradeId, original.Warehouse),
            (held.InspectionCertificate, held.ProductionDate, held.GradeId, held.Warehouse));
        Assert.Equal(20_000, Assert.Single(await ActiveAsync(Trader)).QuantityKg);
        Assert.Equal(new HoldingView(Pp, 30_000, 0, 0, 0), await _db.HoldingAsync(Trader2));

        // Every piece delivered was joined (the first when the second came): closed as merged, in the buyer's name.
        foreach (var piece in pieces)
        {
            Assert.Equal((ReceiptStatus.Merged, Trader2), Status(await _db.ReceiptAsync(piece)));
        }

        Assert.Contains(pieces[^1], held.Sources);

        var verification = (await _db.Registry(r => r.VerifyAsync(held.Number, CancellationToken.None)))!;
        Assert.True(verification.Intact, string.Join("; ", verification.Problems));
        Assert.True(verification.MatchesLog);
        Assert.Contains(verification.History, h => h.Action == RegistryActions.ReceiptIssued && h.ReceiptNumbers.Contains(original.Number));
        Assert.Equal(10, verification.History.Count(h => h.Action == RegistryActions.ReceiptsTransferred));
        foreach (var closed in pieces)
        {
            var history = (await _db.Registry(r => r.VerifyAsync(closed, CancellationToken.None)))!;
            Assert.True(history.Intact, string.Join("; ", history.Problems));
        }

        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task A_joined_piece_is_recorded_in_the_deliverys_own_log_entry()
    {
        await _db.ActiveReceiptAsync(Trader, 10_000);
        var first = Ok(await Deliver(Trader, Trader2, 2_000, "T-1"));
        var log = await _db.LogLengthAsync();

        var second = Ok(await Deliver(Trader, Trader2, 3_000, "T-2"));

        Assert.Equal(log + 1, await _db.LogLengthAsync());
        var held = Assert.Single(await ActiveAsync(Trader2));
        Assert.Equal([first.DeliveredNumbers[0], second.DeliveredNumbers[0]], held.Sources);
        var entry = (await _db.Registry(r => r.VerifyAsync(held.Number, CancellationToken.None)))!.History[^1];
        Assert.Equal(second.LogSequence, entry.Sequence);
        var joined = Assert.Single(entry.Details.GetProperty("joined").EnumerateArray());
        Assert.Equal(held.Number, joined.GetProperty("number").GetString());
        Assert.Equal(5_000, joined.GetProperty("quantityKg").GetInt64());
    }

    [Fact]
    public async Task Pieces_of_two_different_lots_stay_two_receipts()
    {
        var lotA = await _db.ActiveReceiptAsync(Trader, 5_000);
        var lotB = await _db.ActiveReceiptAsync(Trader, 20_000);

        // 3 t of A; then the 2 t left of A whole and 3 t of B; then 4 t more of B.
        Ok(await Deliver(Trader, Trader2, 3_000, "T-1"));
        Ok(await Deliver(Trader, Trader2, 5_000, "T-2"));
        Ok(await Deliver(Trader, Trader2, 4_000, "T-3"));

        var held = await ActiveAsync(Trader2);
        Assert.Equal(2, held.Count);
        Assert.Equal(5_000, held.Single(r => r.InspectionCertificate == lotA.InspectionCertificate).QuantityKg);
        Assert.Equal(7_000, held.Single(r => r.InspectionCertificate == lotB.InspectionCertificate).QuantityKg);
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task Goods_under_one_certificate_but_of_another_production_date_are_another_lot()
    {
        await _db.ActiveReceiptAsync(Trader, 5_000, certificate: "ZS202611-0777", produced: new DateOnly(2026, 10, 1));
        await _db.ActiveReceiptAsync(Trader, 5_000, certificate: "ZS202611-0777", produced: new DateOnly(2026, 10, 2));

        Ok(await Deliver(Trader, Trader2, 8_000, "T-1"));

        var held = await ActiveAsync(Trader2);
        Assert.Equal([5_000L, 3_000L], held.Select(r => r.QuantityKg));
        Assert.Equal(2, held.Select(r => r.ProductionDate).Distinct().Count());
    }

    [Fact]
    public async Task A_whole_receipt_of_a_lot_the_buyer_holds_joins_it()
    {
        await _db.ActiveReceiptAsync(Trader, 10_000);
        Ok(await Deliver(Trader, Trader2, 3_000, "T-1"));
        var rest = Assert.Single(await ActiveAsync(Trader));

        var transfer = Ok(await Deliver(Trader, Trader2, 7_000, "T-2"));

        Assert.Equal([rest.Number], transfer.DeliveredNumbers);
        Assert.Equal((ReceiptStatus.Merged, Trader2), Status(await _db.ReceiptAsync(rest.Number)));
        Assert.Equal(10_000, Assert.Single(await ActiveAsync(Trader2)).QuantityKg);
        Assert.Empty(await ActiveAsync(Trader));
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task Receipts_of_one_lot_delivered_together_arrive_as_one()
    {
        var lot = "ZS202611-0900";
        await _db.ActiveReceiptAsync(Trader, 4_000, certificate: lot);
        await _db.ActiveReceiptAsync(Trader, 4_000, certificate: lot);
        await _db.ActiveReceiptAsync(Trader, 4_000, certificate: lot);

        var transfer = Ok(await Deliver(Trader, Trader2, 10_000, "T-1"));

        Assert.Equal(3, transfer.DeliveredNumbers.Count);
        var held = Assert.Single(await ActiveAsync(Trader2));
        Assert.Equal(10_000, held.QuantityKg);
        Assert.Equal(transfer.DeliveredNumbers, held.Sources);
        Assert.Equal(2_000, Assert.Single(await ActiveAsync(Trader)).QuantityKg);
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task A_pledged_receipt_or_one_waiting_for_acceptance_of_the_same_lot_is_not_joined()
    {
        var original = await _db.ActiveReceiptAsync(Trader, 20_000);
        var pledged = Assert.Single(Ok(await Deliver(Trader, Trader2, 5_000, "T-1")).DeliveredNumbers);
        Ok(await _db.Registry(r => r.PledgeAsync(Trader2, pledged, Bank, CancellationToken.None)));
        var pending = await _db.IssuedReceiptAsync(Trader2, 1_000, certificate: original.InspectionCertificate);
        Assert.Equal(original.ProductionDate, pending.ProductionDate);

        var next = Assert.Single(Ok(await Deliver(Trader, Trader2, 3_000, "T-2")).DeliveredNumbers);

        Assert.Equal(ReceiptStatus.Pledged, (await _db.ReceiptAsync(pledged))!.Status);
        Assert.Equal(ReceiptStatus.PendingAcceptance, (await _db.ReceiptAsync(pending.Number))!.Status);
        Assert.Equal(next, Assert.Single(await ActiveAsync(Trader2)).Number);
        Assert.Equal(new HoldingView(Pp, 3_000, 0, 5_000, 1_000), await _db.HoldingAsync(Trader2));

        // The next piece joins the active one only.
        Ok(await Deliver(Trader, Trader2, 2_000, "T-3"));
        var held = Assert.Single(await ActiveAsync(Trader2));
        Assert.Equal(5_000, held.QuantityKg);
        Assert.Equal(next, held.Sources[0]);
        Assert.Equal(ReceiptStatus.Pledged, (await _db.ReceiptAsync(pledged))!.Status);
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task Reselling_after_many_partial_buys_delivers_a_single_receipt()
    {
        await _db.ActiveReceiptAsync(Trader, 20_000);
        for (var i = 1; i <= 10; i++)
        {
            Ok(await Deliver(Trader, Trader2, 1_000, $"T-buy-{i}"));
        }

        var resale = Ok(await Deliver(Trader2, Trader3, 7_000, "T-resale"));

        var delivered = (await _db.ReceiptAsync(Assert.Single(resale.DeliveredNumbers)))!;
        Assert.Equal((Trader3, 7_000L, ReceiptStatus.Active), (delivered.OwnerId, delivered.QuantityKg, delivered.Status));
        Assert.Equal(3_000, Assert.Single(await ActiveAsync(Trader2)).QuantityKg);
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task The_seller_keeps_the_rest_of_a_joined_piece_first_in_its_queue()
    {
        var older = await _db.ActiveReceiptAsync(Trader, 10_000);
        var newer = await _db.ActiveReceiptAsync(Trader, 10_000);
        Ok(await Deliver(Trader, Trader2, 2_000, "T-1"));

        Ok(await Deliver(Trader, Trader2, 3_000, "T-2"));

        var sellers = await ActiveAsync(Trader);
        Assert.Equal([5_000L, 10_000L], sellers.Select(r => r.QuantityKg));
        Assert.Equal(older.InspectionCertificate, sellers[0].InspectionCertificate);
        Assert.Equal(newer.Number, sellers[1].Number);
        var next = Ok(await Deliver(Trader, Trader3, 5_000, "T-3"));
        Assert.Equal([sellers[0].Number], next.DeliveredNumbers);
        Assert.Equal(5_000, Assert.Single(await ActiveAsync(Trader2)).QuantityKg);
    }

    [Fact]
    public async Task A_joined_receipt_keeps_the_buyers_earlier_place_in_their_queue()
    {
        var lotA = await _db.ActiveReceiptAsync(Trader, 10_000);
        var lotB = await _db.ActiveReceiptAsync(Trader3, 10_000);
        Ok(await Deliver(Trader, Trader2, 2_000, "T-1"));
        Ok(await Deliver(Trader3, Trader2, 2_000, "T-2"));

        // More of lot A arrives after lot B: it joins lot A's receipt, which Trader2 received first.
        Ok(await Deliver(Trader, Trader2, 2_000, "T-3"));
        var held = await ActiveAsync(Trader2);
        Assert.Equal([lotA.InspectionCertificate, lotB.InspectionCertificate], held.Select(r => r.InspectionCertificate));

        var resale = Ok(await Deliver(Trader2, Trader3, 4_000, "T-4"));
        Assert.Equal([held[0].Number], resale.DeliveredNumbers);
        Assert.Equal(lotB.InspectionCertificate, Assert.Single(await ActiveAsync(Trader2)).InspectionCertificate);
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task Joining_inside_the_callers_transaction_commits_and_rolls_back_with_it()
    {
        await _db.ActiveReceiptAsync(Trader, 10_000);
        Ok(await Deliver(Trader, Trader2, 1_000, "T-0"));
        var before = Assert.Single(await ActiveAsync(Trader2));

        await using (var db = _db.Context())
        {
            var registry = new ReceiptRegistry(db, _db.Time);
            await using var transaction = await db.Database.BeginTransactionAsync();
            Ok(await registry.TransferAsync(Trader, Trader2, Pp, 1_000, "T-rolled-back", TransferSource.Free, CancellationToken.None));
            await transaction.RollbackAsync();
        }

        var after = Assert.Single(await ActiveAsync(Trader2));
        Assert.Equal((before.Number, before.QuantityKg, before.Version), (after.Number, after.QuantityKg, after.Version));

        await using (var db = _db.Context())
        {
            // A settlement batch: several deliveries in one transaction, each joining the receipt the one before made.
            var registry = new ReceiptRegistry(db, _db.Time);
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var i = 1; i <= 5; i++)
            {
                Ok(await registry.TransferAsync(Trader, Trader2, Pp, 1_000, $"T-{i}", TransferSource.Free, CancellationToken.None));
            }

            await transaction.CommitAsync();
        }

        Assert.Equal(6_000, Assert.Single(await ActiveAsync(Trader2)).QuantityKg);
        await _db.AssertConsistentAsync();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_deliveries_back_and_forth_conserve_each_lot_and_leave_each_owner_one_receipt_per_lot(int seed)
    {
        // Three lots: two with Trader, one with Trader2 (all the same instrument, so deliveries mix them).
        var lots = new Dictionary<string, long>
        {
            [(await _db.ActiveReceiptAsync(Trader, 30_000)).InspectionCertificate] = 30_000,
            [(await _db.ActiveReceiptAsync(Trader, 12_000)).InspectionCertificate] = 12_000,
            [(await _db.ActiveReceiptAsync(Trader2, 25_000)).InspectionCertificate] = 25_000,
        };
        var random = new Random(seed);
        for (var i = 0; i < 40; i++)
        {
            var (from, to) = random.Next(2) == 0 ? (Trader, Trader2) : (Trader2, Trader);
            var free = (await _db.HoldingAsync(from)).FreeKg;
            if (free == 0)
            {
                continue;
            }

            var kg = random.Next(1, (int)Math.Min(free, 15_000) + 1);
            Ok(await Deliver(from, to, kg, $"T-{seed}-{i}"));
        }

        var receipts = (await ActiveAsync(Trader)).Concat(await ActiveAsync(Trader2)).ToList();
        foreach (var (certificate, kg) in lots)
        {
            Assert.Equal(kg, receipts.Where(r => r.InspectionCertificate == certificate).Sum(r => r.QuantityKg));
        }

        Assert.All(receipts.GroupBy(r => (r.OwnerId, r.InspectionCertificate)), lot => Assert.Single(lot));
        foreach (var receipt in receipts)
        {
            var verification = (await _db.Registry(r => r.VerifyAsync(receipt.Number, CancellationToken.None)))!;
            Assert.True(verification.Intact, string.Join("; ", verification.Problems));
        }

        await _db.AssertConsistentAsync();
    }

    private Task<RegistryResult<TransferView>> Deliver(string from, string to, long kg, string tradeRef)
        => _db.Registry(r => r.TransferAsync(from, to, Pp, kg, tradeRef, TransferSource.Free, CancellationToken.None));

    private async Task<List<ReceiptView>> ActiveAsync(string owner)
        => (await _db.Registry(r => r.ReceiptsOfAsync(owner, includeClosed: false, CancellationToken.None))).Where(r => r.Status == ReceiptStatus.Active).ToList();

    private static (ReceiptStatus, string) Status(ReceiptView? receipt) => (receipt!.Status, receipt.OwnerId);
}
