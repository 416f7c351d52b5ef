using SmartTrade.Plugins.WarehouseReceipts.Registry;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Registry.RegistryDatabase;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Registry;

/// <summary>Load-in declaration, inspection (issue or rejection) by the warehouse, and acceptance by the trader.</summary>
public sealed class LoadInTests : IAsyncLifetime
{
    private RegistryDatabase _db = null!;

    public async Task InitializeAsync() => _db = await CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_declared_load_in_waits_for_inspection_at_its_warehouse()
    {
        var loadIn = Ok(await _db.Registry(r => r.DeclareLoadInAsync(Trader, _db.Declaration(50_000), CancellationToken.None)));

        Assert.Equal(LoadInStatus.Declared, loadIn.Status);
        Assert.Equal("PP-T30S", loadIn.Instrument);
        Assert.Equal(1, loadIn.GradeId);
        var inbox = await _db.Registry(r => r.LoadInsAtWarehousesOfAsync(Operator, LoadInStatus.Declared, CancellationToken.None));
        Assert.Equal(loadIn.Id, Assert.Single(inbox).Id);
        Assert.Empty(await _db.Registry(r => r.LoadInsAtWarehousesOfAsync(OtherOperator, null, CancellationToken.None)));
    }

    [Fact]
    public async Task The_warehouse_issues_a_receipt_to_the_trader_for_the_net_weight_it_inspected()
    {
        var loadIn = Ok(await _db.Registry(r => r.DeclareLoadInAsync(Trader, _db.Declaration(50_000), CancellationToken.None)));

        var receipt = Ok(await _db.Registry(r => r.IssueAsync(Operator, loadIn.Id, new ReceiptIssue(49_980, "ZS202611-1234"), CancellationToken.None)));

        Assert.Matches(@"^ZS-2026-\d{6}$", receipt.Number);
        Assert.Equal(Trader, receipt.OwnerId);
        Assert.Equal(49_980, receipt.QuantityKg);
        Assert.Equal(ReceiptStatus.PendingAcceptance, receipt.Status);
        Assert.Equal("ZS202611-1234", receipt.InspectionCertificate);
        Assert.Equal(new DateOnly(2026, 10, 15), receipt.ProductionDate);
        var decided = await _db.Registry(r => r.LoadInAsync(loadIn.Id, CancellationToken.None));
        Assert.Equal(LoadInStatus.Issued, decided!.Status);
        Assert.Equal(receipt.Number, decided.ReceiptNumber);
        Assert.Equal(Operator, decided.DecidedBy);
    }

