using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmartTrade.Platform.Data;
using SmartTrade.Platform.Outbox;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Scaling;
using SmartTrade.Sdk.Search;

namespace SmartTrade.Platform.Catalog;

/// <summary>The catalog as plugins read it (<see cref="ICatalog"/>).</summary>
/// <remarks>A listing by id comes through the shared cache (<see cref="ListingCache"/>), invalidated on every host when a change to it commits.</remarks>
internal sealed class CatalogReader(PlatformDbContext db, ISharedCache cache) : ICatalog
{
    public Task<Listing?> GetAsync(Guid id, CancellationToken cancellationToken = default)
        => cache.GetOrCreateAsync(
            ListingCache.Region,
            id.ToString("N"),
            async token => (await db.Set<ListingEntity>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, token))?.ToListing(),
            ListingCache.TimeToLive,
            cancellationToken);

    public async Task<ListingPage> ListByMerchantAsync(MerchantListingsQuery query, CancellationToken cancellationToken = default)
    {
        var listings = db.Set<ListingEntity>().AsNoTracking().Where(l => l.MerchantId == query.MerchantId);
        if (query.MarketId is not null)
        {
            listings = listings.Where(l => l.MarketId == query.MarketId);
        }

        if (query.Status is { } status)
        {
            listings = listings.Where(l => l.Status == status);
        }

        // The cursor is the last listing id seen: ids are version-7 GUIDs, so id order is creation order.
        if (query.Cursor is { Length: > 0 } cursor)
        {
            if (!Guid.TryParse(cursor, out var after))
            {
                throw new ArgumentException("The cursor is not valid.", nameof(query));
            }

            listings = listings.Where(l => l.Id.CompareTo(after) > 0);
        }

        var size = query.EffectivePageSize;
        var page = await listings.OrderBy(l => l.Id).Take(size + 1).ToListAsync(cancellationToken);
        return new ListingPage
        {
            Items = page.Take(size).Select(l => l.ToListing()).ToList(),
            NextCursor = page.Count > size ? page[size - 1].Id.ToString() : null,
        };
    }
}

/// <summary>
/// After listing changes commit: brings the search index up to date with each listing a drained batch names, once per
/// batch however many messages name it, reading the listings as they are now (so repeats and reordering stay harmless,
/// and an older state can never overwrite a newer one): one index call for the listings that exist, one delete for
/// those that are gone. The index decides what actually has to be written (see <see cref="ICatalogSearch.IndexAsync"/>).
/// </summary>
internal sealed class ListingSearchIndexer : IOutboxBatchHandler
{
    public string Type => ListingEndpoints.ListingChangedType;

    public async Task HandleBatchAsync(IReadOnlyList<OutboxMessage> messages, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<ICatalogSearch>() is not { } search)
        {
            return;
        }

        var ids = messages
            .Select(m => JsonSerializer.Deserialize<ListingChanged>(m.Payload, JsonSerializerOptions.Web)!.ListingId)
            .Distinct()
            .ToList();
        var db = services.GetRequiredService<PlatformDbContext>();
        var current = await db.Set<ListingEntity>().AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync(cancellationToken);
        if (current.Count > 0)
        {
            await search.IndexAsync(current.Select(l => l.ToListing()).ToList(), cancellationToken);
        }

        if (current.Count < ids.Count)
        {
            var found = current.Select(l => l.Id).ToHashSet();
            await search.DeleteAsync(ids.Where(id => !found.Contains(id)).ToList(), cancellationToken);
        }
    }
}

/// <summary>After a listing change commits (and <see cref="ListingSearchIndexer"/> has indexed it): tell MediatR, plugins included.</summary>
internal sealed class ListingChangedOutboxHandler : IOutboxHandler
{
    public string Type => ListingEndpoints.ListingChangedType;

    public async Task HandleAsync(OutboxMessage message, IServiceProvider services, CancellationToken cancellationToken)
    {
        var changed = JsonSerializer.Deserialize<ListingChanged>(message.Payload, JsonSerializerOptions.Web)!;
        await services.GetRequiredService<IMediator>().Publish(changed, cancellationToken);
    }
}
