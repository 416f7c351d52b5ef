namespace SmartTrade.Sdk.Scaling;

/// <summary>
/// A cache shared by every host of the deployment, for data read far more often than it changes (listings shown on
/// pages, published index values). In-process on a single host; with Redis each host keeps a local copy in front of
/// Redis, and an invalidation on any host reaches every host. The data's owner invalidates after its change has
/// committed; entries also expire after their time to live.
/// </summary>
/// <remarks>
/// Entries live in regions (<c>catalog.listing</c>, <c>price-index.series</c>): a region's entries can be dropped
/// together. Values cross hosts as JSON (<c>System.Text.Json</c>, web defaults), so the type must round-trip through
/// it, and what the cache hands out may be shared between requests: treat it as immutable. When Redis cannot be
/// reached, reads go straight to <c>create</c> (nothing is cached) and invalidations are remembered and sent once it
/// is back, so the cache never serves what it cannot vouch for.
/// </remarks>
public interface ISharedCache
{
    /// <summary>The cached value of <paramref name="key"/> in <paramref name="region"/>, created (and cached) when missing.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="region">The region.</param>
    /// <param name="key">The key within the region.</param>
    /// <param name="create">Reads the value from its source.</param>
    /// <param name="timeToLive">How long the value may be served without an invalidation.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<T> GetOrCreateAsync<T>(string region, string key, Func<CancellationToken, Task<T>> create, TimeSpan timeToLive, CancellationToken cancellationToken = default);

    /// <summary>Drops one entry on every host.</summary>
    /// <param name="region">The region.</param>
    /// <param name="key">The key within the region.</param>
    /// <param name="cancellationToken">Cancels the wait (the invalidation still happens).</param>
    Task InvalidateAsync(string region, string key, CancellationToken cancellationToken = default);

    /// <summary>Drops every entry of a region on every host.</summary>
    /// <param name="region">The region.</param>
    /// <param name="cancellationToken">Cancels the wait (the invalidation still happens).</param>
    Task InvalidateRegionAsync(string region, CancellationToken cancellationToken = default);
}