    [Fact]
    public async Task An_issued_receipt_counts_in_holdings_only_once_its_owner_accepts_it()
    {
        var receipt = await _db.IssuedReceiptAsync(Trader, 30_000);
        Assert.Equal(new HoldingView("PP-T30S", 0, 0, 0, 30_000), await _db.HoldingAsync(Trader));

        var accepted = Ok(await _db.Registry(r => r.AcceptAsync(Trader, receipt.Number, CancellationToken.None)));

        Assert.Equal(ReceiptStatus.Active, accepted.Status);
        Assert.Equal(new HoldingView("PP-T30S", 30_000, 0, 0, 0), await _db.HoldingAsync(Trader));
        Refused(await _db.Registry(r => r.AcceptAsync(Trader, receipt.Number, CancellationToken.None)), RegistryProblems.ReceiptNotPending);
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task Only_the_owner_accepts_a_receipt()
    {
        var receipt = await _db.IssuedReceiptAsync(Trader, 30_000);

        var refusal = Refused(await _db.Registry(r => r.AcceptAsync(Trader2, receipt.Number, CancellationToken.None)), RegistryProblems.NotReceiptOwner);

        Assert.Equal(403, refusal.Status);
        Assert.Equal(ReceiptStatus.PendingAcceptance, (await _db.ReceiptAsync(receipt.Number))!.Status);
    }

    [Fact]
    public async Task Only_an_operator_of_the_load_ins_warehouse_issues_or_rejects_it()
    {
        var loadIn = Ok(await _db.Registry(r => r.DeclareLoadInAsync(Trader, _db.Declaration(50_000), CancellationToken.None)));
        var log = await _db.LogLengthAsync();

        var issue = await _db.Registry(r => r.IssueAsync(OtherOperator, loadIn.Id, new ReceiptIssue(50_000, "X-1"), CancellationToken.None));
        var reject = await _db.Registry(r => r.RejectLoadInAsync(Trader, loadIn.Id, "not mine to reject", CancellationToken.None));

        Assert.Equal(403, Refused(issue, RegistryProblems.NotWarehouseOperator).Status);
        Assert.Equal(403, Refused(reject, RegistryProblems.NotWarehouseOperator).Status);
        Assert.Equal(LoadInStatus.Declared, (await _db.Registry(r => r.LoadInAsync(loadIn.Id, CancellationToken.None)))!.Status);
        Assert.Equal(log, await _db.LogLengthAsync());
    }

    [Fact]
    public async Task A_rejected_load_in_keeps_its_reason_and_can_no_longer_be_issued()
    {
        var loadIn = Ok(await _db.Registry(r => r.DeclareLoadInAsync(Trader, _db.Declaration(50_000), CancellationToken.None)));

        var rejected = Ok(await _db.Registry(r => r.RejectLoadInAsync(Operator, loadIn.Id, "含水率超标 moisture above limit", CancellationToken.None)));
        var issue = await _db.Registry(r => r.IssueAsync(Operator, loadIn.Id, new ReceiptIssue(50_000, "X-1"), CancellationToken.None));

        Assert.Equal(LoadInStatus.Rejected, rejected.Status);
        Assert.Equal("含水率超标 moisture above limit", rejected.RejectionReason);
        Assert.Equal(409, Refused(issue, RegistryProblems.LoadInDecided).Status);
        Assert.Empty(await _db.Registry(r => r.ReceiptsOfAsync(Trader, includeClosed: true, CancellationToken.None)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1_000)]
    [InlineData(1_000_000_001)]
    public async Task A_load_in_of_zero_negative_or_huge_quantity_is_refused_and_nothing_is_logged(long kg)
    {
        var log = await _db.LogLengthAsync();

        var result = await _db.Registry(r => r.DeclareLoadInAsync(Trader, _db.Declaration(kg), CancellationToken.None));

        Assert.Equal("quantityKg", Refused(result, RegistryProblems.InvalidQuantity).Field);
        Assert.Equal(log, await _db.LogLengthAsync());
        Assert.Empty(await _db.Registry(r => r.LoadInsOfTraderAsync(Trader, CancellationToken.None)));
    }

    [Theory]
    [InlineData("PP-XXXX", "zhenhai-refining", "zs-storage-1", RegistryProblems.UnknownInstrument, "instrument")]
    [InlineData("PP-T30S", "zhenhai-refining", "ningbo-port", RegistryProblems.UnknownWarehouse, "warehouse")]
    [InlineData("PP-T30S", "jilin-petrochemical", "zs-storage-1", RegistryProblems.UnknownGrade, "producer")]
    [InlineData(null, "zhenhai-refining", "zs-storage-1", RegistryProblems.InvalidInput, "instrument")]
    public async Task A_load_in_naming_no_registered_instrument_warehouse_or_grade_is_refused(string? instrument, string producer, string warehouse, string code, string field)
    {
        var result = await _db.Registry(r => r.DeclareLoadInAsync(Trader, new LoadInDeclaration(instrument, producer, warehouse, 10_000, new DateOnly(2026, 10, 1)), CancellationToken.None));

        var refusal = Refused(result, code);
        Assert.Equal(400, refusal.Status);
        Assert.Equal(field, refusal.Field);
        Assert.Empty(await _db.Registry(r => r.LoadInsOfTraderAsync(Trader, CancellationToken.None)));
    }

    [Fact]
    public async Task A_production_date_in_the_future_is_refused()
    {
        var result = await _db.Registry(r => r.DeclareLoadInAsync(Trader, _db.Declaration(10_000) with { ProductionDate = new DateOnly(2026, 11, 21) }, CancellationToken.None));

        Assert.Equal("productionDate", Refused(result, RegistryProblems.InvalidInput).Field);
    }

    [Fact]
    public async Task Receipt_numbers_run_on_within_a_year_and_start_again_in_the_next_one_in_china_time()
    {
        var first = await _db.IssuedReceiptAsync(Trader, 1_000);
        var second = await _db.IssuedReceiptAsync(Trader, 1_000);

        // 2026-12-31 16:30 UTC is already 2027-01-01 in Asia/Shanghai.
        _db.Time.SetUtcNow(new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero));
        var nextYear = await _db.IssuedReceiptAsync(Trader, 1_000);

        Assert.Equal("ZS-2026-000001", first.Number);
        Assert.Equal("ZS-2026-000002", second.Number);
        Assert.Equal("ZS-2027-000001", nextYear.Number);
    }
}
