using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using static SmartTrade.Plugins.WarehouseReceipts.Tests.Registry.RegistryDatabase;

namespace SmartTrade.Plugins.WarehouseReceipts.Tests.Registry;

/// <summary>The hash-chained registry log and the verification of a receipt's history.</summary>
public sealed class RegistryLogTests : IAsyncLifetime
{
    private RegistryDatabase _db = null!;

    public async Task InitializeAsync() => _db = await CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Every_change_appends_one_entry_chained_to_the_one_before()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 20_000);
        Ok(await _db.Registry(r => r.PledgeAsync(Trader, receipt.Number, Bank, CancellationToken.None)));

        await using var db = _db.Context();
        var log = await db.RegistryLog.OrderBy(e => e.Sequence).ToListAsync();
        var head = await db.ChainHead.SingleAsync();

        // Two operator assignments, then declared, issued, accepted, pledged.
        Assert.Equal(
            [RegistryActions.OperatorAssigned, RegistryActions.OperatorAssigned, RegistryActions.LoadInDeclared, RegistryActions.ReceiptIssued, RegistryActions.ReceiptAccepted, RegistryActions.ReceiptPledged],
            log.Select(e => e.Action));
        Assert.Equal(Enumerable.Range(1, log.Count).Select(i => (long)i), log.Select(e => e.Sequence));
        Assert.Equal(RegistryHash.Genesis, log[0].PreviousHash);
        for (var i = 1; i < log.Count; i++)
        {
            Assert.Equal(log[i - 1].Hash, log[i].PreviousHash);
            Assert.Equal(log[i].ComputeHash(), log[i].Hash);
        }

        Assert.Equal((log[^1].Sequence, log[^1].Hash), (head.Sequence, head.Hash));
        Assert.Equal(receipt.Number, log[^1].ReceiptNumbers);
    }

    [Fact]
    public async Task A_receipts_history_is_intact_and_shows_each_change_with_the_state_after_it()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 20_000);
        Ok(await _db.Registry(r => r.PledgeAsync(Trader, receipt.Number, Bank, CancellationToken.None)));

        var verification = (await _db.Registry(r => r.VerifyAsync(receipt.Number, CancellationToken.None)))!;

        Assert.True(verification.Intact, string.Join("; ", verification.Problems));
        Assert.True(verification.MatchesLog);
        Assert.Equal([RegistryActions.ReceiptIssued, RegistryActions.ReceiptAccepted, RegistryActions.ReceiptPledged], verification.History.Select(h => h.Action));
        Assert.All(verification.History, h => Assert.True(h.HashValid && h.LinkValid));
        var last = verification.History[^1].Details.GetProperty("receipts")[0];
        Assert.Equal("Pledged", last.GetProperty("status").GetString());
        Assert.Equal(Bank, verification.History[^1].Details.GetProperty("pledgee").GetString());
    }

    [Fact]
    public async Task A_receipt_made_by_a_split_shows_the_history_of_the_receipt_it_came_from()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 20_000);
        var parts = Ok(await _db.Registry(r => r.SplitAsync(Trader, receipt.Number, [5_000, 15_000], CancellationToken.None)));
        Ok(await _db.Registry(r => r.TransferAsync(Trader, Trader2, "PP-T30S", 5_000, "T-1", TransferSource.Free, CancellationToken.None)));

        var verification = (await _db.Registry(r => r.VerifyAsync(parts[0].Number, CancellationToken.None)))!;

        Assert.True(verification.Intact, string.Join("; ", verification.Problems));
        Assert.Equal(Trader2, verification.Receipt.OwnerId);
        Assert.Equal(
            [RegistryActions.ReceiptIssued, RegistryActions.ReceiptAccepted, RegistryActions.ReceiptSplit, RegistryActions.ReceiptsTransferred],
            verification.History.Select(h => h.Action));
        Assert.Equal("T-1", verification.History[^1].Details.GetProperty("tradeRef").GetString());
    }

    [Fact]
    public async Task Altering_a_logged_change_is_detected_by_the_receipts_verification_and_the_chains()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 20_000);
        Ok(await _db.Registry(r => r.TransferAsync(Trader, Trader2, "PP-T30S", 20_000, "T-1", TransferSource.Free, CancellationToken.None)));
        long issued;
        await using (var db = _db.Context())
        {
            issued = (await db.RegistryLog.SingleAsync(e => e.Action == RegistryActions.ReceiptIssued)).Sequence;
            await db.Database.ExecuteSqlAsync($"UPDATE warehouse_receipts_registry_log SET Details = replace(Details, '20000', '90000') WHERE Sequence = {issued}");
        }

        var verification = (await _db.Registry(r => r.VerifyAsync(receipt.Number, CancellationToken.None)))!;
        var chain = await _db.Registry(r => r.VerifyChainAsync(CancellationToken.None));

        Assert.False(verification.Intact);
        Assert.False(verification.History.Single(h => h.Sequence == issued).HashValid);
        Assert.False(chain.Intact);
        Assert.Equal(issued, chain.FirstBrokenSequence);
    }

    [Fact]
    public async Task Rewriting_an_entry_together_with_its_hash_breaks_the_link_to_the_next_one()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 20_000);
        await using (var db = _db.Context())
        {
            var issued = await db.RegistryLog.SingleAsync(e => e.Action == RegistryActions.ReceiptIssued);
            issued.Details = issued.Details.Replace(RegistryDatabase.Trader, "forger", StringComparison.Ordinal);
            issued.Hash = issued.ComputeHash();
            await db.SaveChangesAsync();
        }

        var verification = (await _db.Registry(r => r.VerifyAsync(receipt.Number, CancellationToken.None)))!;

        Assert.False(verification.Intact);
        Assert.Contains(verification.History, h => !h.LinkValid);
        Assert.False((await _db.Registry(r => r.VerifyChainAsync(CancellationToken.None))).Intact);
    }

    [Fact]
    public async Task A_receipt_changed_behind_the_registrys_back_no_longer_matches_its_log()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 20_000);
        await using (var db = _db.Context())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE warehouse_receipts_receipts SET OwnerId = 'thief' WHERE Number = {receipt.Number}");
        }

        var verification = (await _db.Registry(r => r.VerifyAsync(receipt.Number, CancellationToken.None)))!;

        Assert.False(verification.MatchesLog);
        Assert.False(verification.Intact);
        Assert.All(verification.History, h => Assert.True(h.HashValid));
    }

    [Fact]
    public async Task Removing_the_last_entry_is_detected_against_the_chain_head()
    {
        var receipt = await _db.ActiveReceiptAsync(Trader, 20_000);
        await using (var db = _db.Context())
        {
            var last = await db.RegistryLog.MaxAsync(e => e.Sequence);
            await db.Database.ExecuteSqlAsync($"DELETE FROM warehouse_receipts_registry_log_receipts WHERE Sequence = {last}");
            await db.Database.ExecuteSqlAsync($"DELETE FROM warehouse_receipts_registry_log WHERE Sequence = {last}");
        }

        var chain = await _db.Registry(r => r.VerifyChainAsync(CancellationToken.None));
        var verification = (await _db.Registry(r => r.VerifyAsync(receipt.Number, CancellationToken.None)))!;

        Assert.False(chain.Intact);
        Assert.False(verification.Intact);
    }

    [Fact]
    public async Task An_unknown_receipt_has_no_verification()
        => Assert.Null(await _db.Registry(r => r.VerifyAsync("ZS-2026-424242", CancellationToken.None)));

    [Fact]
    public void The_hash_covers_every_field_so_changing_any_one_changes_it()
    {
        var at = new DateTimeOffset(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);
        var hash = RegistryHash.Of(7, at, "a", "b", "c", "{}", RegistryHash.Genesis);

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.NotEqual(hash, RegistryHash.Of(8, at, "a", "b", "c", "{}", RegistryHash.Genesis));
        Assert.NotEqual(hash, RegistryHash.Of(7, at.AddMilliseconds(1), "a", "b", "c", "{}", RegistryHash.Genesis));
        Assert.NotEqual(hash, RegistryHash.Of(7, at, "ab", "", "c", "{}", RegistryHash.Genesis));
        Assert.NotEqual(hash, RegistryHash.Of(7, at, "a", "b", "c", JsonSerializer.Serialize(new { x = 1 }), RegistryHash.Genesis));
        Assert.NotEqual(hash, RegistryHash.Of(7, at, "a", "b", "c", "{}", new string('1', 64)));
    }
}
