using SmartTrade.Plugins.WarehouseReceipts.Registry;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Registry.RegistryDatabase;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Registry;

/// <summary>Pledge and release, and cancellation for load-out.</summary>
public sealed class PledgeTests : IAsyncLifetime
{
    private RegistryDatabase _db = null!;

    public async Task InitializeAsync() => _db = await CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task A_pledged_receipt_leaves_the_free_quantity_for_the_pledged_one()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 40_000);

        var pledge = Ok(await _db.Registry(r => r.PledgeAsync(Trader, receipt.Number, Bank, CancellationToken.None)));

        Assert.Equal(PledgeStatus.Active, pledge.Status);
        Assert.Equal(40_000, pledge.QuantityKg);
        Assert.Equal(Bank, pledge.PledgeeId);
        Assert.Equal(ReceiptStatus.Pledged, (await _db.ReceiptAsync(receipt.Number))!.Status);
        Assert.Equal(new HoldingView("PP-T30S", 0, 0, 40_000, 0), await _db.HoldingAsync(Trader));
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task A_pledged_receipt_cannot_be_pledged_again_sold_split_or_cancelled()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 40_000);
        Ok(await _db.Registry(r => r.PledgeAsync(Trader, receipt.Number, Bank, CancellationToken.None)));
        var log = await _db.LogLengthAsync();

        Refused(await _db.Registry(r => r.PledgeAsync(Trader, receipt.Number, Trader3, CancellationToken.None)), RegistryProblems.ReceiptNotActive);
        Refused(await _db.Registry(r => r.TransferAsync(Trader, Trader2, "PP-T30S", 40_000, "T-1", TransferSource.Free, CancellationToken.None)), RegistryProblems.InsufficientFreeQuantity);
        Refused(await _db.Registry(r => r.SplitAsync(Trader, receipt.Number, [20_000, 20_000], CancellationToken.None)), RegistryProblems.ReceiptNotActive);
        Refused(await _db.Registry(r => r.CancelForLoadOutAsync(Trader, receipt.Number, CancellationToken.None)), RegistryProblems.ReceiptNotActive);
        Refused(await _db.Registry(r => r.FreezeAsync(Trader, "PP-T30S", 1_000, CancellationToken.None)), RegistryProblems.InsufficientFreeQuantity);

        Assert.Equal(log, await _db.LogLengthAsync());
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task Only_the_owner_pledges_and_not_to_themselves()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 40_000);

        Assert.Equal(403, Refused(await _db.Registry(r => r.PledgeAsync(Trader2, receipt.Number, Bank, CancellationToken.None)), RegistryProblems.NotReceiptOwner).Status);
        Refused(await _db.Registry(r => r.PledgeAsync(Trader, receipt.Number, Trader, CancellationToken.None)), RegistryProblems.SameParty);
        Refused(await _db.Registry(r => r.PledgeAsync(Trader, "ZS-2026-999999", Bank, CancellationToken.None)), RegistryProblems.ReceiptNotFound);
        Assert.Equal(ReceiptStatus.Active, (await _db.ReceiptAsync(receipt.Number))!.Status);
    }

    [Fact]
    public async Task Quantity_frozen_for_sell_orders_cannot_be_pledged()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 40_000);
        Ok(await _db.Registry(r => r.FreezeAsync(Trader, "PP-T30S", 10_000, CancellationToken.None)));

        Refused(await _db.Registry(r => r.PledgeAsync(Trader, receipt.Number, Bank, CancellationToken.None)), RegistryProblems.InsufficientFreeQuantity);

        Assert.Equal(new HoldingView("PP-T30S", 30_000, 10_000, 0, 0), await _db.HoldingAsync(Trader));
    }

    [Fact]
    public async Task The_pledgee_releases_the_pledge_and_the_receipt_is_free_again()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 40_000);
        Ok(await _db.Registry(r => r.PledgeAsync(Trader, receipt.Number, Bank, CancellationToken.None)));

        var released = Ok(await _db.Registry(r => r.ReleasePledgeAsync(Bank, actorIsAdmin: false, receipt.Number, CancellationToken.None)));

        Assert.Equal(PledgeStatus.Released, released.Status);
        Assert.Equal(Bank, released.ReleasedBy);
        Assert.Equal(ReceiptStatus.Active, (await _db.ReceiptAsync(receipt.Number))!.Status);
        Assert.Equal(new HoldingView("PP-T30S", 40_000, 0, 0, 0), await _db.HoldingAsync(Trader));
        Refused(await _db.Registry(r => r.ReleasePledgeAsync(Bank, actorIsAdmin: false, receipt.Number, CancellationToken.None)), RegistryProblems.ReceiptNotPledged);
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task Neither_the_owner_nor_a_stranger_releases_a_pledge_but_an_admin_does()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 40_000);
        Ok(await _db.Registry(r => r.PledgeAsync(Trader, receipt.Number, Bank, CancellationToken.None)));

        Assert.Equal(403, Refused(await _db.Registry(r => r.ReleasePledgeAsync(Trader, false, receipt.Number, CancellationToken.None)), RegistryProblems.NotPledgee).Status);
        Refused(await _db.Registry(r => r.ReleasePledgeAsync(Trader2, false, receipt.Number, CancellationToken.None)), RegistryProblems.NotPledgee);
        var released = Ok(await _db.Registry(r => r.ReleasePledgeAsync(Admin, true, receipt.Number, CancellationToken.None)));

        Assert.Equal(Admin, released.ReleasedBy);
        Assert.Equal(ReceiptStatus.Active, (await _db.ReceiptAsync(receipt.Number))!.Status);
    }

    [Fact]
    public async Task Cancelling_a_receipt_for_load_out_takes_its_quantity_out_of_the_holdings()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 40_000);
        await _db.ActiveReceiptAsync(Trader, 10_000);

        var cancelled = Ok(await _db.Registry(r => r.CancelForLoadOutAsync(Trader, receipt.Number, CancellationToken.None)));

        Assert.Equal(ReceiptStatus.Cancelled, cancelled.Status);
        Assert.Equal(new HoldingView("PP-T30S", 10_000, 0, 0, 0), await _db.HoldingAsync(Trader));
        Refused(await _db.Registry(r => r.CancelForLoadOutAsync(Trader, receipt.Number, CancellationToken.None)), RegistryProblems.ReceiptNotActive);
        await _db.AssertConsistentAsync();
    }

    [Fact]
    public async Task A_receipt_whose_quantity_is_frozen_cannot_be_cancelled()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 40_000);
        Ok(await _db.Registry(r => r.FreezeAsync(Trader, "PP-T30S", 1_000, CancellationToken.None)));

        Refused(await _db.Registry(r => r.CancelForLoadOutAsync(Trader, receipt.Number, CancellationToken.None)), RegistryProblems.InsufficientFreeQuantity);
        Assert.Equal(403, Refused(await _db.Registry(r => r.CancelForLoadOutAsync(Trader2, receipt.Number, CancellationToken.None)), RegistryProblems.NotReceiptOwner).Status);
        Assert.Equal(ReceiptStatus.Active, (await _db.ReceiptAsync(receipt.Number))!.Status);
    }
}
