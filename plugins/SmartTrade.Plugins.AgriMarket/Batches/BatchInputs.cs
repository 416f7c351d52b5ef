using System.Text.Json;
using System.Text.Json.Serialization;

namespace SmartTrade.Plugins.AgriMarket.Batches;

/// <summary>A harvested batch a producer records against one of their listings; its units are added to the listing's stock.</summary>
public sealed record BatchInput
{
    [JsonPropertyName("listingId")]
    public Guid? ListingId { get; init; }

    /// <summary>The field or farm it was picked from.</summary>
    [JsonPropertyName("farm")]
    public string? Farm { get; init; }

    [JsonPropertyName("harvestDate")]
    public DateOnly? HarvestDate { get; init; }

    /// <summary>The quantity harvested, a whole number in <see cref="Unit"/>.</summary>
    [JsonPropertyName("quantity")]
    public long? Quantity { get; init; }

    /// <summary>The quantity's unit: <c>kg</c>.</summary>
    [JsonPropertyName("unit")]
    public string? Unit { get; init; }

    /// <summary>Days it keeps; the listing's shelf life when left out.</summary>
    [JsonPropertyName("shelfLifeDays")]
    public int? ShelfLifeDays { get; init; }

    /// <summary><c>ambient</c>, <c>chilled</c> or <c>frozen</c>; the listing's storage when left out.</summary>
    [JsonPropertyName("storage")]
    public string? Storage { get; init; }

    [JsonPropertyName("inspections")]
    public IReadOnlyList<InspectionInput>? Inspections { get; init; }

    /// <summary>Properties the market does not know; any of them refuses the request.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>A pre-sale a producer opens on one of their listings: sold against a forecast before the harvest.</summary>
public sealed record PreSaleInput
{
    [JsonPropertyName("listingId")]
    public Guid? ListingId { get; init; }

    [JsonPropertyName("farm")]
    public string? Farm { get; init; }

    /// <summary>The forecast harvest, a whole number in <see cref="Unit"/>: it caps what the pre-sale sells.</summary>
    [JsonPropertyName("forecastQuantity")]
    public long? ForecastQuantity { get; init; }

    [JsonPropertyName("unit")]
    public string? Unit { get; init; }

    /// <summary>The first and last day orders are taken (Asia/Shanghai).</summary>
    [JsonPropertyName("saleOpens")]
    public DateOnly? SaleOpens { get; init; }

    [JsonPropertyName("saleCloses")]
    public DateOnly? SaleCloses { get; init; }

    /// <summary>The first and last day buyers may choose for delivery.</summary>
    [JsonPropertyName("deliveryFrom")]
    public DateOnly? DeliveryFrom { get; init; }

    [JsonPropertyName("deliveryTo")]
    public DateOnly? DeliveryTo { get; init; }

    [JsonPropertyName("shelfLifeDays")]
    public int? ShelfLifeDays { get; init; }

    [JsonPropertyName("storage")]
    public string? Storage { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>The harvest of a pre-sale: its pre-sale orders are allocated to it.</summary>
public sealed record HarvestInput
{
    [JsonPropertyName("harvestDate")]
    public DateOnly? HarvestDate { get; init; }

    [JsonPropertyName("quantity")]
    public long? Quantity { get; init; }

    [JsonPropertyName("unit")]
    public string? Unit { get; init; }

    [JsonPropertyName("inspections")]
    public IReadOnlyList<InspectionInput>? Inspections { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; init; }
}

/// <summary>An inspection result as entered.</summary>
public sealed record InspectionInput
{
    /// <summary>One of <see cref="InspectionItems"/>.</summary>
    [JsonPropertyName("item")]
    public string? Item { get; init; }

    [JsonPropertyName("result")]
    public string? Result { get; init; }

    [JsonPropertyName("passed")]
    public bool? Passed { get; init; }

    [JsonPropertyName("agency")]
    public string? Agency { get; init; }
}

/// <summary>What a batch can be inspected for.</summary>
public static class InspectionItems
{
    /// <summary>The items and their names.</summary>
    public static readonly IReadOnlyDictionary<string, SmartTrade.Sdk.Localization.LocalizedText> Names = new Dictionary<string, SmartTrade.Sdk.Localization.LocalizedText>(StringComparer.Ordinal)
    {
        ["pesticide-residue"] = new("农药残留", "Pesticide residue"),
        ["heavy-metals"] = new("重金属", "Heavy metals"),
        ["microbial"] = new("微生物", "Microbial count"),
        ["moisture"] = new("水分", "Moisture"),
        ["additives"] = new("食品添加剂", "Additives"),
    };
}
