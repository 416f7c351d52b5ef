using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <content>Delivery for trades (first-in-first-out), freezing for sell orders, and holdings.</content>
public sealed partial class ReceiptRegistry
{
    /// <summary>
    /// Delivers receipt quantity from seller to buyer for a trade: whole receipts first-in-first-out from the seller's
    /// active receipts of the instrument, the last one split when only part of it is needed (the seller keeps the
    /// rest, in its place in the queue). Once per <paramref name="tradeRef"/>: a repeat with the same parameters returns
    /// the first delivery (<see cref="TransferView.Replayed"/>) and moves nothing; with other parameters it is refused.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A lot stays one receipt in the buyer's hands: the goods delivered of a lot (same grade, warehouse, production date
    /// and inspection certificate) are merged with the buyer's active receipt of that lot, if they have one, and with
    /// each other: the receipts joined are closed as <see cref="ReceiptStatus.Merged"/> and one new receipt for their sum
    /// takes the earliest place of theirs in the buyer's queue, as <see cref="MergeAsync"/> does, in the same log entry.
    /// Pledged receipts and receipts waiting for acceptance never join; holdings do not change by joining.
    /// <see cref="TransferView.DeliveredNumbers"/> still lists the receipts that changed hands.
    /// </para>
    /// <para>Joins the context's open transaction when there is one (see <see cref="ReceiptRegistry"/>).</para>
    /// </remarks>
    /// <param name="fromTraderId">The seller's user id.</param>
    /// <param name="toTraderId">The buyer's user id.</param>
    /// <param name="instrumentCode">The instrument code.</param>
    /// <param name="quantityKg">The quantity, in kg.</param>
    /// <param name="tradeRef">The trade's reference (up to 64 characters), unique per delivery.</param>
    /// <param name="source"><see cref="TransferSource.Frozen"/> to take quantity frozen for the seller's order (and reduce the
    /// frozen amount), <see cref="TransferSource.Free"/> to take free quantity.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    /// <param name="destination"><see cref="TransferSource.Free"/> (default) to give the buyer free quantity;
    /// <see cref="TransferSource.Frozen"/> to give it frozen, for quantity that stays in trading on the exchange.</param>
    public Task<RegistryResult<TransferView>> TransferAsync(
        string fromTraderId,
        string toTraderId,
        string instrumentCode,
        long quantityKg,
        string tradeRef,
        TransferSource source,
        CancellationToken cancellationToken,
        TransferSource destination = TransferSource.Free)
        => WriteAsync<TransferView>(async at =>
        {
            if (!ValidQuantity(quantityKg))
            {
                return InvalidQuantity("quantityKg");
            }

            if ((CheckText(tradeRef, RegistryLimits.ReferenceLength, "tradeRef")
                 ?? CheckText(fromTraderId, RegistryLimits.UserIdLength, "fromTraderId")
                 ?? CheckText(toTraderId, RegistryLimits.UserIdLength, "toTraderId")) is { } badText)
            {
                return badText;
            }

            if (fromTraderId == toTraderId)
            {
                return Refuse(422, RegistryProblems.SameParty, "A trader cannot deliver receipts to themselves.", "toTraderId");
            }

            if (!Enum.IsDefined(source) || !Enum.IsDefined(destination))
            {
                return Refuse(400, RegistryProblems.InvalidInput, "The source and destination are Free or Frozen.", "source");
            }

            if (!await db.Instruments.AnyAsync(i => i.Code == instrumentCode, cancellationToken))
            {
                return Refuse(400, RegistryProblems.UnknownInstrument, $"There is no instrument '{instrumentCode}'.", "instrument");
            }

            // The trade reference is claimed first: a concurrent delivery of the same trade waits on it, then replays.
            var transfer = new ReceiptTransfer
            {
                TradeRef = tradeRef,
                SellerId = fromTraderId,
                BuyerId = toTraderId,
                InstrumentCode = instrumentCode,
                QuantityKg = quantityKg,
                Source = source,
                DeliveredNumbers = string.Empty,
                At = at,
            };
            if (await db.Transfers.AsNoTracking().FirstOrDefaultAsync(t => t.TradeRef == tradeRef, cancellationToken) is { } earlier)
            {
                return Replay(earlier, transfer);
            }

            db.Transfers.Add(transfer);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                db.Entry(transfer).State = EntityState.Detached;
                return await db.Transfers.AsNoTracking().FirstOrDefaultAsync(t => t.TradeRef == tradeRef, cancellationToken) is { } first
                    ? Replay(first, transfer)
                    : throw new InvalidOperationException($"The transfer for trade {tradeRef} could not be recorded.");
            }

            // Holdings in owner id order, so that two opposite deliveries cannot lock each other out.
            foreach (var owner in new[] { fromTraderId, toTraderId }.Order(StringComparer.Ordinal))
            {
                if (owner == toTraderId)
                {
                    await AddAvailableAsync(toTraderId, instrumentCode, quantityKg, cancellationToken, frozen: destination == TransferSource.Frozen);
                }
                else if (!await TakeAsync(fromTraderId, instrumentCode, quantityKg, source, cancellationToken))
                {
                    return source == TransferSource.Free
                        ? InsufficientFree(instrumentCode, quantityKg)
                        : Refuse(409, RegistryProblems.InsufficientFrozenQuantity, string.Create(
                            CultureInfo.InvariantCulture, $"Less than {quantityKg} kg of {instrumentCode} is frozen for the seller's orders."));
                }
            }

            var (whole, partial) = await TakeFirstInFirstOutAsync(fromTraderId, instrumentCode, quantityKg, cancellationToken);

            // The lots delivered, in delivery order, and the buyer's active receipt of each (one indexed read, under the
            // buyer's holding lock, so none of their receipts of the instrument changes meanwhile).
            var lots = whole.Concat(partial is null ? [] : [partial]).GroupBy(LotOf).Select(g => (Lot: g.Key, Pieces: g.Count())).ToList();
            var held = await ActiveReceiptsOfLotsAsync(toTraderId, instrumentCode, lots.ConvertAll(l => l.Lot), cancellationToken);
            var joins = lots.Count(l => l.Pieces + (held.ContainsKey(l.Lot) ? 1 : 0) >= 2);
            var count = (partial is null ? 0 : 2) + joins;
            var numbers = count == 0 ? [] : await NextNumbersAsync(at, count, cancellationToken);
            WarehouseReceipt? bought = null;
            WarehouseReceipt? kept = null;
            if (partial is not null)
            {
                var needed = quantityKg - whole.Sum(r => r.QuantityKg);
                bought = Derive(partial, numbers[0], needed, 0, at);
                bought.OwnerId = toTraderId;
                kept = Derive(partial, numbers[1], partial.QuantityKg - needed, partial.AcquiredSequence, at);
                partial.Status = ReceiptStatus.Split;
                Touch(partial, at);
            }

            foreach (var receipt in whole)
            {
                receipt.OwnerId = toTraderId;
                Touch(receipt, at);
            }

            var arrived = whole.Concat(bought is null ? [] : [bought]).ToList();
            var joined = new List<(WarehouseReceipt Receipt, WarehouseReceipt? Held)>();
            var next = partial is null ? 0 : 2;
            foreach (var (lot, _) in lots)
            {
                var mine = held.GetValueOrDefault(lot);
                var sources = (mine is null ? [] : new[] { mine }).Concat(arrived.Where(r => LotOf(r) == lot)).ToList();
                if (sources.Count >= 2)
                {
                    joined.Add((Join(sources, numbers[next++], at), mine));
                    if (mine is not null)
                    {
                        Touch(mine, at);
                    }
                }
            }

            var delivered = arrived.Select(r => r.Number).ToList();
            var concerned = whole.Concat(partial is null ? [] : [partial, bought!, kept!])
                .Concat(joined.Where(j => j.Held is not null).Select(j => j.Held!))
                .Concat(joined.Select(j => j.Receipt))
                .ToList();
            var entry = await AppendAsync(at, RegistryActions.ReceiptsTransferred, SystemActor, concerned.Select(r => r.Number).ToList(), new
            {
                tradeRef,
                seller = fromTraderId,
                buyer = toTraderId,
                instrument = instrumentCode,
                quantityKg,
                source,
                delivered,
                joined = joined.Select(j => new { number = j.Receipt.Number, sources = j.Receipt.Sources, quantityKg = j.Receipt.QuantityKg }).ToList(),
                receipts = concerned.Select(StateOf).ToList(),
            }, cancellationToken);
            foreach (var receipt in arrived)
            {
                receipt.AcquiredSequence = entry.Sequence;
            }

            // A joined receipt takes the buyer's earlier place in the queue when it joined one of theirs.
            foreach (var (receipt, mine) in joined)
            {
                receipt.AcquiredSequence = mine?.AcquiredSequence ?? entry.Sequence;
            }

            if (bought is not null)
            {
                db.Receipts.AddRange(bought, kept!);
            }

            db.Receipts.AddRange(joined.Select(j => j.Receipt));
            transfer.DeliveredNumbers = string.Join(',', delivered);
            transfer.LogSequence = entry.Sequence;
            await db.SaveChangesAsync(cancellationToken);
            return TransferView.Of(transfer, replayed: false);
        }, cancellationToken);

    /// <summary>
    /// Freezes a trader's free quantity for a sell order: it stays theirs but can no longer be pledged, cancelled,
    /// or delivered except as <see cref="TransferSource.Frozen"/>. Refused when the free quantity is short.
    /// </summary>
    /// <remarks>Joins the context's open transaction when there is one. Not logged: no receipt changes.</remarks>
    /// <param name="traderId">The trader's user id.</param>
    /// <param name="instrumentCode">The instrument code.</param>
    /// <param name="quantityKg">The quantity, in kg.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public Task<RegistryResult<HoldingView>> FreezeAsync(string traderId, string instrumentCode, long quantityKg, CancellationToken cancellationToken)
        => WriteAsync<HoldingView>(async _ =>
        {
            if (!ValidQuantity(quantityKg))
            {
                return InvalidQuantity("quantityKg");
            }

            var frozen = await db.Holdings
                .Where(h => h.OwnerId == traderId && h.InstrumentCode == instrumentCode && h.AvailableKg - h.FrozenKg >= quantityKg)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.FrozenKg, h => h.FrozenKg + quantityKg), cancellationToken);
            if (frozen != 1)
            {
                return await db.Instruments.AnyAsync(i => i.Code == instrumentCode, cancellationToken)
                    ? InsufficientFree(instrumentCode, quantityKg)
                    : Refuse(400, RegistryProblems.UnknownInstrument, $"There is no instrument '{instrumentCode}'.", "instrument");
            }

            return await HoldingAsync(traderId, instrumentCode, cancellationToken);
        }, cancellationToken);

    /// <summary>Releases quantity frozen for a sell order (cancelled or expired) back to free.</summary>
    /// <remarks>Joins the context's open transaction when there is one. Not logged: no receipt changes.</remarks>
    /// <param name="traderId">The trader's user id.</param>
    /// <param name="instrumentCode">The instrument code.</param>
    /// <param name="quantityKg">The quantity, in kg; at most what is frozen.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public Task<RegistryResult<HoldingView>> UnfreezeAsync(string traderId, string instrumentCode, long quantityKg, CancellationToken cancellationToken)
        => WriteAsync<HoldingView>(async _ =>
        {
            if (!ValidQuantity(quantityKg))
            {
                return InvalidQuantity("quantityKg");
            }

            var released = await db.Holdings
                .Where(h => h.OwnerId == traderId && h.InstrumentCode == instrumentCode && h.FrozenKg >= quantityKg)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.FrozenKg, h => h.FrozenKg - quantityKg), cancellationToken);
            if (released != 1)
            {
                return Refuse(409, RegistryProblems.InsufficientFrozenQuantity, string.Create(
                    CultureInfo.InvariantCulture, $"Less than {quantityKg} kg of {instrumentCode} is frozen."));
            }

            return await HoldingAsync(traderId, instrumentCode, cancellationToken);
        }, cancellationToken);

    /// <summary>A trader's positions, per instrument: free, frozen, pledged and waiting for acceptance, in kg.</summary>
    /// <param name="traderId">The trader's user id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<HoldingView>> HoldingsAsync(string traderId, CancellationToken cancellationToken)
    {
        var holdings = await db.Holdings.AsNoTracking().Where(h => h.OwnerId == traderId).ToListAsync(cancellationToken);
        var pending = await db.Receipts.AsNoTracking()
            .Where(r => r.OwnerId == traderId && r.Status == ReceiptStatus.PendingAcceptance)
            .GroupBy(r => r.InstrumentCode)
            .Select(g => new { Instrument = g.Key, Kg = g.Sum(r => r.QuantityKg) })
            .ToDictionaryAsync(g => g.Instrument, g => g.Kg, cancellationToken);
        return holdings.Select(h => h.InstrumentCode).Union(pending.Keys).Order(StringComparer.Ordinal)
            .Select(instrument =>
            {
                var holding = holdings.FirstOrDefault(h => h.InstrumentCode == instrument);
                return new HoldingView(
                    instrument,
                    holding is null ? 0 : holding.AvailableKg - holding.FrozenKg,
                    holding?.FrozenKg ?? 0,
                    holding?.PledgedKg ?? 0,
                    pending.GetValueOrDefault(instrument));
            })
            .Where(h => h.TotalKg + h.PendingAcceptanceKg > 0)
            .ToList();
    }

    /// <summary>A receipt, or <see langword="null"/>.</summary>
    /// <param name="number">The receipt number.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<ReceiptView?> ReceiptAsync(string number, CancellationToken cancellationToken)
        => await db.Receipts.AsNoTracking().FirstOrDefaultAsync(r => r.Number == number, cancellationToken) is { } receipt ? ReceiptView.Of(receipt) : null;

    /// <summary>A trader's receipts in first-in-first-out order per instrument; closed ones (split, merged, cancelled) only when asked. Receipts delivered to a buyer are the buyer's.</summary>
    /// <param name="ownerId">The owner's user id.</param>
    /// <param name="includeClosed">Whether to include split, merged and cancelled receipts.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<ReceiptView>> ReceiptsOfAsync(string ownerId, bool includeClosed, CancellationToken cancellationToken)
    {
        var query = db.Receipts.AsNoTracking().Where(r => r.OwnerId == ownerId);
        if (!includeClosed)
        {
            query = query.Where(r => r.Status == ReceiptStatus.Active || r.Status == ReceiptStatus.Pledged || r.Status == ReceiptStatus.PendingAcceptance);
        }

        return (await query.OrderBy(r => r.InstrumentCode).ThenBy(r => r.AcquiredSequence).ThenBy(r => r.Number).ToListAsync(cancellationToken))
            .Select(ReceiptView.Of).ToList();
    }

    /// <summary>
    /// Checks every holding against the receipts: available = active receipts, pledged = pledged receipts, and
    /// 0 &lt;= frozen &lt;= available. Empty when the registry is consistent (the trading ledger check calls it).
    /// </summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<HoldingDiscrepancy>> AuditHoldingsAsync(CancellationToken cancellationToken)
    {
        var holdings = await db.Holdings.AsNoTracking().ToListAsync(cancellationToken);
        var sums = await db.Receipts.AsNoTracking()
            .Where(r => r.Status == ReceiptStatus.Active || r.Status == ReceiptStatus.Pledged)
            .GroupBy(r => new { r.OwnerId, r.InstrumentCode, r.Status })
            .Select(g => new { g.Key.OwnerId, g.Key.InstrumentCode, g.Key.Status, Kg = g.Sum(r => r.QuantityKg) })
            .ToListAsync(cancellationToken);
        long Sum(string owner, string instrument, ReceiptStatus status)
            => sums.Where(s => s.OwnerId == owner && s.InstrumentCode == instrument && s.Status == status).Sum(s => s.Kg);

        var problems = new List<HoldingDiscrepancy>();
        foreach (var h in holdings)
        {
            var (active, pledged) = (Sum(h.OwnerId, h.InstrumentCode, ReceiptStatus.Active), Sum(h.OwnerId, h.InstrumentCode, ReceiptStatus.Pledged));
            if (h.AvailableKg != active)
            {
                problems.Add(new(h.OwnerId, h.InstrumentCode, string.Create(CultureInfo.InvariantCulture, $"available {h.AvailableKg} kg, active receipts {active} kg")));
            }

            if (h.PledgedKg != pledged)
            {
                problems.Add(new(h.OwnerId, h.InstrumentCode, string.Create(CultureInfo.InvariantCulture, $"pledged {h.PledgedKg} kg, pledged receipts {pledged} kg")));
            }

            if (h.FrozenKg < 0 || h.FrozenKg > h.AvailableKg)
            {
                problems.Add(new(h.OwnerId, h.InstrumentCode, string.Create(CultureInfo.InvariantCulture, $"frozen {h.FrozenKg} kg of {h.AvailableKg} kg available")));
            }
        }

        foreach (var orphan in sums.Where(s => !holdings.Any(h => h.OwnerId == s.OwnerId && h.InstrumentCode == s.InstrumentCode)))
        {
            problems.Add(new(orphan.OwnerId, orphan.InstrumentCode, string.Create(CultureInfo.InvariantCulture, $"{orphan.Kg} kg of {orphan.Status} receipts and no holding")));
        }

        return problems;
    }

    private async Task<bool> TakeAsync(string ownerId, string instrument, long kg, TransferSource source, CancellationToken cancellationToken)
        => source == TransferSource.Free
            ? await TakeFreeAsync(ownerId, instrument, kg, cancellationToken)
            : await db.Holdings.Where(h => h.OwnerId == ownerId && h.InstrumentCode == instrument && h.FrozenKg >= kg && h.AvailableKg >= kg)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.AvailableKg, h => h.AvailableKg - kg).SetProperty(h => h.FrozenKg, h => h.FrozenKg - kg), cancellationToken) == 1;

    /// <summary>
    /// The seller's active receipts to deliver, oldest first (tracked): whole ones while they fit, then the one to
    /// split, if any. Read after the seller's holding is locked, so the queue cannot change meanwhile.
    /// </summary>
    private async Task<(List<WarehouseReceipt> Whole, WarehouseReceipt? Partial)> TakeFirstInFirstOutAsync(string sellerId, string instrument, long kg, CancellationToken cancellationToken)
    {
        var whole = new List<WarehouseReceipt>();
        var remaining = kg;
        await foreach (var receipt in db.Receipts
                           .Where(r => r.OwnerId == sellerId && r.InstrumentCode == instrument && r.Status == ReceiptStatus.Active)
                           .OrderBy(r => r.AcquiredSequence).ThenBy(r => r.Number)
                           .AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (receipt.QuantityKg <= remaining)
            {
                whole.Add(receipt);
                remaining -= receipt.QuantityKg;
                if (remaining == 0)
                {
                    return (whole, null);
                }
            }
            else
            {
                return (whole, receipt);
            }
        }

        throw new InvalidOperationException(string.Create(
            CultureInfo.InvariantCulture, $"The holding of {sellerId} in {instrument} exceeds their active receipts by {remaining} kg."));
    }

    /// <summary>
    /// The buyer's active receipt of each lot, the earliest in their queue when they hold several: one read, on the
    /// lot index, of the receipts that could match (then matched exactly here), tracked so that joining closes them.
    /// </summary>
    private async Task<Dictionary<ReceiptLot, WarehouseReceipt>> ActiveReceiptsOfLotsAsync(string ownerId, string instrument, IReadOnlyList<ReceiptLot> lots, CancellationToken cancellationToken)
    {
        var grades = lots.Select(l => l.GradeId).Distinct().ToList();
        var warehouses = lots.Select(l => l.WarehouseCode).Distinct(StringComparer.Ordinal).ToList();
        var dates = lots.Select(l => l.ProductionDate).Distinct().ToList();
        var certificates = lots.Select(l => l.InspectionCertificate).Distinct(StringComparer.Ordinal).ToList();
        var candidates = await db.Receipts
            .Where(r => r.OwnerId == ownerId && r.InstrumentCode == instrument && r.Status == ReceiptStatus.Active
                        && grades.Contains(r.GradeId) && warehouses.Contains(r.WarehouseCode) && dates.Contains(r.ProductionDate)
                        && certificates.Contains(r.InspectionCertificate))
            .OrderBy(r => r.AcquiredSequence).ThenBy(r => r.Number)
            .ToListAsync(cancellationToken);
        var held = new Dictionary<ReceiptLot, WarehouseReceipt>();
        foreach (var receipt in candidates)
        {
            var lot = LotOf(receipt);
            if (lots.Contains(lot))
            {
                held.TryAdd(lot, receipt);
            }
        }

        return held;
    }

    /// <summary>
    /// One new receipt for the sum of receipts of one lot, all the buyer's by now, in the first one's place; the sources
    /// are closed as merged. The caller touches the buyer's own receipt (the delivered ones are touched or new) and sets
    /// the new one's queue place.
    /// </summary>
    private static WarehouseReceipt Join(List<WarehouseReceipt> sources, string number, DateTimeOffset at)
    {
        var receipt = Derive(sources[0], number, sources.Sum(r => r.QuantityKg), 0, at);
        receipt.SourceNumbers = string.Join(',', sources.Select(r => r.Number));
        foreach (var source in sources)
        {
            source.Status = ReceiptStatus.Merged;
        }

        return receipt;
    }

    private static ReceiptLot LotOf(WarehouseReceipt r) => new(r.GradeId, r.WarehouseCode, r.ProductionDate, r.InspectionCertificate);

    private async Task<HoldingView> HoldingAsync(string traderId, string instrument, CancellationToken cancellationToken)
        => (await HoldingsAsync(traderId, cancellationToken)).FirstOrDefault(h => h.Instrument == instrument) ?? new HoldingView(instrument, 0, 0, 0, 0);

    private static RegistryResult<TransferView> Replay(ReceiptTransfer earlier, ReceiptTransfer request)
        => earlier.SellerId == request.SellerId && earlier.BuyerId == request.BuyerId && earlier.InstrumentCode == request.InstrumentCode
           && earlier.QuantityKg == request.QuantityKg && earlier.Source == request.Source
            ? TransferView.Of(earlier, replayed: true)
            : Refuse(409, RegistryProblems.TradeRefReused, $"Trade {earlier.TradeRef} was already delivered with other parameters.", "tradeRef");

    /// <summary>What makes receipts of one instrument the same goods: grade, warehouse, production date and inspection certificate.</summary>
    private readonly record struct ReceiptLot(int GradeId, string WarehouseCode, DateOnly ProductionDate, string InspectionCertificate);
}
