using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SmartTrade.Platform.Outbox;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Scaling;

namespace SmartTrade.Platform.Catalog;

/// <summary>The shared cache's region of listings read through <see cref="ICatalog.GetAsync"/> (listing pages, plugins).</summary>
internal static class ListingCache
{
    /// <summary>The region; the key is the listing's id.</summary>
    public const string Region = "catalog.listing";

    /// <summary>How long a listing is served without an invalidation.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromMinutes(5);
}

/// <summary>
/// Invalidates cached listings once a change to them has committed, on every host. Every listing change writes a
/// <c>ListingChanged</c> outbox row in its transaction, so the rows added to a save name the listings it changes; they
/// are invalidated after the save when no transaction is open, else when the transaction commits (never on
/// rollback), so no host can read and cache the old row after the invalidation.
/// </summary>
internal sealed class ListingCacheInvalidation(ISharedCache cache) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, HashSet<Guid>> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            Flush(eventData.Context).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            await Flush(eventData.Context);
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context?.Database.CurrentTransaction is null)
        {
            Discard(eventData.Context);
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
        => Flush(eventData.Context).GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        => Flush(eventData.Context);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Discard(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries<OutboxMessage>())
        {
            if (entry.State == EntityState.Added && entry.Entity.Type == ListingEndpoints.ListingChangedType
                && JsonSerializer.Deserialize<ListingChanged>(entry.Entity.Payload, JsonSerializerOptions.Web) is { } changed)
            {
                var ids = _pending.GetOrCreateValue(context);
                lock (ids)
                {
                    ids.Add(changed.ListingId);
                }
            }
        }
    }

    private async Task Flush(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var ids))
        {
            return;
        }

        Guid[] changed;
        lock (ids)
        {
            changed = [.. ids];
            ids.Clear();
        }

        foreach (var id in changed)
        {
            await cache.InvalidateAsync(ListingCache.Region, id.ToString("N"), CancellationToken.None);
        }
    }

    private void Discard(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var ids))
        {
            lock (ids)
            {
                ids.Clear();
            }
        }
    }
}
