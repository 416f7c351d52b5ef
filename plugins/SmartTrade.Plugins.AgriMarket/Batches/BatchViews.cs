using System.Text.Json.Serialization;

namespace SmartTrade.Plugins.AgriMarket.Batches;

/// <summary>A batch as its producer sees it.</summary>
public sealed record BatchView
{
    [JsonPropertyName("id")]
    public required Guid Id { get; init; }

    [JsonPropertyName("traceCode")]
    public required string TraceCode { get; init; }

    [JsonPropertyName("listingId")]
    public required Guid ListingId { get; init; }

    [JsonPropertyName("listingTitle")]
    public required string ListingTitle { get; init; }

    [JsonPropertyName("product")]
    public required string Product { get; init; }

    [JsonPropertyName("producer")]
    public required string Producer { get; init; }

    [JsonPropertyName("originTown")]
    public required string OriginTown { get; init; }

    [JsonPropertyName("originVillage")]
    public string? OriginVillage { get; init; }

    [JsonPropertyName("farm")]
    public required string Farm { get; init; }

    [JsonPropertyName("status")]
    [JsonConverter(typeof(JsonStringEnumConverter<BatchStatus>))]
    public required BatchStatus Status { get; init; }

    [JsonPropertyName("harvestDate")]
    public DateOnly? HarvestDate { get; init; }

    [JsonPropertyName("quantityKg")]
    public long QuantityKg { get; init; }

    /// <summary>The listing's units the batch makes (the forecast while planned).</summary>
    [JsonPropertyName("units")]
    public long Units { get; init; }

    [JsonPropertyName("forecastKg")]
    public long? ForecastKg { get; init; }

    [JsonPropertyName("shelfLifeDays")]
    public int ShelfLifeDays { get; init; }

    [JsonPropertyName("expiresOn")]
    public DateOnly? ExpiresOn { get; init; }

    [JsonPropertyName("storage")]
    public required string Storage { get; init; }

    [JsonPropertyName("inspections")]
    public IReadOnlyList<Inspection> Inspections { get; init; } = [];

    [JsonPropertyName("preSale")]
    public PreSaleWindows? PreSale { get; init; }

    /// <summary>Units of orders filled from the batch.</summary>
    [JsonPropertyName("allocatedUnits")]
    public long AllocatedUnits { get; init; }

    /// <summary>Units of pre-sale orders waiting for the harvest.</summary>
    [JsonPropertyName("reservedUnits")]
    public long ReservedUnits { get; init; }

    /// <summary>Units of pre-sale orders the harvest fell short of.</summary>
    [JsonPropertyName("shortfallUnits")]
    public long ShortfallUnits { get; init; }

    public static BatchView From(HarvestBatch batch, long allocated, long reserved, long shortfall) => new()
    {
        Id = batch.Id,
        TraceCode = batch.TraceCode,
        ListingId = batch.ListingId,
        ListingTitle = batch.ListingTitle,
        Product = batch.Product,
        Producer = batch.ProducerName,
        OriginTown = batch.OriginTown,
        OriginVillage = batch.OriginVillage,
        Farm = batch.Farm,
        Status = batch.Status,
        HarvestDate = batch.HarvestDate,
        QuantityKg = batch.QuantityKg,
        Units = batch.Units,
        ForecastKg = batch.ForecastKg,
        ShelfLifeDays = batch.ShelfLifeDays,
        ExpiresOn = batch.ExpiresOn,
        Storage = batch.Storage,
        Inspections = batch.Inspections,
        PreSale = PreSaleWindows.Of(batch),
        AllocatedUnits = allocated,
        ReservedUnits = reserved,
        ShortfallUnits = shortfall,
    };
}

/// <summary>A pre-sale's windows, inclusive days in Asia/Shanghai.</summary>
public sealed record PreSaleWindows(
    [property: JsonPropertyName("saleOpens")] DateOnly SaleOpens,
    [property: JsonPropertyName("saleCloses")] DateOnly SaleCloses,
    [property: JsonPropertyName("deliveryFrom")] DateOnly DeliveryFrom,
    [property: JsonPropertyName("deliveryTo")] DateOnly DeliveryTo,
    [property: JsonPropertyName("forecastUnits")] long? ForecastUnits)
{
    public static PreSaleWindows? Of(HarvestBatch batch)
        => batch is { SaleOpens: { } opens, SaleCloses: { } closes, DeliveryFrom: { } from, DeliveryTo: { } to }
            ? new PreSaleWindows(opens, closes, from, to, batch.ForecastUnits)
            : null;
}

/// <summary>A producer known from the batches they recorded.</summary>
public sealed record ProducerView(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("originTown")] string OriginTown,
    [property: JsonPropertyName("originVillage")] string? OriginVillage,
    [property: JsonPropertyName("products")] IReadOnlyList<string> Products,
    [property: JsonPropertyName("batches")] int Batches,
    [property: JsonPropertyName("recentTraceCodes")] IReadOnlyList<string> RecentTraceCodes);
