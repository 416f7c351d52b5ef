using System.Text.Json.Serialization;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Sdk.Search;

/// <summary>The order of search hits.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SearchSort>))]
public enum SearchSort
{
    /// <summary>Best match first; newest first when there is no text.</summary>
    Relevance,

    /// <summary>Cheapest first.</summary>
    PriceAscending,

    /// <summary>Most expensive first.</summary>
    PriceDescending,

    /// <summary>Most recently created first.</summary>
    Newest,
}

/// <summary>
/// A catalog search: words, filters, the facets to count, the order and the page. Only
/// <see cref="Catalog.ListingStatus.Active"/> and <see cref="Catalog.ListingStatus.SoldOut"/> listings are found.
/// </summary>
public sealed record SearchQuery
{
    /// <summary>The page size used when none is given.</summary>
    public const int DefaultPageSize = 20;

    /// <summary>The largest page size served; larger requests are reduced to it.</summary>
    public const int MaxPageSize = 100;

    /// <summary>
    /// Words to match in titles, descriptions and searchable attributes, in Chinese or English; every listing
    /// (subject to the filters) when <see langword="null"/> or blank.
    /// </summary>
    [JsonPropertyName("text")]
    public string? Text { get; init; }

    /// <summary>Only listings of this market; all markets when <see langword="null"/>.</summary>
    [JsonPropertyName("marketId")]
    public string? MarketId { get; init; }

    /// <summary>Filters a listing must all pass (AND); the values inside one <see cref="TermsFilter"/> are alternatives (OR).</summary>
    [JsonPropertyName("filters")]
    public IReadOnlyList<SearchFilter> Filters { get; init; } = [];

    /// <summary>
    /// The fields to count facets for: attribute keys of the market or <see cref="Markets.BuiltInFields"/>. A field
    /// with a <see cref="Markets.FacetDefinition"/> in the market uses its kind and ranges; others count terms.
    /// </summary>
    [JsonPropertyName("facets")]
    public IReadOnlyList<string> Facets { get; init; } = [];

    /// <summary>The order of hits.</summary>
    [JsonPropertyName("sort")]
    public SearchSort Sort { get; init; } = SearchSort.Relevance;

    /// <summary>The opaque cursor of the page to read, from <see cref="SearchResult.NextCursor"/>; the first page when <see langword="null"/>.</summary>
    [JsonPropertyName("cursor")]
    public string? Cursor { get; init; }

    /// <summary>How many hits a page holds (default 20, at most 100).</summary>
    [JsonPropertyName("pageSize")]
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The culture of titles and snippets in the hits (default <c>zh-CN</c>), with the fallback of <see cref="LocalizedText.Get"/>.</summary>
    [JsonPropertyName("culture")]
    public string Culture { get; init; } = LocalizedText.DefaultCulture;

    /// <summary>The page size actually served: <see cref="PageSize"/> limited to 1..<see cref="MaxPageSize"/>.</summary>
    [JsonIgnore]
    public int EffectivePageSize => Math.Clamp(PageSize, 1, MaxPageSize);
}

/// <summary>
/// A condition on one field of a listing. JSON carries the kind first:
/// <c>{"kind":"terms","field":"brand","values":["midea","supor"]}</c> or
/// <c>{"kind":"range","field":"price","from":10000,"to":50000}</c>.
/// </summary>
/// <remarks>
/// Later SDK versions may add kinds; code that switches over filters should treat an unknown kind as unsupported.
/// With default <see cref="System.Text.Json.JsonSerializerOptions"/> the <c>kind</c> property must come first in the object.
/// </remarks>
/// <param name="Field">An attribute key of the market, or one of <see cref="Markets.BuiltInFields"/>.</param>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(TermsFilter), "terms")]
[JsonDerivedType(typeof(RangeFilter), "range")]
public abstract record SearchFilter([property: JsonPropertyName("field"), JsonPropertyOrder(-1)] string Field);

/// <summary>
/// Matches listings whose field has any of the values: a keyword, a choice code, <c>true</c>/<c>false</c>, a
/// merchant or market id. On <see cref="Markets.BuiltInFields.Category"/> a value matches that category path and
/// every path below it.
/// </summary>
/// <param name="Field">An attribute key of the market, or one of <see cref="Markets.BuiltInFields"/>.</param>
/// <param name="Values">The accepted values; a listing passes with any one of them.</param>
public sealed record TermsFilter(
    string Field,
    [property: JsonPropertyName("values")] IReadOnlyList<string> Values) : SearchFilter(Field)
{
    /// <summary>Whether both filters have the same field and the same values in the same order.</summary>
    /// <param name="other">The filter to compare with.</param>
    public bool Equals(TermsFilter? other) => base.Equals(other) && Values.SequenceEqual(other!.Values, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(base.GetHashCode());
        foreach (var value in Values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}

/// <summary>
/// Matches listings whose integer field lies from <see cref="From"/> (inclusive) to <see cref="To"/> (exclusive),
/// the same bounds as <see cref="Markets.FacetRange"/>. On <see cref="Markets.BuiltInFields.Price"/> the bounds are minor
/// units (fen); on a date attribute they are days since 0001-01-01 (<see cref="DateOnly.DayNumber"/>).
/// </summary>
/// <param name="Field">An integer or date attribute key, or <see cref="Markets.BuiltInFields.Price"/>.</param>
/// <param name="From">The lower bound, inclusive; none when <see langword="null"/>.</param>
/// <param name="To">The upper bound, exclusive; none when <see langword="null"/>.</param>
public sealed record RangeFilter(
    string Field,
    [property: JsonPropertyName("from")] long? From,
    [property: JsonPropertyName("to")] long? To) : SearchFilter(Field);
