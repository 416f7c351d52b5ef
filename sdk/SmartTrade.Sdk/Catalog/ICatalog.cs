using System.Text.Json.Serialization;

namespace SmartTrade.Sdk.Catalog;

/// <summary>
/// Read access to the catalog for plugins. The host implements it and exposes it to every plugin's service
/// provider. Listings are written through the host's catalog API, which validates them against their market's schema.
/// </summary>
/// <remarks>Members added in later minor versions of the SDK come with default implementations.</remarks>
public interface ICatalog
{
    /// <summary>Gets a listing in any status, or <see langword="null"/> when there is none with this id.</summary>
    /// <param name="id">The listing's identifier.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<Listing?> GetAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists a merchant's listings, newest first, one page at a time. Pass <see cref="ListingPage.NextCursor"/>
    /// back as <see cref="MerchantListingsQuery.Cursor"/> to read the next page.
    /// </summary>
    /// <param name="query">Whose listings, which ones, and which page.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<ListingPage> ListByMerchantAsync(MerchantListingsQuery query, CancellationToken cancellationToken = default);
}

/// <summary>Which of a merchant's listings to read, and which page.</summary>
public sealed record MerchantListingsQuery
{
    /// <summary>The page size used when none is given.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest page size served; larger requests are reduced to it.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The merchant whose listings to read.</summary>
    [JsonPropertyName("merchantId")]
    public required string MerchantId { get; init; }

    /// <summary>Only listings of this market; all markets when <see langword="null"/>.</summary>
    [JsonPropertyName("marketId")]
    public string? MarketId { get; init; }

    /// <summary>Only listings in this status; all statuses when <see langword="null"/>.</summary>
    [JsonPropertyName("status")]
    public ListingStatus? Status { get; init; }

    /// <summary>The opaque cursor of the page to read, from <see cref="ListingPage.NextCursor"/>; the first page when <see langword="null"/>.</summary>
    [JsonPropertyName("cursor")]
    public string? Cursor { get; init; }

    /// <summary>How many listings a page holds (default 20, at most 100).</summary>
    [JsonPropertyName("pageSize")]
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The page size actually served: <see cref="PageSize"/> limited to 1..<see cref="MaxPageSize"/>.</summary>
    [JsonIgnore]
    public int EffectivePageSize => Math.Clamp(PageSize, 1, MaxPageSize);
}

/// <summary>One page of listings.</summary>
public sealed record ListingPage
{
    /// <summary>The listings on this page.</summary>
    [JsonPropertyName("items")]
    public IReadOnlyList<Listing> Items { get; init; } = [];

    /// <summary>The cursor of the next page, or <see langword="null"/> on the last page.</summary>
    [JsonPropertyName("nextCursor")]
    public string? NextCursor { get; init; }

    /// <summary>How many listings match in all pages, when the implementation counts them.</summary>
    [JsonPropertyName("total")]
    public long? Total { get; init; }
}
