using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.AgriMarket.Batches;
using SmartTrade.Plugins.AgriMarket.Data;

namespace SmartTrade.Plugins.AgriMarket.Trace;

/// <summary>
/// What anyone may read about a batch by its trace code: the farm, the harvest, the inspections, and where it went.
/// The orders are shown by a masked number, units, delivery date and day placed: nothing about the buyers.
/// </summary>
public sealed record TraceRecord
{
    [JsonPropertyName("traceCode")]
    public required string TraceCode { get; init; }

    [JsonPropertyName("listingId")]
    public required Guid ListingId { get; init; }

    [JsonPropertyName("title")]
    public required string Title { get; init; }

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

    [JsonPropertyName("shipments")]
    public IReadOnlyList<TraceShipment> Shipments { get; init; } = [];

    /// <summary>Reads the record of a trace code, or null when no batch has it.</summary>
    public static async Task<TraceRecord?> FindAsync(AgriDbContext db, string traceCode, CancellationToken cancellationToken)
    {
        var code = traceCode.Trim().ToUpperInvariant();
        var batch = await db.Batches.AsNoTracking().FirstOrDefaultAsync(b => b.TraceCode == code, cancellationToken);
        if (batch is null)
        {
            return null;
        }

        var allocations = await db.Allocations.AsNoTracking()
            .Where(a => a.BatchId == batch.Id && a.State != AllocationState.Released)
            .ToListAsync(cancellationToken);
        return new TraceRecord
        {
            TraceCode = batch.TraceCode,
            ListingId = batch.ListingId,
            Title = batch.ListingTitle,
            Product = batch.Product,
            Producer = batch.ProducerName,
            OriginTown = batch.OriginTown,
            OriginVillage = batch.OriginVillage,
            Farm = batch.Farm,
            Status = batch.Status,
            HarvestDate = batch.HarvestDate,
            QuantityKg = batch.QuantityKg,
            ShelfLifeDays = batch.ShelfLifeDays,
            ExpiresOn = batch.ExpiresOn,
            Storage = batch.Storage,
            Inspections = batch.Inspections,
            PreSale = PreSaleWindows.Of(batch),
            Shipments = allocations
                .OrderBy(a => a.PlacedAt).ThenBy(a => a.Id)
                .Select(a => new TraceShipment(Mask(a.OrderNumber), a.Units, a.DeliveryDate, AgriCalendar.DayOf(a.PlacedAt), a.State))
                .ToList(),
        };
    }

    /// <summary>
    /// An order number with its random part hidden but the last two characters (SO20261129******3F): enough for its
    /// buyer to recognise it, nothing to look an order up by.
    /// </summary>
    public static string Mask(string orderNumber)
        => orderNumber.Length <= 6
            ? new string('*', orderNumber.Length)
            : $"{orderNumber[..Math.Min(10, orderNumber.Length - 4)]}******{orderNumber[^2..]}";
}

/// <summary>An order a batch went to, without its buyer.</summary>
public sealed record TraceShipment(
    [property: JsonPropertyName("order")] string Order,
    [property: JsonPropertyName("units")] long Units,
    [property: JsonPropertyName("deliveryDate")] DateOnly? DeliveryDate,
    [property: JsonPropertyName("placedOn")] DateOnly PlacedOn,
    [property: JsonPropertyName("state")][property: JsonConverter(typeof(JsonStringEnumConverter<AllocationState>))] AllocationState State);
