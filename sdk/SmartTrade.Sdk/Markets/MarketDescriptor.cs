using System.Text.Json.Serialization;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Sdk.Markets;

/// <summary>
/// Describes a market a plugin brings: its identity, the attributes its listings carry and the facets
/// buyers filter by. A plugin declares a market with
/// <see cref="MarketServiceCollectionExtensions.AddMarket(Microsoft.Extensions.DependencyInjection.IServiceCollection, MarketDescriptor)"/>;
/// the host lists it while the plugin is enabled and validates listings against <see cref="Attributes"/>.
/// </summary>
public sealed record MarketDescriptor
{
    /// <summary>
    /// The market's stable identifier, lower-case letters, digits and hyphens (e.g. <c>appliances</c>).
    /// It appears in URLs, search filters and listing records.
    /// </summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Display names, at least <c>zh-CN</c> and <c>en</c>.</summary>
    [JsonPropertyName("names")]
    public required LocalizedText Names { get; init; }

    /// <summary>A short description for the storefront's market list.</summary>
    [JsonPropertyName("description")]
    public LocalizedText? Description { get; init; }

    /// <summary>The currency listings in this market are priced in (ISO 4217, default <c>CNY</c>).</summary>
    [JsonPropertyName("currency")]
    public string Currency { get; init; } = SmartTrade.Sdk.Money.Cny;

    /// <summary>
    /// The units a listing may be sold by, such as <c>piece</c>, <c>kg</c> or <c>tonne</c>; the first is the default.
    /// </summary>
    [JsonPropertyName("units")]
    public IReadOnlyList<SaleUnit> Units { get; init; } = [];

    /// <summary>The market's category tree; a listing names one leaf or inner node by its path.</summary>
    [JsonPropertyName("categories")]
    public IReadOnlyList<CategoryDefinition> Categories { get; init; } = [];

    /// <summary>The attributes a listing in this market carries, with their types and rules.</summary>
    [JsonPropertyName("attributes")]
    public IReadOnlyList<AttributeDefinition> Attributes { get; init; } = [];

    /// <summary>The facets the storefront and search API offer for this market, in display order.</summary>
    [JsonPropertyName("facets")]
    public IReadOnlyList<FacetDefinition> Facets { get; init; } = [];

    /// <summary>
    /// Choices a buyer makes for each line bought in this market (such as a <c>deliveryDate</c>), with their names
    /// and types. The storefront asks for them beside the quantity and shows them on the order; the market's
    /// <see cref="Orders.IOrderLinePolicy"/> decides which are required and which values it accepts.
    /// </summary>
    [JsonPropertyName("lineChoices")]
    public IReadOnlyList<AttributeDefinition> LineChoices { get; init; } = [];

    /// <summary>
    /// What else the market's <see cref="Orders.IOrderLinePolicy"/> keeps on an order line for the buyer to see (such as
    /// the trace code of the batch the goods come from), with names; the order pages show them beside the choices.
    /// </summary>
    [JsonPropertyName("lineDetails")]
    public IReadOnlyList<AttributeDefinition> LineDetails { get; init; } = [];
}

/// <summary>A unit a listing is sold by.</summary>
/// <param name="Code">The unit's code, e.g. <c>piece</c>, <c>kg</c>, <c>tonne</c>, <c>box</c>.</param>
/// <param name="Names">Display names.</param>
public sealed record SaleUnit(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("names")] LocalizedText Names);

/// <summary>A node of a market's category tree.</summary>
public sealed record CategoryDefinition
{
    /// <summary>The node's code, unique among its siblings (e.g. <c>kettle</c>). A listing's category path joins codes with <c>/</c>.</summary>
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    /// <summary>Display names.</summary>
    [JsonPropertyName("names")]
    public required LocalizedText Names { get; init; }

    /// <summary>Child categories.</summary>
    [JsonPropertyName("children")]
    public IReadOnlyList<CategoryDefinition> Children { get; init; } = [];
}
