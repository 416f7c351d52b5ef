using SmartTrade.Sdk.Catalog;

namespace SmartTrade.Sdk.Search;

/// <summary>
/// The catalog search engine: Lucene.NET on local disk by default, Elasticsearch when configured. The host
/// implements it and exposes it to plugins; the host's indexer keeps it in step with <see cref="ListingChanged"/>.
/// </summary>
/// <remarks>Members added in later minor versions of the SDK come with default implementations.</remarks>
public interface ICatalogSearch
{
    /// <summary>Runs a search.</summary>
    /// <param name="query">What to find, filter, count and return.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    Task<SearchResult> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds or replaces listings in the index. A listing whose <see cref="Listing.Version"/> is older than the one
    /// indexed is ignored, so replays are harmless. Listings not searchable by status are removed instead.
    /// </summary>
    /// <param name="listings">The listings to index.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task IndexAsync(IReadOnlyList<Listing> listings, CancellationToken cancellationToken = default);

    /// <summary>Removes listings from the index; unknown ids are ignored.</summary>
    /// <param name="listingIds">The listings to remove.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task DeleteAsync(IReadOnlyList<Guid> listingIds, CancellationToken cancellationToken = default);
}
