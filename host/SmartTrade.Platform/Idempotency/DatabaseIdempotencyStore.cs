using Microsoft.EntityFrameworkCore;
using SmartTrade.Platform.Data;

namespace SmartTrade.Platform.Idempotency;

/// <summary>Keeps idempotency records in the platform database; the primary key makes a claim atomic.</summary>
internal sealed class DatabaseIdempotencyStore(PlatformDbContext db, TimeProvider time) : IIdempotencyStore
{
    public async Task<IdempotencyRecord?> TryBeginAsync(IdempotencyRecord claim, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var existing = await db.IdempotencyRecords.AsNoTracking()
                .FirstOrDefaultAsync(r => r.Scope == claim.Scope && r.Key == claim.Key, cancellationToken);
            if (existing is not null && existing.ExpiresAt > now)
            {
                return existing;
            }

            if (existing is not null)
            {
                // Expired, or an abandoned in-progress claim whose lock lapsed: take it over.
                await db.IdempotencyRecords.Where(r => r.Scope == claim.Scope && r.Key == claim.Key && r.ExpiresAt <= now)
                    .ExecuteDeleteAsync(cancellationToken);
            }

            db.IdempotencyRecords.Add(claim);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                db.Entry(claim).State = EntityState.Detached;
                return null;
            }
            catch (DbUpdateException)
            {
                // Another request claimed the key between the read and the insert: read what it stored.
                db.Entry(claim).State = EntityState.Detached;
            }
        }

        throw new InvalidOperationException("Could not claim the idempotency key.");
    }

    public async Task CompleteAsync(IdempotencyRecord completed, CancellationToken cancellationToken)
    {
        await db.IdempotencyRecords.Where(r => r.Scope == completed.Scope && r.Key == completed.Key)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Completed, true)
                .SetProperty(r => r.StatusCode, completed.StatusCode)
                .SetProperty(r => r.ContentType, completed.ContentType)
                .SetProperty(r => r.Location, completed.Location)
                .SetProperty(r => r.Body, completed.Body)
                .SetProperty(r => r.ExpiresAt, completed.ExpiresAt), cancellationToken);
    }

    public async Task AbandonAsync(string scope, string key, CancellationToken cancellationToken)
        => await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key).ExecuteDeleteAsync(cancellationToken);
}
