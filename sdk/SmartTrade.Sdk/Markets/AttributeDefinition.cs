using System.Text.Json.Serialization;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Sdk.Markets;

/// <summary>The type of an attribute value. Numbers are integers in the stated unit; there is no floating point.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AttributeType>))]
public enum AttributeType
{
    /// <summary>Free text, searched as words (Chinese or English).</summary>
    Text,

    /// <summary>A code matched exactly, such as a model number or grade code (e.g. <c>T30S</c>).</summary>
    Keyword,

    /// <summary>An integer in <see cref="AttributeDefinition.Unit"/>, e.g. power 1800 in <c>W</c>.</summary>
    Integer,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>A calendar date (ISO 8601, <c>yyyy-MM-dd</c>).</summary>
    Date,

    /// <summary>One value from <see cref="AttributeDefinition.AllowedValues"/>.</summary>
    Choice,

    /// <summary>Any number of values from <see cref="AttributeDefinition.AllowedValues"/>.</summary>
    MultiChoice,
}

/// <summary>An attribute in a market's schema and the rules a listing's value must follow.</summary>
public sealed record AttributeDefinition
{
    /// <summary>The attribute's key, lower camel case (e.g. <c>powerWatts</c>, <c>brand</c>).</summary>
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    /// <summary>Display names.</summary>
    [JsonPropertyName("names")]
    public required LocalizedText Names { get; init; }

    /// <summary>The value type.</summary>
    [JsonPropertyName("type")]
    public required AttributeType Type { get; init; }

    /// <summary>The unit of an <see cref="AttributeType.Integer"/> value (e.g. <c>W</c>, <c>mL</c>, <c>kg</c>, <c>month</c>).</summary>
    [JsonPropertyName("unit")]
    public string? Unit { get; init; }

    /// <summary>Whether every listing must carry a value.</summary>
    [JsonPropertyName("required")]
    public bool Required { get; init; }

    /// <summary>The smallest allowed integer value, inclusive.</summary>
    [JsonPropertyName("min")]
    public long? Min { get; init; }

    /// <summary>The largest allowed integer value, inclusive.</summary>
    [JsonPropertyName("max")]
    public long? Max { get; init; }

    /// <summary>The longest allowed text, in characters.</summary>
    [JsonPropertyName("maxLength")]
    public int? MaxLength { get; init; }

    /// <summary>The values allowed for <see cref="AttributeType.Choice"/> and <see cref="AttributeType.MultiChoice"/>.</summary>
    [JsonPropertyName("allowedValues")]
    public IReadOnlyList<AllowedValue> AllowedValues { get; init; } = [];

    /// <summary>Whether full-text search covers this attribute.</summary>
    [JsonPropertyName("searchable")]
    public bool Searchable { get; init; }
}

/// <summary>One allowed value of a choice attribute.</summary>
/// <param name="Code">The stored code (e.g. <c>CCC</c>).</param>
/// <param name="Names">Display names.</param>
public sealed record AllowedValue(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("names")] LocalizedText Names);
