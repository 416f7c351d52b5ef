using Microsoft.EntityFrameworkCore;
using SmartTrade.Samples.MouldMarket.Inquiries;
using SmartTrade.Sdk.Data;

namespace SmartTrade.Samples.MouldMarket.Data;

/// <summary>The mould market's own tables, prefixed <c>mould_market_</c> in the host's database.</summary>
/// <param name="options">Configured by the host through <see cref="IPluginDatabase"/>.</param>
public sealed class MouldMarketDbContext(DbContextOptions<MouldMarketDbContext> options) : DbContext(options)
{
    /// <summary>Buyers' inquiries.</summary>
    public DbSet<MouldInquiry> Inquiries => Set<MouldInquiry>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<MouldInquiry>(inquiry =>
        {
            inquiry.ToTable("inquiries");
            inquiry.HasKey(i => i.Id);
            inquiry.Property(i => i.BuyerId).HasMaxLength(64);
            inquiry.Property(i => i.MouldType).HasMaxLength(32);
            inquiry.Property(i => i.PartDescription).HasMaxLength(500);
            inquiry.HasIndex(i => i.BuyerId);
        });
        modelBuilder.UsePluginTablePrefix("mould-market");
    }
}
