using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Outbox;
using SmartTrade.Sdk.Catalog;

namespace SmartTrade.Platform.Catalog;

/// <summary>
/// Stock and withdrawal of listings for market plugins (<see cref="IListingStock"/>): conditional updates like the
/// checkout's reservation, so a plugin's change and concurrent orders never take the stock below zero.
/// </summary>
internal sealed class ListingStock(PlatformDbContext db, OutboxProcessor outbox, TimeProvider time) : IListingStock
{
    public async Task<Listing?> AddStockAsync(Guid listingId, long units, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var changed = await db.Set<ListingEntity>()
                .Where(l => l.Id == listingId && l.Stock + units >= 0)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.Stock, l => l.Stock + units)
                    .SetProperty(l => l.Status, l =>
                        l.Status == ListingStatus.Active && l.Stock + units == 0 ? ListingStatus.SoldOut
                        : l.Status == ListingStatus.SoldOut && l.Stock + units > 0 ? ListingStatus.Active
                        : l.Status)
                    .SetProperty(l => l.Version, l => l.Version + 1)
                    .SetProperty(l => l.UpdatedAt, now), cancellationToken);
            if (changed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return null;
            }

            return await CommitAsync(listingId, ListingChangeKind.Updated, now, transaction, cancellationToken);
        });
    }

    public async Task<Listing?> WithdrawAsync(Guid listingId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var changed = await db.Set<ListingEntity>()
                .Where(l => l.Id == listingId && (l.Status == ListingStatus.Active || l.Status == ListingStatus.SoldOut))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(l => l.Status, ListingStatus.Suspended)
                    .SetProperty(l => l.Version, l => l.Version + 1)
                    .SetProperty(l => l.UpdatedAt, now), cancellationToken);
            if (changed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return (await db.Set<ListingEntity>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == listingId, cancellationToken))?.ToListing();
            }

            return await CommitAsync(listingId, ListingChangeKind.StatusChanged, now, transaction, cancellationToken);
        });
    }

    private async Task<Listing?> CommitAsync(Guid listingId, ListingChangeKind kind, DateTimeOffset now, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        var listing = await db.Set<ListingEntity>().AsNoTracking().FirstAsync(l => l.Id == listingId, cancellationToken);
        db.Enqueue(ListingEndpoints.ListingChangedType, listing.Changed(kind, now), now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        return listing.ToListing();
    }
}
