using System.Text.Json.Serialization;

namespace SmartTrade.Sdk.Search;

/// <summary>One page of search hits with facet counts.</summary>
public sealed record SearchResult
{
    /// <summary>The hits on this page, in the requested order.</summary>
    [JsonPropertyName("hits")]
    public IReadOnlyList<SearchHit> Hits { get; init; } = [];

    /// <summary>How many listings match in all pages.</summary>
    [JsonPropertyName("total")]
    public long Total { get; init; }

    /// <summary>
    /// Whether <see cref="Total"/> is an exact count (<see langword="true"/>, the default) or a lower bound,
    /// as distributed engines report beyond a threshold.
    /// </summary>
    [JsonPropertyName("totalIsExact")]
    public bool TotalIsExact { get; init; } = true;

    /// <summary>The counts for each requested facet, in the order requested.</summary>
    [JsonPropertyName("facets")]
    public IReadOnlyList<FacetResult> Facets { get; init; } = [];

    /// <summary>The cursor of the next page, or <see langword="null"/> on the last page.</summary>
    [JsonPropertyName("nextCursor")]
    public string? NextCursor { get; init; }

    /// <summary>How long the engine took to answer.</summary>
    [JsonPropertyName("elapsed")]
    public TimeSpan Elapsed { get; init; }
}

/// <summary>A listing found by a search, with what a result list shows.</summary>
public sealed record SearchHit
{
    /// <summary>The listing found.</summary>
    [JsonPropertyName("listingId")]
    public required Guid ListingId { get; init; }

    /// <summary>The listing's market.</summary>
    [JsonPropertyName("marketId")]
    public required string MarketId { get; init; }

    /// <summary>The listing's merchant.</summary>
    [JsonPropertyName("merchantId")]
    public required string MerchantId { get; init; }

    /// <summary>The title in the requested culture (<see cref="SearchQuery.Culture"/>), plain text.</summary>
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    /// <summary>
    /// A short passage of the title or description around the matched words, in the requested culture, with each
    /// match wrapped in <c>&lt;em&gt;</c> and <c>&lt;/em&gt;</c>. Everything else in the snippet is HTML-escaped, so it
    /// can be inserted as HTML as is; to show plain text, remove the two markers and unescape.
    /// <see langword="null"/> when there was no text to match.
    /// </summary>
    [JsonPropertyName("snippet")]
    public string? Snippet { get; init; }

    /// <summary>The listing's price per <see cref="Unit"/>.</summary>
    [JsonPropertyName("price")]
    public required Money Price { get; init; }

    /// <summary>The unit the price is for.</summary>
    [JsonPropertyName("unit")]
    public required string Unit { get; init; }

    /// <summary>The listing's category path.</summary>
    [JsonPropertyName("categoryPath")]
    public string? CategoryPath { get; init; }

    /// <summary>The URL of the listing's main image, when it has one.</summary>
    [JsonPropertyName("imageUrl")]
    public string? ImageUrl { get; init; }

    /// <summary>
    /// The hit's 1-based position in the whole result for this query and order (the first hit of page two with
    /// 20 per page has rank 21). Engines' relevance scores are not exposed.
    /// </summary>
    [JsonPropertyName("rank")]
    public long Rank { get; init; }
}

/// <summary>The counts of one facet.</summary>
public sealed record FacetResult
{
    /// <summary>The field counted, as requested in <see cref="SearchQuery.Facets"/>.</summary>
    [JsonPropertyName("field")]
    public required string Field { get; init; }

    /// <summary>The buckets: by count, largest first, for terms; in the market's order for ranges.</summary>
    [JsonPropertyName("buckets")]
    public IReadOnlyList<FacetBucket> Buckets { get; init; } = [];
}

/// <summary>
/// A value of a facet and how many matching listings have it. Counts take every filter into account except
/// filters on the facet's own field, so a buyer sees the alternatives to what is selected.
/// </summary>
public sealed record FacetBucket
{
    /// <summary>The value: a term, or a <see cref="Markets.FacetRange.Key"/>; usable in a filter on the facet's field.</summary>
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    /// <summary>The display name in the requested culture, when the schema names the value.</summary>
    [JsonPropertyName("label")]
    public string? Label { get; init; }

    /// <summary>How many matching listings fall in the bucket.</summary>
    [JsonPropertyName("count")]
    public long Count { get; init; }
}
