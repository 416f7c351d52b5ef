using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmartTrade.Plugins.AgriMarket.Batches;

/// <summary>Where a batch is in its life.</summary>
public enum BatchStatus
{
    /// <summary>A pre-sale: sold against a forecast before the harvest; orders wait to be allocated.</summary>
    Planned,

    /// <summary>Harvested and on sale within its shelf life.</summary>
    Harvested,

    /// <summary>Past its shelf life: what was left of it is off sale.</summary>
    Expired,
}

/// <summary>
/// A harvest batch of one producer's listing: where and when it was picked, how much, how long it keeps, how it is
/// stored, what inspection found, and its public trace code. A pre-sale is a batch planned before harvest, with a
/// sale window, a delivery window and a forecast that caps what is sold; its harvest fills in the rest.
/// </summary>
public sealed class HarvestBatch
{
    public Guid Id { get; set; }

    /// <summary>The public trace code, printed on the buyer's order.</summary>
    public required string TraceCode { get; set; }

    /// <summary>The producer (the listing's merchant).</summary>
    public required string MerchantId { get; set; }

    /// <summary>The listing the batch is sold through.</summary>
    public Guid ListingId { get; set; }

    /// <summary>Snapshots of the listing when the batch was recorded, for the trace page.</summary>
    public required string ListingTitle { get; set; }

    public required string Product { get; set; }

    public required string ProducerName { get; set; }

    public required string OriginTown { get; set; }

    public string? OriginVillage { get; set; }

    /// <summary>The field or farm the batch was picked from.</summary>
    public required string Farm { get; set; }

    public BatchStatus Status { get; set; }

    /// <summary>The harvest date; null while a pre-sale waits for its harvest.</summary>
    public DateOnly? HarvestDate { get; set; }

    /// <summary>The harvested quantity in kg; 0 while planned.</summary>
    public long QuantityKg { get; set; }

    /// <summary>The listing's units the batch makes (the forecast while planned).</summary>
    public long Units { get; set; }

    /// <summary>The forecast of a pre-sale, in kg and in the listing's units.</summary>
    public long? ForecastKg { get; set; }

    public long? ForecastUnits { get; set; }

    public int ShelfLifeDays { get; set; }

    /// <summary><c>ambient</c>, <c>chilled</c> or <c>frozen</c>.</summary>
    public required string Storage { get; set; }

    /// <summary>The first day the batch is past its shelf life (harvest date plus shelf life); null while planned.</summary>
    public DateOnly? ExpiresOn { get; set; }

    public string InspectionsJson { get; set; } = "[]";

    /// <summary>The pre-sale's windows (inclusive dates, Asia/Shanghai); null for a batch sold from stock.</summary>
    public DateOnly? SaleOpens { get; set; }

    public DateOnly? SaleCloses { get; set; }

    public DateOnly? DeliveryFrom { get; set; }

    public DateOnly? DeliveryTo { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public DateTimeOffset? HarvestedAt { get; set; }

    public DateTimeOffset? ExpiredAt { get; set; }

    /// <summary>The concurrency version.</summary>
    public long Version { get; set; }

    public bool IsPreSale => SaleOpens is not null;

    public IReadOnlyList<Inspection> Inspections
    {
        get => JsonSerializer.Deserialize<List<Inspection>>(InspectionsJson, JsonSerializerOptions.Web)!;
        set => InspectionsJson = JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
    }

    /// <summary>Whether the batch is on sale on <paramref name="today"/>: planned, or harvested and within its shelf life.</summary>
    public bool IsLive(DateOnly today) => Status == BatchStatus.Planned || (Status == BatchStatus.Harvested && ExpiresOn > today);

    /// <summary>Whether a pre-sale takes orders on <paramref name="today"/>.</summary>
    public bool IsSaleOpen(DateOnly today) => Status == BatchStatus.Planned && SaleOpens <= today && today <= SaleCloses;
}

/// <summary>An inspection result of a batch, such as a pesticide residue test.</summary>
/// <param name="Item">What was tested, one of <see cref="InspectionItems"/>.</param>
/// <param name="Result">The measured value as reported (e.g. <c>0.01 mg/kg</c>, <c>未检出</c>).</param>
/// <param name="Passed">Whether it is within the standard.</param>
/// <param name="Agency">Who tested it, when given.</param>
public sealed record Inspection(string Item, string Result, bool Passed, string? Agency = null);

internal sealed class HarvestBatchConfiguration : IEntityTypeConfiguration<HarvestBatch>
{
    public void Configure(EntityTypeBuilder<HarvestBatch> batch)
    {
        batch.ToTable("batches");
        batch.HasKey(b => b.Id);
        batch.Property(b => b.TraceCode).HasMaxLength(24);
        batch.HasIndex(b => b.TraceCode).IsUnique();
        batch.Property(b => b.MerchantId).HasMaxLength(64);
        batch.Property(b => b.ListingTitle).HasMaxLength(256);
        batch.Property(b => b.Product).HasMaxLength(64);
        batch.Property(b => b.ProducerName).HasMaxLength(128);
        batch.Property(b => b.OriginTown).HasMaxLength(64);
        batch.Property(b => b.OriginVillage).HasMaxLength(64);
        batch.Property(b => b.Farm).HasMaxLength(128);
        batch.Property(b => b.Storage).HasMaxLength(16);
        batch.Property(b => b.Status).HasConversion<string>().HasMaxLength(16);
        batch.Property(b => b.Version).IsConcurrencyToken();
        batch.Ignore(b => b.Inspections);
        batch.Ignore(b => b.IsPreSale);
        batch.HasIndex(b => b.ListingId);
        batch.HasIndex(b => b.MerchantId);
        batch.HasIndex(b => new { b.Status, b.ExpiresOn });
    }
}
