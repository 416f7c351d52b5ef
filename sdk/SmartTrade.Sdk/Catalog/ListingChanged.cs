using System.Text.Json.Serialization;
using MediatR;

namespace SmartTrade.Sdk.Catalog;

/// <summary>What happened to a listing.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ListingChangeKind>))]
public enum ListingChangeKind
{
    /// <summary>The listing was created.</summary>
    Created,

    /// <summary>Content, price, stock, attributes or images changed.</summary>
    Updated,

    /// <summary>The <see cref="Listing.Status"/> changed (and maybe other fields with it).</summary>
    StatusChanged,

    /// <summary>The listing was deleted.</summary>
    Deleted,
}

/// <summary>
/// Published (as a MediatR notification, after the change is committed) whenever a listing changes. The search
/// indexer and plugins that cache listings handle it. Delivery is at least once: a handler may see the same
/// change again and should compare <see cref="Version"/>.
/// </summary>
public sealed record ListingChanged : INotification
{
    /// <summary>The listing that changed.</summary>
    [JsonPropertyName("listingId")]
    public required Guid ListingId { get; init; }

    /// <summary>The listing's market.</summary>
    [JsonPropertyName("marketId")]
    public required string MarketId { get; init; }

    /// <summary>The listing's merchant.</summary>
    [JsonPropertyName("merchantId")]
    public string? MerchantId { get; init; }

    /// <summary>What happened.</summary>
    [JsonPropertyName("changeKind")]
    public required ListingChangeKind ChangeKind { get; init; }

    /// <summary>The listing's <see cref="Listing.Version"/> after the change (the last version for a deletion).</summary>
    [JsonPropertyName("version")]
    public required long Version { get; init; }

    /// <summary>When the change was committed.</summary>
    [JsonPropertyName("occurredAt")]
    public required DateTimeOffset OccurredAt { get; init; }
}
