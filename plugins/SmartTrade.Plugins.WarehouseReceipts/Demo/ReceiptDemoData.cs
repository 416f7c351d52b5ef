using System.Globalization;
using SmartTrade.Plugins.WarehouseReceipts.Registry;
using SmartTrade.Sdk.Demo;
using SmartTrade.Sdk.Security;

namespace SmartTrade.Plugins.WarehouseReceipts.Demo;

/// <summary>
/// Demo registry for a Development host, made through the registry's own lifecycle so its log verifies: two traders
/// with receipts across several instruments (one split, one pledged, one waiting for acceptance, one partly sold),
/// load-ins waiting for inspection and one rejected, and the demo warehouse operator running every warehouse.
/// </summary>
/// <remarks>Each load-in carries a demo batch number; one already declared is skipped, so a second run adds nothing.</remarks>
public sealed class ReceiptDemoData(ReceiptRegistry registry) : IDemoDataSeeder
{
    /// <summary>The demo trader the host already has.</summary>
    public const string TraderEmail = "trader@smarttrade.demo";

    /// <summary>A second demo trader, the first one's counterparty.</summary>
    public const string SecondTraderEmail = "trader2@smarttrade.demo";

    /// <summary>The demo warehouse operator, operating every approved warehouse.</summary>
    public const string OperatorEmail = "warehouse@smarttrade.demo";

    /// <summary>What happens to a demo load-in.</summary>
    private enum Outcome
    {
        Declared,
        Rejected,
        Issued,
        Accepted,
        AcceptedAndSplit,
        AcceptedAndPledged,
    }

    private sealed record Lot(string Batch, bool SecondTrader, string Instrument, string Producer, string Warehouse, long Tonnes, long ShortKg, int AgeDays, Outcome Outcome);

    private static readonly Lot[] Lots =
    [
        new("DEMO-01", false, "PP-T30S", "zhenhai-refining", "zs-storage-1", 100, 40, 21, Outcome.Accepted),
        new("DEMO-02", false, "PP-T30S", "lanzhou-petrochemical", "plastics-city-logistics", 50, 15, 35, Outcome.Accepted),
        new("DEMO-03", false, "HDPE-5000S", "daqing-petrochemical", "zs-storage-2", 60, 0, 18, Outcome.AcceptedAndSplit),
        new("DEMO-04", false, "LLDPE-7042", "jilin-petrochemical", "yangming-storage", 40, 25, 27, Outcome.AcceptedAndPledged),
        new("DEMO-05", false, "PVC-SG-5", "xinjiang-zhongtai", "langxia-storage", 80, 60, 12, Outcome.Issued),
        new("DEMO-06", false, "ABS-0215A", "jilin-petrochemical", "zs-storage-1", 25, 0, 9, Outcome.Declared),
        new("DEMO-07", true, "PP-T30S", "zhenhai-refining", "zs-storage-2", 75, 30, 30, Outcome.Accepted),
        new("DEMO-08", true, "PS-GPPS-123P", "yangzi-petrochemical", "plastics-city-logistics", 30, 10, 24, Outcome.Accepted),
        new("DEMO-09", true, "PET-CR-8816", "china-resources-chemical", "langxia-storage", 40, 0, 40, Outcome.Rejected),
        new("DEMO-10", true, "LDPE-2426H", "daqing-petrochemical", "yangming-storage", 20, 0, 7, Outcome.Declared),
        new("DEMO-11", true, "PP-K8003", "yanshan-petrochemical", "zs-storage-1", 50, 20, 16, Outcome.Accepted),
    ];

    /// <summary>The demo sale: the first trader sells 30 t of PP T30S to the second, first-in-first-out.</summary>
    private const string DemoTradeRef = "DEMO-TRADE-0001";

    /// <inheritdoc />
    public async Task SeedAsync(DemoSeedContext context, CancellationToken cancellationToken)
    {
        var trader = await context.EnsureAccountAsync(TraderEmail, "宁波塑化贸易 Ningbo Plastics Trading", [Roles.Trader], cancellationToken);
        var trader2 = await context.EnsureAccountAsync(SecondTraderEmail, "余姚甬塑贸易 Yuyao Yongsu Plastics Trading", [Roles.Trader], cancellationToken);
        var warehouse = await context.EnsureAccountAsync(OperatorEmail, "余姚中塑仓储 Yuyao Plastics Warehousing", [Roles.WarehouseOperator], cancellationToken);

        foreach (var code in (await registry.WarehousesAsync(cancellationToken)).Select(w => w.Code))
        {
            Check(await registry.AssignOperatorAsync(ReceiptRegistry.SystemActor, code, warehouse, cancellationToken));
        }

        var declared = (await registry.LoadInsOfTraderAsync(trader, cancellationToken))
            .Concat(await registry.LoadInsOfTraderAsync(trader2, cancellationToken))
            .Select(l => l.BatchNumber)
            .ToHashSet();
        for (var i = 0; i < Lots.Length; i++)
        {
            var lot = Lots[i];
            if (!declared.Contains(lot.Batch))
            {
                await SeedLotAsync(lot, i, lot.SecondTrader ? trader2 : trader, trader2, warehouse, context.Today, cancellationToken);
            }
        }

        // Once per trade reference: a repeat replays the first delivery and moves nothing.
        Check(await registry.TransferAsync(trader, trader2, "PP-T30S", 30_000, DemoTradeRef, TransferSource.Free, cancellationToken));
    }

    private async Task SeedLotAsync(Lot lot, int index, string owner, string pledgee, string warehouse, DateOnly today, CancellationToken cancellationToken)
    {
        var produced = today.AddDays(-lot.AgeDays);
        var loadIn = Check(await registry.DeclareLoadInAsync(
            owner,
            new LoadInDeclaration(lot.Instrument, lot.Producer, lot.Warehouse, lot.Tonnes * 1_000, produced, lot.Batch),
            cancellationToken));
        switch (lot.Outcome)
        {
            case Outcome.Declared:
                return;
            case Outcome.Rejected:
                Check(await registry.RejectLoadInAsync(warehouse, loadIn.Id, "含水率超标，外包装破损 7 袋。Moisture above the limit and 7 bags damaged.", cancellationToken));
                return;
        }

        var certificate = string.Create(CultureInfo.InvariantCulture, $"ZS{produced:yyyyMM}-{1000 + (index * 137 % 9000):0000}");
        var receipt = Check(await registry.IssueAsync(warehouse, loadIn.Id, new ReceiptIssue(lot.Tonnes * 1_000 - lot.ShortKg, certificate), cancellationToken));
        if (lot.Outcome == Outcome.Issued)
        {
            return;
        }

        Check(await registry.AcceptAsync(owner, receipt.Number, cancellationToken));
        if (lot.Outcome == Outcome.AcceptedAndSplit)
        {
            var third = receipt.QuantityKg / 3;
            Check(await registry.SplitAsync(owner, receipt.Number, [third, third, receipt.QuantityKg - 2 * third], cancellationToken));
        }
        else if (lot.Outcome == Outcome.AcceptedAndPledged)
        {
            Check(await registry.PledgeAsync(owner, receipt.Number, pledgee, cancellationToken));
        }
    }

    private static T Check<T>(RegistryResult<T> result)
        => result.Refusal is { } refusal
            ? throw new InvalidOperationException($"Demo registry data was refused: {refusal.Code}: {refusal.Detail}")
            : result.Value!;
}
