using System.Text.Json.Serialization;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Plugins.PriceIndex.Indices;

/// <summary>Whether an index follows one polymer's grades or combines the polymer sub-indices.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IndexKind>))]
public enum IndexKind
{
    /// <summary>A sub-index over the grades of one polymer family; its constituents are grade codes.</summary>
    Polymer,

    /// <summary>The composite index; its constituents are sub-index codes.</summary>
    Composite,
}

/// <summary>
/// What an index is and when it is published: enough for anyone to recompute a published value
/// from its inputs. Values follow I = BaseValue x sum(w_i x p_it / p_i0), Laspeyres weights from base-period traded value.
/// </summary>
public sealed record IndexDefinition
{
    /// <summary>The index code, e.g. <c>ZSPI-PP</c>.</summary>
    [JsonPropertyName("code")]
    public required string Code { get; init; }

    /// <summary>Display names.</summary>
    [JsonPropertyName("names")]
    public required LocalizedText Names { get; init; }

    /// <summary>Polymer sub-index or composite.</summary>
    [JsonPropertyName("kind")]
    public required IndexKind Kind { get; init; }

    /// <summary>The polymer codes of the receipt market the index covers (PE covers HDPE, LDPE and LLDPE).</summary>
    [JsonPropertyName("polymers")]
    public required IReadOnlyList<string> Polymers { get; init; }

    /// <summary>Grades (the receipt market's instrument codes, e.g. <c>PP-T30S</c>) for a polymer sub-index; sub-index codes for the composite.</summary>
    [JsonPropertyName("constituents")]
    public required IReadOnlyList<string> Constituents { get; init; }

    /// <summary>The index value at the base date, in index points.</summary>
    [JsonPropertyName("baseValue")]
    public int BaseValue { get; init; } = 1000;

    /// <summary>The trading day whose prices and traded values the index is based on.</summary>
    [JsonPropertyName("baseDate")]
    public required DateOnly BaseDate { get; init; }

    /// <summary>The local times of the publication windows, in <see cref="TimeZone"/>.</summary>
    [JsonPropertyName("publicationTimes")]
    public required IReadOnlyList<TimeOnly> PublicationTimes { get; init; }

    /// <summary>The IANA time zone of <see cref="PublicationTimes"/>.</summary>
    [JsonPropertyName("timeZone")]
    public string TimeZone { get; init; } = "Asia/Shanghai";

    /// <summary>The methodology version published values cite.</summary>
    [JsonPropertyName("methodologyVersion")]
    public required string MethodologyVersion { get; init; }
}
