using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <content>Split one receipt into several, and merge several into one.</content>
public sealed partial class ReceiptRegistry
{
    /// <summary>
    /// The owner splits an active receipt into receipts of the given quantities, which must add up to it. The new
    /// receipts keep the original's place in the owner's first-in-first-out queue; the original is closed as Split.
    /// </summary>
    /// <param name="traderId">The owner's user id.</param>
    /// <param name="number">The receipt number.</param>
    /// <param name="partsKg">The new receipts' quantities in kg: 2 to 50, each positive, adding up to the receipt's.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public Task<RegistryResult<IReadOnlyList<ReceiptView>>> SplitAsync(string traderId, string number, IReadOnlyList<long>? partsKg, CancellationToken cancellationToken)
        => WriteAsync<IReadOnlyList<ReceiptView>>(async at =>
        {
            if (partsKg is null || partsKg.Count < 2 || partsKg.Count > RegistryLimits.MaxParts)
            {
                return Refuse(400, RegistryProblems.InvalidInput, $"A split makes 2 to {RegistryLimits.MaxParts} receipts.", "partsKg");
            }

            if (partsKg.Any(kg => !ValidQuantity(kg)))
            {
                return InvalidQuantity("partsKg");
            }

            var (peek, refusal) = await PeekActiveAsync(traderId, number, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            var total = partsKg.Sum();
            if (total != peek!.QuantityKg)
            {
                return Refuse(
                    400,
                    RegistryProblems.SplitDoesNotSum,
                    string.Create(CultureInfo.InvariantCulture, $"The parts add up to {total} kg; receipt {number} is for {peek.QuantityKg} kg."),
                    "partsKg");
            }

            await LockHoldingAsync(traderId, peek.InstrumentCode, cancellationToken);
            var numbers = await NextNumbersAsync(at, partsKg.Count, cancellationToken);
            var (original, changed) = await ReloadActiveAsync(traderId, number, cancellationToken);
            if (changed is not null)
            {
                return changed;
            }

            var parts = partsKg.Select((kg, i) => Derive(original!, numbers[i], kg, original!.AcquiredSequence, at)).ToList();
            original!.Status = ReceiptStatus.Split;
            Touch(original, at);
            await AppendAsync(at, RegistryActions.ReceiptSplit, traderId, [number, .. numbers], new
            {
                partsKg,
                receipts = parts.Prepend(original).Select(StateOf).ToList(),
            }, cancellationToken);
            db.Receipts.AddRange(parts);
            await db.SaveChangesAsync(cancellationToken);
            return parts.Select(ReceiptView.Of).ToList();
        }, cancellationToken);

    /// <summary>
    /// The owner merges active receipts of one grade at one warehouse into one receipt for their total. It takes the
    /// earliest place of theirs in the owner's first-in-first-out queue and the earliest production date; the
    /// originals are closed as Merged.
    /// </summary>
    /// <param name="traderId">The owner's user id.</param>
    /// <param name="numbers">The receipt numbers, 2 to 50 different ones.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public Task<RegistryResult<ReceiptView>> MergeAsync(string traderId, IReadOnlyList<string>? numbers, CancellationToken cancellationToken)
        => WriteAsync<ReceiptView>(async at =>
        {
            if (numbers is null || numbers.Count < 2 || numbers.Count > RegistryLimits.MaxParts
                || numbers.Distinct(StringComparer.Ordinal).Count() != numbers.Count || numbers.Any(n => string.IsNullOrEmpty(n)))
            {
                return Refuse(422, RegistryProblems.MergeMismatch, $"A merge takes 2 to {RegistryLimits.MaxParts} different receipts.", "numbers");
            }

            var peeks = await db.Receipts.AsNoTracking().Where(r => numbers.Contains(r.Number)).ToListAsync(cancellationToken);
            if (numbers.FirstOrDefault(n => peeks.All(r => r.Number != n)) is { } missing)
            {
                return ReceiptNotFound(missing);
            }

            if (peeks.FirstOrDefault(r => r.OwnerId != traderId) is { } others)
            {
                return NotOwner(others.Number);
            }

            if (peeks.FirstOrDefault(r => r.Status != ReceiptStatus.Active) is { } inactive)
            {
                return NotActive(inactive);
            }

            var first = peeks[0];
            if (peeks.Any(r => r.InstrumentCode != first.InstrumentCode || r.GradeId != first.GradeId || r.WarehouseCode != first.WarehouseCode))
            {
                return Refuse(422, RegistryProblems.MergeMismatch, "Only receipts of the same grade (instrument and producer) at the same warehouse merge.", "numbers");
            }

            await LockHoldingAsync(traderId, first.InstrumentCode, cancellationToken);
            var number = (await NextNumbersAsync(at, 1, cancellationToken))[0];
            var sources = await db.Receipts.Where(r => numbers.Contains(r.Number)).ToListAsync(cancellationToken);
            if (sources.FirstOrDefault(r => r.OwnerId != traderId || r.Status != ReceiptStatus.Active) is { } changed)
            {
                return changed.OwnerId != traderId ? NotOwner(changed.Number) : NotActive(changed);
            }

            sources = [.. sources.OrderBy(r => r.AcquiredSequence).ThenBy(r => r.Number, StringComparer.Ordinal)];
            var merged = Derive(sources[0], number, sources.Sum(r => r.QuantityKg), sources[0].AcquiredSequence, at);
            merged.ProductionDate = sources.Min(r => r.ProductionDate);
            merged.InspectionCertificate = string.Join("; ", sources.Select(r => r.InspectionCertificate).Distinct(StringComparer.Ordinal));
            merged.SourceNumbers = string.Join(',', sources.Select(r => r.Number));
            foreach (var source in sources)
            {
                source.Status = ReceiptStatus.Merged;
                Touch(source, at);
            }

            await AppendAsync(at, RegistryActions.ReceiptsMerged, traderId, [.. sources.Select(r => r.Number), number], new
            {
                receipts = sources.Append(merged).Select(StateOf).ToList(),
            }, cancellationToken);
            db.Receipts.Add(merged);
            await db.SaveChangesAsync(cancellationToken);
            return ReceiptView.Of(merged);
        }, cancellationToken);

    /// <summary>A new active receipt for part (or all) of another's goods: same grade, warehouse, production date and certificate.</summary>
    private static WarehouseReceipt Derive(WarehouseReceipt source, string number, long kg, long acquiredSequence, DateTimeOffset at) => new()
    {
        Number = number,
        OwnerId = source.OwnerId,
        InstrumentCode = source.InstrumentCode,
        GradeId = source.GradeId,
        WarehouseCode = source.WarehouseCode,
        QuantityKg = kg,
        ProductionDate = source.ProductionDate,
        InspectionCertificate = source.InspectionCertificate,
        Status = ReceiptStatus.Active,
        SourceNumbers = source.Number,
        CreatedAt = at,
        UpdatedAt = at,
        AcquiredSequence = acquiredSequence,
    };
}
