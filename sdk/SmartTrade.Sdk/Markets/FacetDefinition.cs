using System.Text.Json.Serialization;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Sdk.Markets;

/// <summary>How a facet groups listings.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FacetKind>))]
public enum FacetKind
{
    /// <summary>One bucket per distinct value (brand, category, certification).</summary>
    Terms,

    /// <summary>Buckets of integer ranges given by <see cref="FacetDefinition.Ranges"/> (price, power).</summary>
    Range,
}

/// <summary>A facet the search offers for a market.</summary>
public sealed record FacetDefinition
{
    /// <summary>
    /// The field the facet counts: an attribute key of the market, or one of the built-in fields
    /// <see cref="BuiltInFields.Category"/>, <see cref="BuiltInFields.Price"/>, <see cref="BuiltInFields.Merchant"/>.
    /// </summary>
    [JsonPropertyName("field")]
    public required string Field { get; init; }

    /// <summary>Display names.</summary>
    [JsonPropertyName("names")]
    public required LocalizedText Names { get; init; }

    /// <summary>Terms or ranges.</summary>
    [JsonPropertyName("kind")]
    public FacetKind Kind { get; init; } = FacetKind.Terms;

    /// <summary>The buckets of a <see cref="FacetKind.Range"/> facet, in display order.</summary>
    [JsonPropertyName("ranges")]
    public IReadOnlyList<FacetRange> Ranges { get; init; } = [];

    /// <summary>How many term buckets to return at most (default 20).</summary>
    [JsonPropertyName("size")]
    public int Size { get; init; } = 20;
}

/// <summary>A bucket of a range facet: values from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive).</summary>
/// <param name="Key">The bucket's key, used in filters (e.g. <c>1000-2000</c>).</param>
/// <param name="From">The lower bound, inclusive; <see langword="null"/> for no lower bound.</param>
/// <param name="To">The upper bound, exclusive; <see langword="null"/> for no upper bound.</param>
/// <param name="Names">Display names.</param>
public sealed record FacetRange(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("from")] long? From,
    [property: JsonPropertyName("to")] long? To,
    [property: JsonPropertyName("names")] LocalizedText Names);

/// <summary>Fields every listing has, usable in facets, filters and sorting beside the market's attributes.</summary>
public static class BuiltInFields
{
    /// <summary>The listing's category path.</summary>
    public const string Category = "category";

    /// <summary>The listing's unit price in minor units.</summary>
    public const string Price = "price";

    /// <summary>The merchant who owns the listing.</summary>
    public const string Merchant = "merchant";

    /// <summary>The market the listing belongs to.</summary>
    public const string Market = "market";
}
