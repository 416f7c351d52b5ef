using Microsoft.EntityFrameworkCore;
using SmartTrade.Plugins.AgriMarket.Batches;
using SmartTrade.Sdk.Data;

namespace SmartTrade.Plugins.AgriMarket.Data;

/// <summary>The plugin's own tables, prefixed <c>agri_market_</c>: harvest batches (and pre-sales) and where each batch went.</summary>
/// <remarks>Its migrations are SQLite's; <see cref="PostgreSql.AgriPostgreSqlDbContext"/> holds the PostgreSQL ones.</remarks>
public class AgriDbContext : DbContext
{
    /// <summary>The plugin's id, which prefixes its tables.</summary>
    public const string PluginId = "agri-market";

    /// <summary>Creates the context.</summary>
    /// <param name="options">Configured by the host through <see cref="IPluginDatabase"/>.</param>
    public AgriDbContext(DbContextOptions<AgriDbContext> options)
        : base(options)
    {
    }

    /// <summary>Creates the PostgreSQL subclass, <see cref="PostgreSql.AgriPostgreSqlDbContext"/>.</summary>
    /// <param name="options">The subclass's options.</param>
    protected AgriDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Harvest batches and pre-sales.</summary>
    public DbSet<HarvestBatch> Batches => Set<HarvestBatch>();

    /// <summary>Order lines served from batches.</summary>
    public DbSet<BatchAllocation> Allocations => Set<BatchAllocation>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AgriDbContext).Assembly);
        modelBuilder.UsePluginTablePrefix(PluginId);
    }
}
