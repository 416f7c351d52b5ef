using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmartTrade.Sdk;
using SmartTrade.Sdk.Catalog;
using SmartTrade.Sdk.Localization;

namespace SmartTrade.Platform.Catalog;

/// <summary>
/// A listing as stored. The aggregate guards its own status transitions; <see cref="Version"/> is the optimistic
/// concurrency token and the ETag.
/// </summary>
public sealed class ListingEntity
{
    private static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public Guid Id { get; set; }

    public required string MarketId { get; set; }

    public required string MerchantId { get; set; }

    public required string TitleJson { get; set; }

    public string? DescriptionJson { get; set; }

    public required string CategoryPath { get; set; }

    public long PriceMinor { get; set; }

    public required string Currency { get; set; }

    public required string Unit { get; set; }

    public long Stock { get; set; }

    public required string AttributesJson { get; set; }

    public string ImagesJson { get; set; } = "[]";

    public ListingStatus Status { get; set; }

    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Publishes: Active when in stock, SoldOut otherwise. Allowed from Draft, Suspended and SoldOut.</summary>
    public bool TryPublish()
    {
        if (Status == ListingStatus.Active)
        {
            return false;
        }

        Status = Stock > 0 ? ListingStatus.Active : ListingStatus.SoldOut;
        return true;
    }

    /// <summary>Suspends an Active or SoldOut listing: it is no longer found or bought.</summary>
    public bool TrySuspend()
    {
        if (Status is not (ListingStatus.Active or ListingStatus.SoldOut))
        {
            return false;
        }

        Status = ListingStatus.Suspended;
        return true;
    }

    /// <summary>Keeps Active and SoldOut in step with the stock after it changed.</summary>
    public void ApplyStock(long stock)
    {
        Stock = stock;
        if (Status == ListingStatus.Active && stock == 0)
        {
            Status = ListingStatus.SoldOut;
        }
        else if (Status == ListingStatus.SoldOut && stock > 0)
        {
            Status = ListingStatus.Active;
        }
    }

    /// <summary>The event that tells the index and the plugins about a change of this listing.</summary>
    public ListingChanged Changed(ListingChangeKind kind, DateTimeOffset now) => new()
    {
        ListingId = Id,
        MarketId = MarketId,
        MerchantId = MerchantId,
        ChangeKind = kind,
        Version = Version,
        OccurredAt = now,
    };

    public void Touch(DateTimeOffset now)
    {
        Version++;
        UpdatedAt = now;
    }

    public LocalizedText Title
    {
        get => JsonSerializer.Deserialize<LocalizedText>(TitleJson, Json)!;
        set => TitleJson = JsonSerializer.Serialize(value, Json);
    }

    public LocalizedText? Description
    {
        get => DescriptionJson is null ? null : JsonSerializer.Deserialize<LocalizedText>(DescriptionJson, Json);
        set => DescriptionJson = value is null || value.Count == 0 ? null : JsonSerializer.Serialize(value, Json);
    }

    public IReadOnlyDictionary<string, AttributeValue> Attributes
    {
        get => JsonSerializer.Deserialize<Dictionary<string, AttributeValue>>(AttributesJson, Json)!;
        set => AttributesJson = JsonSerializer.Serialize(value, Json);
    }

    public IReadOnlyList<ListingImage> Images
    {
        get => JsonSerializer.Deserialize<List<ListingImage>>(ImagesJson, Json)!;
        set => ImagesJson = JsonSerializer.Serialize(value, Json);
    }

    public Listing ToListing() => new()
    {
        Id = Id,
        MarketId = MarketId,
        MerchantId = MerchantId,
        Title = Title,
        Description = Description,
        CategoryPath = CategoryPath,
        Price = new Money(PriceMinor, Currency),
        Unit = Unit,
        Stock = Stock,
        Attributes = Attributes,
        Images = Images,
        Status = Status,
        Version = Version,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };
}

internal sealed class ListingEntityConfiguration : IEntityTypeConfiguration<ListingEntity>
{
    public void Configure(EntityTypeBuilder<ListingEntity> listing)
    {
        listing.ToTable("catalog_listings");
        listing.HasKey(l => l.Id);
        listing.Ignore(l => l.Title);
        listing.Ignore(l => l.Description);
        listing.Ignore(l => l.Attributes);
        listing.Ignore(l => l.Images);
        listing.Property(l => l.MarketId).HasMaxLength(64);
        listing.Property(l => l.MerchantId).HasMaxLength(64);
        listing.Property(l => l.CategoryPath).HasMaxLength(256);
        listing.Property(l => l.Currency).HasMaxLength(3);
        listing.Property(l => l.Unit).HasMaxLength(32);
        listing.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        listing.Property(l => l.Version).IsConcurrencyToken();
        listing.HasIndex(l => new { l.MerchantId, l.MarketId });
        listing.HasIndex(l => l.MarketId);
    }
}
