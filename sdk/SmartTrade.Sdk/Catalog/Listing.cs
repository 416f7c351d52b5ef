using System.Collections.ObjectModel;
using System.Text.Json.Serialization;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Sdk.Catalog;

/// <summary>Where a listing is in its life: only <see cref="Active"/> listings are shown to buyers and can be ordered.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ListingStatus>))]
public enum ListingStatus
{
    /// <summary>Being prepared by the merchant; not visible to buyers.</summary>
    Draft,

    /// <summary>Visible, searchable and orderable while stock lasts.</summary>
    Active,

    /// <summary>Hidden by the market operator or the merchant, for example after a complaint; not orderable.</summary>
    Suspended,

    /// <summary>Visible but not orderable because its stock ran out; it becomes <see cref="Active"/> again when restocked.</summary>
    SoldOut,
}

/// <summary>
/// Goods a merchant offers in a market: the catalog's unit of record, the document the search indexes and the
/// source of the price and title snapshots kept on order lines.
/// </summary>
/// <remarks>
/// Updates are guarded by <see cref="Version"/> (optimistic concurrency): a write carries the version it read and
/// fails with <c>/problems/precondition-failed</c> when the listing changed meanwhile. Over HTTP the version is the ETag.
/// </remarks>
public sealed record Listing
{
    /// <summary>The listing's identifier.</summary>
    [JsonPropertyName("id")]
    public required Guid Id { get; init; }

    /// <summary>The market the listing belongs to (<see cref="Markets.MarketDescriptor.Id"/>), e.g. <c>appliances</c>.</summary>
    [JsonPropertyName("marketId")]
    public required string MarketId { get; init; }

    /// <summary>The merchant account that owns the listing; only it (and administrators) may change it.</summary>
    [JsonPropertyName("merchantId")]
    public required string MerchantId { get; init; }

    /// <summary>The title, at least in <c>zh-CN</c>.</summary>
    [JsonPropertyName("title")]
    public required LocalizedText Title { get; init; }

    /// <summary>The longer description, plain text.</summary>
    [JsonPropertyName("description")]
    public LocalizedText? Description { get; init; }

    /// <summary>
    /// The category in the market's tree as codes joined with <c>/</c>, e.g. <c>kitchen/kettle</c>
    /// (see <see cref="Markets.CategoryDefinition.Code"/>).
    /// </summary>
    [JsonPropertyName("categoryPath")]
    public required string CategoryPath { get; init; }

    /// <summary>The price of one <see cref="Unit"/>, in the market's currency.</summary>
    [JsonPropertyName("price")]
    public required Money Price { get; init; }

    /// <summary>The unit the price and stock are counted in, one of the market's <see cref="Markets.SaleUnit.Code"/> values (e.g. <c>piece</c>, <c>kg</c>).</summary>
    [JsonPropertyName("unit")]
    public required string Unit { get; init; }

    /// <summary>
    /// The number of units available to order, after open reservations of unpaid orders have been taken off.
    /// Never negative.
    /// </summary>
    [JsonPropertyName("stock")]
    public long Stock { get; init; }

    /// <summary>Typed attribute values keyed by <see cref="Markets.AttributeDefinition.Key"/>, validated against the market's schema.</summary>
    [JsonPropertyName("attributes")]
    public IReadOnlyDictionary<string, AttributeValue> Attributes { get; init; } = ReadOnlyDictionary<string, AttributeValue>.Empty;

    /// <summary>Images in display order; the first is the main image.</summary>
    [JsonPropertyName("images")]
    public IReadOnlyList<ListingImage> Images { get; init; } = [];

    /// <summary>The listing's status.</summary>
    [JsonPropertyName("status")]
    public ListingStatus Status { get; init; } = ListingStatus.Draft;

    /// <summary>The concurrency version: 1 when created, incremented by every change.</summary>
    [JsonPropertyName("version")]
    public long Version { get; init; }

    /// <summary>When the listing was created.</summary>
    [JsonPropertyName("createdAt")]
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the listing last changed.</summary>
    [JsonPropertyName("updatedAt")]
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether a buyer can order the listing now: it is <see cref="ListingStatus.Active"/> and has stock.</summary>
    [JsonIgnore]
    public bool IsOrderable => Status == ListingStatus.Active && Stock > 0;
}

/// <summary>An image of a listing.</summary>
public sealed record ListingImage
{
    /// <summary>The image's identifier.</summary>
    [JsonPropertyName("id")]
    public required Guid Id { get; init; }

    /// <summary>Where the image is served: an absolute URL, or a path on the host such as <c>/media/listings/…</c>.</summary>
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    /// <summary>The media type, e.g. <c>image/jpeg</c>, <c>image/png</c> or <c>image/webp</c>.</summary>
    [JsonPropertyName("contentType")]
    public required string ContentType { get; init; }

    /// <summary>The width in pixels, when known.</summary>
    [JsonPropertyName("width")]
    public int? Width { get; init; }

    /// <summary>The height in pixels, when known.</summary>
    [JsonPropertyName("height")]
    public int? Height { get; init; }

    /// <summary>Alternative text for screen readers.</summary>
    [JsonPropertyName("alt")]
    public LocalizedText? Alt { get; init; }
}
