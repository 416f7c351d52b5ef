using Microsoft.EntityFrameworkCore;

namespace SmartTrade.Plugins.WarehouseReceipts.Registry;

/// <content>Pledge and release, and cancellation for load-out.</content>
public sealed partial class ReceiptRegistry
{
    /// <summary>
    /// The owner pledges a whole active receipt to a lender. Its quantity leaves the owner's free quantity, so it cannot
    /// be sold, and it cannot be pledged again until released; quantity frozen for sell orders cannot be pledged.
    /// </summary>
    /// <param name="traderId">The owner's user id.</param>
    /// <param name="number">The receipt number.</param>
    /// <param name="pledgeeId">The lender's user id.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public Task<RegistryResult<PledgeView>> PledgeAsync(string traderId, string number, string? pledgeeId, CancellationToken cancellationToken)
        => WriteAsync<PledgeView>(async at =>
        {
            if (CheckText(pledgeeId, RegistryLimits.UserIdLength, "pledgeeId") is { } badPledgee)
            {
                return badPledgee;
            }

            var (peek, refusal) = await PeekActiveAsync(traderId, number, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            if (pledgeeId == traderId)
            {
                return Refuse(422, RegistryProblems.SameParty, "A receipt cannot be pledged to its own owner.", "pledgeeId");
            }

            var kg = peek!.QuantityKg;
            var moved = await db.Holdings
                .Where(h => h.OwnerId == traderId && h.InstrumentCode == peek.InstrumentCode && h.AvailableKg - h.FrozenKg >= kg)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.AvailableKg, h => h.AvailableKg - kg).SetProperty(h => h.PledgedKg, h => h.PledgedKg + kg), cancellationToken);
            if (moved != 1)
            {
                return InsufficientFree(peek.InstrumentCode, kg);
            }

            var (receipt, changed) = await ReloadActiveAsync(traderId, number, cancellationToken);
            if (changed is not null)
            {
                return changed;
            }

            var pledge = new Pledge
            {
                Id = Guid.CreateVersion7(at),
                ReceiptNumber = number,
                PledgorId = traderId,
                PledgeeId = pledgeeId!,
                QuantityKg = kg,
                Status = PledgeStatus.Active,
                PledgedAt = at,
            };
            receipt!.Status = ReceiptStatus.Pledged;
            receipt.PledgeId = pledge.Id;
            Touch(receipt, at);
            await AppendAsync(at, RegistryActions.ReceiptPledged, traderId, [number], new
            {
                pledge = pledge.Id,
                pledgee = pledge.PledgeeId,
                receipts = new[] { StateOf(receipt) },
            }, cancellationToken);
            db.Pledges.Add(pledge);
            await db.SaveChangesAsync(cancellationToken);
            return PledgeView.Of(pledge);
        }, cancellationToken);

    /// <summary>The pledgee (or an admin) releases a pledged receipt; it is active again in its owner's hands.</summary>
    /// <param name="actorId">The releasing user's id.</param>
    /// <param name="actorIsAdmin">Whether that user is an admin (who may release any pledge).</param>
    /// <param name="number">The receipt number.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public Task<RegistryResult<PledgeView>> ReleasePledgeAsync(string actorId, bool actorIsAdmin, string number, CancellationToken cancellationToken)
        => WriteAsync<PledgeView>(async at =>
        {
            var peek = await db.Receipts.AsNoTracking().FirstOrDefaultAsync(r => r.Number == number, cancellationToken);
            if (peek is null)
            {
                return ReceiptNotFound(number);
            }

            if (peek.Status != ReceiptStatus.Pledged || peek.PledgeId is not { } pledgeId)
            {
                return Refuse(409, RegistryProblems.ReceiptNotPledged, $"Receipt {number} is {peek.Status}, not pledged.");
            }

            var pledge = await db.Pledges.SingleAsync(p => p.Id == pledgeId, cancellationToken);
            if (pledge.PledgeeId != actorId && !actorIsAdmin)
            {
                return Refuse(403, RegistryProblems.NotPledgee, $"Only the pledgee or an admin releases the pledge of receipt {number}.");
            }

            var kg = peek.QuantityKg;
            var moved = await db.Holdings
                .Where(h => h.OwnerId == peek.OwnerId && h.InstrumentCode == peek.InstrumentCode && h.PledgedKg >= kg)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.AvailableKg, h => h.AvailableKg + kg).SetProperty(h => h.PledgedKg, h => h.PledgedKg - kg), cancellationToken);
            var receipt = await db.Receipts.SingleAsync(r => r.Number == number, cancellationToken);
            if (moved != 1 || receipt.Version != peek.Version)
            {
                // Released or changed by someone else between the first read and the holding's lock: read again.
                throw new DbUpdateConcurrencyException($"Receipt {number} changed while its pledge was released.");
            }

            pledge.Status = PledgeStatus.Released;
            pledge.ReleasedAt = at;
            pledge.ReleasedBy = actorId;
            pledge.Version++;
            receipt.Status = ReceiptStatus.Active;
            receipt.PledgeId = null;
            Touch(receipt, at);
            await AppendAsync(at, RegistryActions.PledgeReleased, actorId, [number], new
            {
                pledge = pledge.Id,
                pledgee = pledge.PledgeeId,
                receipts = new[] { StateOf(receipt) },
            }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return PledgeView.Of(pledge);
        }, cancellationToken);

    /// <summary>
    /// The owner cancels an active receipt to take the goods out of the warehouse. Its quantity leaves the owner's
    /// holdings; quantity frozen for sell orders cannot be cancelled.
    /// </summary>
    /// <param name="traderId">The owner's user id.</param>
    /// <param name="number">The receipt number.</param>
    /// <param name="cancellationToken">Cancels the change.</param>
    public Task<RegistryResult<ReceiptView>> CancelForLoadOutAsync(string traderId, string number, CancellationToken cancellationToken)
        => WriteAsync<ReceiptView>(async at =>
        {
            var (peek, refusal) = await PeekActiveAsync(traderId, number, cancellationToken);
            if (refusal is not null)
            {
                return refusal;
            }

            if (!await TakeFreeAsync(traderId, peek!.InstrumentCode, peek.QuantityKg, cancellationToken))
            {
                return InsufficientFree(peek.InstrumentCode, peek.QuantityKg);
            }

            var (receipt, changed) = await ReloadActiveAsync(traderId, number, cancellationToken);
            if (changed is not null)
            {
                return changed;
            }

            receipt!.Status = ReceiptStatus.Cancelled;
            Touch(receipt, at);
            await AppendAsync(at, RegistryActions.ReceiptCancelled, traderId, [number], new { receipts = new[] { StateOf(receipt) } }, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return ReceiptView.Of(receipt);
        }, cancellationToken);

    /// <summary>The pledges a user made or holds, newest first.</summary>
    /// <param name="userId">The pledgor's or pledgee's user id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<IReadOnlyList<PledgeView>> PledgesOfAsync(string userId, CancellationToken cancellationToken)
        => (await db.Pledges.AsNoTracking().Where(p => p.PledgorId == userId || p.PledgeeId == userId).ToListAsync(cancellationToken))
            .OrderByDescending(p => p.PledgedAt).ThenByDescending(p => p.Id).Select(PledgeView.Of).ToList();

    /// <summary>
    /// Reads a receipt untracked to route the holding's lock: it must exist, be the trader's and be active. The caller
    /// then locks the holding and reads it again with <see cref="ReloadActiveAsync"/>.
    /// </summary>
    private async Task<(WarehouseReceipt? Receipt, RegistryRefusal? Refusal)> PeekActiveAsync(string traderId, string number, CancellationToken cancellationToken)
    {
        var peek = await db.Receipts.AsNoTracking().FirstOrDefaultAsync(r => r.Number == number, cancellationToken);
        if (peek is null)
        {
            return (null, ReceiptNotFound(number));
        }

        if (peek.OwnerId != traderId)
        {
            return (null, NotOwner(number));
        }

        return peek.Status == ReceiptStatus.Active ? (peek, null) : (null, NotActive(peek));
    }

    /// <summary>Reads a receipt tracked, after the holding's lock, and checks it is still the trader's and active.</summary>
    private async Task<(WarehouseReceipt? Receipt, RegistryRefusal? Refusal)> ReloadActiveAsync(string traderId, string number, CancellationToken cancellationToken)
    {
        var receipt = await db.Receipts.SingleAsync(r => r.Number == number, cancellationToken);
        if (receipt.OwnerId != traderId)
        {
            return (null, NotOwner(number));
        }

        return receipt.Status == ReceiptStatus.Active ? (receipt, null) : (null, NotActive(receipt));
    }
}
