using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmartTrade.Plugins.ApplianceMarket.Pricing;

/// <summary>
/// A wholesale price break of a listing: from <see cref="MinQuantity"/> units a line costs <see cref="UnitPriceMinor"/>
/// per unit. Below the smallest break the listing's retail price applies.
/// </summary>
public sealed class PriceTier
{
    /// <summary>The row's id.</summary>
    public long Id { get; set; }

    /// <summary>The listing the break belongs to.</summary>
    public Guid ListingId { get; set; }

    /// <summary>The listing's merchant, who alone may change its tiers.</summary>
    public required string MerchantId { get; set; }

    /// <summary>The smallest quantity, in the listing's unit, that gets this price (at least 2).</summary>
    public long MinQuantity { get; set; }

    /// <summary>The unit price in fen from <see cref="MinQuantity"/> units.</summary>
    public long UnitPriceMinor { get; set; }
}

/// <summary>The table of price tiers: one break per listing and quantity.</summary>
internal sealed class PriceTierConfiguration : IEntityTypeConfiguration<PriceTier>
{
    public void Configure(EntityTypeBuilder<PriceTier> builder)
    {
        builder.ToTable("price_tiers");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.MerchantId).HasMaxLength(64);
        builder.HasIndex(t => new { t.ListingId, t.MinQuantity }).IsUnique();
        builder.HasIndex(t => t.MerchantId);
    }
}
