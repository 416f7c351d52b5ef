using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SmartTrade.Plugins.AgriMarket.Batches;

/// <summary>Where an order line stands against its batch.</summary>
public enum AllocationState
{
    /// <summary>A pre-sale order waiting for the harvest.</summary>
    Reserved,

    /// <summary>Filled from the batch.</summary>
    Allocated,

    /// <summary>A pre-sale order the harvest fell short of.</summary>
    Shortfall,

    /// <summary>The order was cancelled.</summary>
    Released,
}

/// <summary>
/// An order line served from a batch: which order (by number, never by buyer), how many units, the delivery date
/// chosen. The trace page lists these as where the batch went.
/// </summary>
public sealed class BatchAllocation
{
    public Guid Id { get; set; }

    public Guid BatchId { get; set; }

    public Guid OrderId { get; set; }

    public required string OrderNumber { get; set; }

    public Guid ListingId { get; set; }

    public long Units { get; set; }

    public DateOnly? DeliveryDate { get; set; }

    public AllocationState State { get; set; }

    public DateTimeOffset PlacedAt { get; set; }

    public DateTimeOffset? AllocatedAt { get; set; }
}

internal sealed class BatchAllocationConfiguration : IEntityTypeConfiguration<BatchAllocation>
{
    public void Configure(EntityTypeBuilder<BatchAllocation> allocation)
    {
        allocation.ToTable("allocations");
        allocation.HasKey(a => a.Id);
        allocation.Property(a => a.OrderNumber).HasMaxLength(32);
        allocation.Property(a => a.State).HasConversion<string>().HasMaxLength(16);
        allocation.HasIndex(a => new { a.OrderId, a.ListingId }).IsUnique();
        allocation.HasIndex(a => new { a.BatchId, a.State });
    }
}
