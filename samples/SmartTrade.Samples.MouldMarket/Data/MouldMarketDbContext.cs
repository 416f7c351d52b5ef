using Microsoft.EntityFrameworkCore;
using SmartTrade.Samples.MouldMarket.Inquiries;
using SmartTrade.Sdk.Data;

namespace SmartTrade.Samples.MouldMarket.Data;

/// <summary>The mould market's own tables, prefixed <c>mould_market_</c> in the host's database.</summary>
/// <remarks>Its migrations are SQLite's; <see cref="PostgreSql.MouldMarketPostgreSqlDbContext"/> holds the PostgreSQL ones.</remarks>
public class MouldMarketDbContext : DbContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">Configured by the host through <see cref="IPluginDatabase"/>.</param>
    public MouldMarketDbContext(DbContextOptions<MouldMarketDbContext> options)
        : base(options)
    {
    }

    /// <summary>Creates the PostgreSQL subclass, <see cref="PostgreSql.MouldMarketPostgreSqlDbContext"/>.</summary>
    /// <param name="options">The subclass's options.</param>
    protected MouldMarketDbContext(DbContextOptions options)
        : base(options)
    {
    }

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
